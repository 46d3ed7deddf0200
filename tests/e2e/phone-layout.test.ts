/**
 * The reader's experience on phones and listings, measured in Chromium on the
 * sample site (content/): the header's height, where an article's picture
 * starts, how long the front page is, that each image's file fits its slot,
 * "See more" and wide tables. The figures are the targets in the README's
 * "Reading on phones" section.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, siteInBrowser } from '../../harness/browser';
import { loadPage } from '../../harness/html';
import { headerHeight, heroTop, imageFits, pageScreens, richCardLinks } from '../../harness/layout';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const SMALL_PHONE: BrowserContextOptions = { viewport: { width: 320, height: 568 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 };
const sized = (width: number, height = 900): BrowserContextOptions => ({ viewport: { width, height } });

describe.runIf(browserAvailable())('reading the sample site on a phone and in listings', () => {
  const sampleSite = inject('sampleSite');
  const browser = siteInBrowser(() => sampleSite);
  const front = loadPage(sampleSite, '/');
  const lead = front.querySelector('.lead-story .story-title a')!.getAttribute('href')!;
  const lastSection = [...front.querySelectorAll('.section-nav a')].at(-1)!.getAttribute('href')!;
  const firstTag = loadPage(sampleSite, lead).querySelector('.tags a')!.getAttribute('href')!;
  // A four-column table, wider than a 320 px screen.
  const withTable = '/articles/measles-catch-up-vaccination/';

  describe('the header', () => {
    it('takes at most 15% of a 390×844 screen and 20% of a 320×568 one', async () => {
      const phone = await browser.open(lead, PHONE);
      expect(await headerHeight(phone)).toBeLessThanOrEqual(0.15 * 844);
      const small = await browser.open(lead, SMALL_PHONE);
      expect(await headerHeight(small)).toBeLessThanOrEqual(0.2 * 568);
    });

    it('keeps the masthead, search and theme buttons on one row and the sections on another at 320 px, with nothing wider than the screen', async () => {
      const page = await browser.open(lastSection, SMALL_PHONE);
      const layout = await page.evaluate(() => {
        const mid = (sel: string) => {
          const r = document.querySelector(sel)!.getBoundingClientRect();
          return Math.round(r.top + r.height / 2);
        };
        const items = [...document.querySelectorAll('.section-nav li')].map((li) => li.getBoundingClientRect().top);
        return {
          rows: new Set([mid('.brand'), mid('.search-button'), mid('.theme-toggle')]).size,
          sectionRows: new Set(items).size,
          pageWidth: document.documentElement.scrollWidth,
        };
      });
      expect(layout).toEqual({ rows: 1, sectionRows: 1, pageWidth: 320 });
    });

    it('scrolls the row of sections so the current section is in view', async () => {
      const page = await browser.open(lastSection, PHONE);
      const { link, nav } = await page.evaluate(() => ({
        link: document.querySelector('.section-nav [aria-current="page"]')!.getBoundingClientRect().toJSON() as DOMRect,
        nav: document.querySelector('.section-nav ul')!.getBoundingClientRect().toJSON() as DOMRect,
      }));
      expect(link.left).toBeGreaterThanOrEqual(nav.left);
      expect(link.right).toBeLessThanOrEqual(nav.right);
    });

    it('opens the search box from the search button, with the cursor in it, inside a 320 px screen, and closes it again', async () => {
      const page = await browser.open('/', SMALL_PHONE);
      const input = page.locator('#site-search');
      expect(await input.isVisible()).toBe(false);
      await page.locator('.search-button').click();
      expect(await input.isVisible()).toBe(true);
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.locator('.search-button').getAttribute('aria-expanded')).toBe('true');
      const submit = await page.locator('.search-form button[type="submit"]').boundingBox();
      expect(submit!.x + submit!.width).toBeLessThanOrEqual(320);
      await page.locator('.search-button').click();
      expect(await input.isVisible()).toBe(false);
    });

    it('makes every header button, section and footer link and front-page section title a target a thumb can hit: 44 px tall, none overlapping', async () => {
      const page = await browser.open(lead, PHONE);
      const boxes = async (selector: string, on = page) =>
        (await on.locator(selector).evaluateAll((links) => links.map((a) => a.getBoundingClientRect().toJSON() as DOMRect))).filter((b) => b.width > 0);
      const header = await boxes('.section-nav a');
      const buttons = await boxes('.search-button, .theme-toggle');
      const footer = await boxes('.site-footer nav a');
      const front = await browser.open('/', PHONE);
      const titles = await boxes('.block-title a, .more-link a', front);
      expect(header.length).toBeGreaterThan(5);
      expect(buttons.length).toBe(2);
      expect(titles.length).toBeGreaterThan(3);
      for (const [name, targets] of Object.entries({ header, buttons, footer, titles })) {
        expect(Math.min(...targets.map((b) => Math.round(b.height))), name).toBeGreaterThanOrEqual(44);
      }
      // A section title's target reaches past its line without moving it.
      const line = await front.locator('.block-title').first().evaluate((h) => parseFloat(getComputedStyle(h).lineHeight));
      const title = await front.locator('.block-title').first().evaluate((h) => h.getBoundingClientRect().height - parseFloat(getComputedStyle(h).paddingTop) - parseFloat(getComputedStyle(h).borderTopWidth));
      expect(Math.abs(title - line)).toBeLessThan(2);
      const overlaps = footer.filter((a, i) => footer.some((b, j) => i !== j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));
      expect(overlaps).toEqual([]);
    });

    it('makes an article’s tags, share buttons and neighbours, a listing’s page links and the archive’s months 44 px targets on a touch screen', async () => {
      const heights = async (path: string, selector: string) => {
        const page = await browser.open(path, PHONE);
        return page.locator(selector).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => Math.round(el.getBoundingClientRect().height)));
      };
      const pills = await heights(lead, '.tags a, .share a, .copy-link, .neighbours a');
      const pages = await heights('/latest/', '.pagination a');
      const months = await heights('/archive/', '.archive-months a');
      const otherMonths = await heights('/archive/2025/06/', '.neighbours a');
      expect(pills.length).toBeGreaterThan(5);
      expect(pages.length).toBeGreaterThan(0);
      expect(months.length).toBeGreaterThan(5);
      expect(otherMonths.length).toBe(2);
      expect(Math.min(...pills, ...pages, ...months, ...otherMonths)).toBeGreaterThanOrEqual(44);
    });

    it('draws the whole focus ring of each section a keyboard reaches in the phone’s row, clear of its faded edge', async () => {
      // A narrow window or a desktop zoomed to 400% gets the phone header too, and is read by keyboard.
      const page = await browser.open(lead, sized(390, 844));
      const cut: string[] = [];
      let reached = 0;
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
          const link = document.activeElement!;
          if (!link.closest('.section-nav')) return null;
          const style = getComputedStyle(link);
          const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
          const box = link.getBoundingClientRect();
          const row = link.closest('ul')!.getBoundingClientRect();
          const fade = getComputedStyle(link.closest('ul')!).maskImage === 'none' ? 0 : 32; // a mask fades the row's last 2rem
          const inside = box.top - reach >= row.top && box.bottom + reach <= row.bottom && box.left - reach >= row.left && box.right + reach <= row.right - fade;
          return { name: link.textContent ?? '', inside };
        });
        if (ring) {
          reached++;
          if (!ring.inside) cut.push(ring.name);
        } else if (reached > 0) break;
      }
      expect(reached).toBeGreaterThan(5);
      expect(cut).toEqual([]);
    });

    it('keeps the desktop look: tagline and search box in the masthead, no search button', async () => {
      const page = await browser.open('/', DESKTOP);
      expect(await page.locator('.tagline').isVisible()).toBe(true);
      expect(await page.locator('#site-search').isVisible()).toBe(true);
      expect(await page.locator('.search-button').isVisible()).toBe(false);
    });

    it('starts an article’s picture within the first 390×844 screen', async () => {
      const page = await browser.open(lead, PHONE);
      expect(await heroTop(page)).toBeLessThan(844);
    });
  });

  describe('the front page', () => {
    it('scrolls through in at most 8 screens at 390×844', async () => {
      const page = await browser.open('/', PHONE);
      expect(await pageScreens(page)).toBeLessThanOrEqual(8);
    });

    it('shows each story in one card with a picture or summary, at most', async () => {
      const links = await richCardLinks(await browser.open('/', PHONE));
      expect(links.length).toBeGreaterThan(10);
      expect(links.filter((link, i) => links.indexOf(link) !== i)).toEqual([]);
    });

    it('shows phone stories as compact rows, the thumbnail beside the headline', async () => {
      const page = await browser.open('/', PHONE);
      const rows = await page.locator('.block .story.has-image').evaluateAll((cards) =>
        cards.map((card) => {
          const title = card.querySelector('.story-title')!.getBoundingClientRect();
          const thumb = card.querySelector('.story-image')!.getBoundingClientRect();
          return { beside: thumb.left >= title.right, thumbWidth: Math.round(thumb.width) };
        }),
      );
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows) expect(row).toEqual({ beside: true, thumbWidth: 104 });
    });

    it('does not repeat a section block’s name on its own cards', async () => {
      const page = await browser.open('/', DESKTOP);
      expect(await page.locator('.block .section-label').count()).toBe(0);
    });
  });

  it('gives section, tag, source and archive listings compact rows on phones', async () => {
    const archive = [...loadPage(sampleSite, '/archive/').querySelectorAll('main a')].map((a) => a.getAttribute('href')!).find((href) => /^\/archive\/\d{4}\/\d{2}\/$/.test(href))!;
    const source = loadPage(sampleSite, '/source/').querySelector('main a[href^="/source/"]')!.getAttribute('href')!;
    for (const path of [lastSection, firstTag, source, archive]) {
      const page = await browser.open(path, PHONE);
      const card = page.locator('.stories .story.has-image').first();
      const [title, thumb] = await Promise.all([card.locator('.story-title').boundingBox(), card.locator('.story-image').boundingBox()]);
      expect(thumb!.x, path).toBeGreaterThanOrEqual(title!.x + title!.width);
      expect(thumb!.width, path).toBeLessThan(120);
    }
  });

  describe('every picture’s file fits its slot (0.9× to 2.5× the drawn width × DPR)', () => {
    for (const [name, options] of [['390×844 at DPR 3', PHONE], ['1366×900 at DPR 1', DESKTOP]] as const) {
      it(`on the front page, an article, listings and search results at ${name}`, async () => {
        let checked = 0;
        for (const path of ['/', lead, lastSection, firstTag, '/latest/', '/search/?q=rice']) {
          const page = await browser.open(path, options);
          if (path.startsWith('/search/')) await page.locator('#search-results li').first().waitFor();
          for (const fit of await imageFits(page)) {
            checked += 1;
            expect(fit.ratio, `${path}: ${fit.src} for ${fit.needed} device pixels`).toBeGreaterThanOrEqual(0.9);
            expect(fit.ratio, `${path}: ${fit.src} for ${fit.needed} device pixels`).toBeLessThanOrEqual(2.5);
          }
        }
        expect(checked).toBeGreaterThan(40);
      });
    }
  });

  describe('"See more"', () => {
    it('links each picture to its story, hidden from screen readers and skipped by Tab', async () => {
      const page = await browser.open(lead, DESKTOP);
      const cards = await page.locator('#related .story:has(.story-image img)').evaluateAll((cards) =>
        cards.map((card) => {
          const picture = card.querySelector('a.story-image');
          return {
            headline: card.querySelector('.story-title a')!.getAttribute('href'),
            picture: picture?.getAttribute('href'),
            hidden: picture?.getAttribute('aria-hidden'),
            tabindex: picture?.getAttribute('tabindex'),
          };
        }),
      );
      expect(cards.length).toBeGreaterThanOrEqual(4);
      for (const card of cards) expect(card).toEqual({ headline: card.headline, picture: card.headline, hidden: 'true', tabindex: '-1' });
    });

    /** Rows of the See-more grid: how many teasers each holds, and whether their pictures line up. */
    const gridRows = (page: Page) =>
      page.locator('#related ol').evaluate((list) => {
        const rows = new Map<number, { count: number; pictureTops: Set<number> }>();
        for (const li of list.children) {
          const top = Math.round(li.getBoundingClientRect().top);
          const row = rows.get(top) ?? { count: 0, pictureTops: new Set<number>() };
          row.count += 1;
          const picture = li.querySelector('.story-image');
          if (picture) row.pictureTops.add(Math.round(picture.getBoundingClientRect().top));
          rows.set(top, row);
        }
        return [...rows.values()].map((r) => ({ count: r.count, aligned: r.pictureTops.size <= 1 }));
      });

    it('fills every row, six teasers 3×2, 2×3 or 1×6, at any width', async () => {
      const expected: Record<number, number> = { 320: 1, 390: 1, 768: 2, 1024: 3, 1366: 3 };
      for (const [width, perRow] of Object.entries(expected)) {
        const page = await browser.open(lead, sized(Number(width)));
        const rows = await gridRows(page);
        expect(rows.map((r) => r.count), `${width} px`).toEqual(Array(6 / perRow).fill(perRow));
        expect(rows.every((r) => r.aligned), `${width} px`).toBe(true);
      }
    });

    it('lays out eight teasers 4×2 on a wide screen and 2×4 on a tablet, pictureless ones aligned', async () => {
      for (const [width, perRow] of [[1366, 4], [768, 2]] as const) {
        const page = await browser.open(lead, sized(width));
        // Eight teasers, as site.config.ts's related.count = 8 gives: two more, one without a picture.
        await page.locator('#related ol').evaluate((list) => {
          const copies = [...list.children].slice(0, 2).map((li) => li.cloneNode(true) as HTMLElement);
          copies[1]!.querySelector('.story-image')!.replaceWith(document.querySelector('.story-image-empty')?.cloneNode(true) ?? Object.assign(document.createElement('div'), { className: 'story-image story-image-empty' }));
          list.append(...copies);
        });
        const rows = await gridRows(page);
        expect(rows.map((r) => r.count), `${width} px`).toEqual(Array(8 / perRow).fill(perRow));
        expect(rows.every((r) => r.aligned), `${width} px`).toBe(true);
      }
    });

    it('clamps summaries to three lines and keeps the section label and date on one line', async () => {
      const page = await browser.open(lead, sized(1024));
      const cards = await page.locator('#related .story').evaluateAll((cards) =>
        cards.map((card) => {
          const summary = card.querySelector('.story-summary')!;
          const meta = card.querySelector('.story-meta')!;
          const label = meta.querySelector('.section-label')!.getBoundingClientRect();
          const time = meta.querySelector('time')!.getBoundingClientRect();
          return {
            summaryLines: Math.round(summary.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(summary).lineHeight)),
            sameLine: Math.round(label.top) === Math.round(time.top),
            apart: label.right <= time.left,
          };
        }),
      );
      for (const card of cards) {
        expect(card.summaryLines).toBeLessThanOrEqual(3);
        expect(card).toMatchObject({ sameLine: true, apart: true });
      }
    });
  });

  it('shows that a wide table scrolls, and keeps its first column in view while it does', async () => {
    const page = await browser.open(withTable, SMALL_PHONE);
    const box = page.locator('.table-scroll').first();
    await box.scrollIntoViewIfNeeded();
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await box.locator('.table-hint').isVisible()).toBe(true);
    const before = await box.locator('tr:first-child > :first-child').first().boundingBox();
    await box.evaluate((el) => el.scrollBy({ left: 200, behavior: 'instant' }));
    const after = await box.locator('tr:first-child > :first-child').first().boundingBox();
    expect(after!.x).toBe(before!.x);
    // On a wide screen the same table fits, and says nothing.
    const desktop = await browser.open(withTable, DESKTOP);
    expect(await desktop.locator('.table-hint').first().isVisible()).toBe(false);
  });

  it('shades the edge of a wide table where more columns hide, in the dark scheme as in the light', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.open(withTable, { ...SMALL_PHONE, colorScheme });
      const box = page.locator('.table-scroll').first();
      await box.scrollIntoViewIfNeeded();
      // The table hidden, what is left is the box's background: its edge shadow against the page.
      await box.evaluate((el) => (el.querySelector('table')!.style.visibility = 'hidden'));
      const { data, info } = await sharp(await box.screenshot()).greyscale().raw().toBuffer({ resolveWithObject: true });
      const column = (x: number) => {
        const rows = Array.from({ length: Math.floor(info.height / 2) }, (_, i) => data[(info.height - 1 - i) * info.width + x]!);
        return rows.reduce((a, b) => a + b, 0) / rows.length;
      };
      const shade = Math.abs(column(info.width - 2) - column(Math.floor(info.width / 2)));
      expect(shade, colorScheme).toBeGreaterThan(20);
    }
  });

  it('prints an article with the site’s name and the article’s address', async () => {
    const page = await browser.open(lead, DESKTOP);
    await page.emulateMedia({ media: 'print' });
    const text = await page.locator('.print-address').innerText();
    expect(text).toContain('Dispatch');
    expect(text).toContain(lead);
  });

  // Chromium paints a page it is still parsing whenever the parser yields, and
  // a busy or slow phone yields often. Once parsed, nothing may move (CLS 0);
  // while parsing, text may still flow in below, but the header, painted
  // first, must never move as the rest of it arrives.
  it('does not move anything once parsed, nor the header while parsing, on the front page and an article, on a fast and a slow phone', async () => {
    for (const path of ['/', lead]) {
      for (const rate of [1, 6]) {
        const page = await browser.open('about:blank', PHONE);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        await page.goto(browser.url(path), { waitUntil: 'load' });
        const shifts = await page.evaluate(
          () =>
            new Promise<{ afterParse: number; header: string[] }>((done) => {
              const parsed = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
              const header = document.querySelector('.site-header')!;
              const seen = { afterParse: 0, header: [] as string[] };
              type Shift = PerformanceEntry & { value: number; sources: { node: Node | null }[] };
              new PerformanceObserver((list) => {
                for (const entry of list.getEntries() as Shift[]) {
                  if (entry.startTime >= parsed.domInteractive) seen.afterParse += entry.value;
                  for (const { node } of entry.sources) if (node && header.contains(node)) seen.header.push(node.nodeName);
                }
              }).observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => done(seen), 500);
            }),
        );
        expect(shifts, `${path} at ${rate}× slower`).toEqual({ afterParse: 0, header: [] });
      }
    }
  });
});

describe.runIf(browserAvailable())('a "See more" teaser that is only the latest in its section, on a phone', () => {
  // The fixture site's metro story has too few neighbours: "See more" ends
  // with the latest Business story, noted "Latest in Business".
  const browser = siteInBrowser();

  it('shows its section, date and note in full, the section and date on one line', async () => {
    for (const options of [SMALL_PHONE, PHONE]) {
      const page = await browser.open('/articles/da-nang-metro/', options);
      const cards = await page.locator('#related .story', { hasText: 'Latest in' }).evaluateAll((cards) =>
        cards.map((card) => {
          const note = [...card.querySelectorAll('*')].find((el) => el.childElementCount === 0 && el.textContent!.startsWith('Latest in'))!;
          const parts = [card.querySelector('.section-label')!, card.querySelector('.story-meta time')!, note];
          const label = parts[0]!.getBoundingClientRect(), time = parts[1]!.getBoundingClientRect();
          return {
            texts: parts.map((el) => el.textContent),
            cut: parts.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent),
            sameLine: Math.round(label.top) === Math.round(time.top),
          };
        }),
      );
      expect(cards.length, `at ${options.viewport!.width} px`).toBeGreaterThan(0);
      for (const card of cards) expect(card, `at ${options.viewport!.width} px`).toMatchObject({ cut: [], sameLine: true });
    }
  });
});
