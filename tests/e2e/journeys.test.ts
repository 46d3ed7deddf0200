import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, siteInBrowser } from '../../harness/browser';

/** Clicks `selector` (the first match) and waits for the page it leads to. */
async function follow(page: Page, selector: string, expectedPath: string): Promise<void> {
  await page.locator(selector).first().click();
  await page.waitForURL(`**${expectedPath}`);
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

/** True when the article's hero photo has loaded and is drawn at a real size. */
const heroPhotoShown = (page: Page) =>
  page.locator('figure.hero img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.clientWidth > 100);

/**
 * Numbers everything a keyboard user can reach (links, buttons and form fields
 * that are rendered) and notes each one's focus ring while unfocused.
 */
function markFocusables(): string[] {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  // tabindex=-1 takes an element out of the Tab order on purpose (a teaser's picture link doubles its headline's).
  const all = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => el.tabIndex >= 0 && el.checkVisibility({ visibilityProperty: true }));
  all.forEach((el, i) => {
    const s = getComputedStyle(el);
    el.dataset.focusIndex = String(i);
    el.dataset.unfocusedRing = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
  });
  return all.map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ${el.getAttribute('href') ?? ''}`);
}

interface TabStop {
  /** The element's number from markFocusables, or its description if it was not counted there. */
  id: string;
  unfocused: string;
  focused: string;
  visible: boolean;
}

/** Presses Tab until focus leaves the page or comes back round, recording each stop and its focus ring. */
async function tabThrough(page: Page, count: number): Promise<TabStop[]> {
  const stops: TabStop[] = [];
  for (let i = 0; i < count + 5; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return {
        id: el.dataset.focusIndex ?? `${el.tagName.toLowerCase()}.${el.className}`,
        unfocused: el.dataset.unfocusedRing ?? '',
        focused: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`,
        visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
      };
    });
    if (!stop || stops.some((s) => s.id === stop.id)) break;
    stops.push(stop);
  }
  return stops;
}

/**
 * Contrast of every piece of text against the background it sits on, by the
 * WCAG formula. Colours are read back through a canvas, so any CSS colour
 * syntax the stylesheet uses (hex, rgb, oklch, light-dark) is handled.
 */
function textContrasts(): { background: number[]; low: string[]; checked: number } {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const rgba = (color: string) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255] as const;
  };
  const channel = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = ([r, g, b]: readonly number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
  const backgroundOf = (el: Element | null): readonly number[] => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) return c;
    }
    return rgba(getComputedStyle(document.documentElement).backgroundColor || 'white');
  };
  const low: string[] = [];
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    const box = el.getBoundingClientRect();
    if (!ownText || box.width <= 1 || box.height <= 1 || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (el.closest('.skip-link')) continue; // off-screen until focused; its focused colours are the bg/text pair inverted
    const bg = backgroundOf(el);
    const [r, g, b, a] = rgba(getComputedStyle(el).color);
    const fg = [r * a + bg[0]! * (1 - a), g * a + bg[1]! * (1 - a), b * a + bg[2]! * (1 - a)];
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x) as [number, number];
    const ratio = (hi + 0.05) / (lo + 0.05);
    checked++;
    if (ratio < 4.5) low.push(`${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
  }
  return { background: [...backgroundOf(document.body)], low, checked };
}

describe.runIf(browserAvailable())('a reader in Chromium', () => {
  const site = siteInBrowser();

  describe('following links', () => {
    it('goes from the front page to an article, a "See more" story, its section and a tag page', async () => {
      const page = await site.open('/');
      expect(await text(page, '.lead-story .story-title')).toBe('Huế welcomes the rain festival back to the Perfume River');

      await follow(page, '.lead-story .story-title a', '/articles/hue-rain-festival/');
      expect(await text(page, 'h1')).toBe('Huế welcomes the rain festival back to the Perfume River');
      expect(await heroPhotoShown(page)).toBe(true);
      expect(await page.locator('figure.hero img').getAttribute('alt')).toBe('Lantern boats drifting on a dark river under a light rain');
      expect(await text(page, 'figure.hero figcaption')).toBe('Lantern boats on the Perfume River on the festival’s opening night. (Photo: VNA)');

      await follow(page, '#related ol a', '/articles/lotus-exports/');
      expect(await text(page, 'h1')).toBe('Đồng Tháp lotus farmers find buyers in Japan and Korea');
      expect(await heroPhotoShown(page)).toBe(true);
      expect(await text(page, 'figure.hero figcaption')).toBe('A lotus field in Tháp Mười district. (Source: dongthap.gov.vn)');
      expect(await text(page, 'figure.hero .credit')).toBe('(Source: dongthap.gov.vn)');

      await follow(page, '.article-header .kicker a', '/section/business/');
      expect(await text(page, 'h1')).toBe('Business');
      const listed = await page.locator('main .story-title a').allInnerTexts();
      expect(listed).toEqual(['Đồng Tháp lotus farmers find buyers in Japan and Korea', 'Đà Nẵng approves first metro line along the Hàn River']);

      await follow(page, 'main .story-title a >> text=Đà Nẵng approves', '/articles/da-nang-metro/');
      await follow(page, '.tags a >> text=Transport', '/tag/transport/');
      expect(await text(page, 'h1')).toBe('Transport');
      expect(await page.locator('main .story-title a').allInnerTexts()).toEqual(['Đà Nẵng approves first metro line along the Hàn River']);
    });
  });

  describe('reading with the keyboard only', () => {
    it('makes the skip link the first Tab stop, and it moves focus to the main content', async () => {
      const page = await site.open('/articles/hue-rain-festival/');
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLAnchorElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent, href: el.getAttribute('href'), onScreen: box.top >= 0 && box.height > 0 };
      });
      expect(first).toEqual({ text: 'Skip to content', href: '#main', onScreen: true });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    });

    it.each([
      ['the front page', '/'],
      ['an article', '/articles/hue-rain-festival/'],
      ['a section page', '/section/environment/'],
      ['a tag page', '/tag/climate/'],
    ])('reaches every link and field on %s by Tab, each with a visible focus ring', async (_name, path) => {
      const page = await site.open(path);
      const focusables = await page.evaluate(markFocusables);
      const stops = await tabThrough(page, focusables.length);
      const unreached = focusables.filter((_, i) => !stops.some((s) => s.id === String(i)));
      expect(unreached, 'links and fields that Tab never reaches').toEqual([]);
      const described = (s: TabStop) => focusables[Number(s.id)] ?? s.id;
      expect(stops.map(described), 'Tab stops beyond the links and fields').toHaveLength(focusables.length);
      const unringed = stops.filter((s) => !s.visible || s.focused === s.unfocused).map((s) => `${described(s)}: ${s.focused}`);
      expect(unringed, 'focused elements without a visible focus indicator').toEqual([]);
    });
  });

  describe('on a 375 px wide phone screen', () => {
    it.each([
      ['the front page', '/'],
      ['an article', '/articles/hue-rain-festival/'],
      ['an article with a list', '/articles/lotus-exports/'],
      ['a section page', '/section/business/'],
    ])('fits %s to the width with no sideways scrolling, images inside their boxes', async (_name, path) => {
      const page = await site.open(path, { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
      const layout = await page.evaluate(() => {
        const root = document.documentElement;
        const overflowing = [...document.querySelectorAll('img')]
          .map((img) => ({ img, box: img.getBoundingClientRect(), parent: img.parentElement!.getBoundingClientRect() }))
          .filter(({ box, parent }) => box.width === 0 || box.width > parent.width + 0.5 || box.left < -0.5 || box.right > root.clientWidth + 0.5)
          .map(({ img, box }) => `${img.currentSrc || img.src} (${Math.round(box.left)}..${Math.round(box.right)})`);
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, images: document.images.length, overflowing };
      });
      expect(layout.clientWidth).toBe(375);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.images).toBeGreaterThan(0);
      expect(layout.overflowing).toEqual([]);
    });
  });

  describe('the page frame', () => {
    it('keeps the footer at the bottom of the window on a short page', async () => {
      const page = await site.open('/search/', { viewport: { width: 1280, height: 1200 } });
      const gap = await page.evaluate(() => window.innerHeight - document.querySelector('.site-footer')!.getBoundingClientRect().bottom);
      expect(gap).toBeLessThanOrEqual(0.5);
    });
  });

  describe('in the dark colour scheme', () => {
    it.each([
      ['the front page', '/'],
      ['an article', '/articles/hue-rain-festival/'],
      ['a tag page', '/tag/climate/'],
    ])('draws %s light on dark, all text and links at a contrast of 4.5:1 or more', async (_name, path) => {
      const page = await site.open(path, { colorScheme: 'dark' });
      const { background, low, checked } = await page.evaluate(textContrasts);
      const [r = 255, g = 255, b = 255] = background;
      expect(Math.max(r, g, b), 'the page background is dark').toBeLessThan(64);
      expect(checked).toBeGreaterThan(20);
      expect(low, 'text below 4.5:1').toEqual([]);
    });

    it('keeps text and links at 4.5:1 or more in the light scheme too', async () => {
      const page = await site.open('/articles/hue-rain-festival/', { colorScheme: 'light' });
      const { background, low } = await page.evaluate(textContrasts);
      expect(Math.min(...background.slice(0, 3)), 'the page background is light').toBeGreaterThan(200);
      expect(low, 'text below 4.5:1').toEqual([]);
    });
  });

  describe('for readers who ask for reduced motion', () => {
    it.each([
      ['the front page', '/'],
      ['an article', '/articles/hue-rain-festival/'],
    ])('runs no transition, animation or smooth scrolling on %s', async (_name, path) => {
      const page = await site.open(path, { reducedMotion: 'reduce' });
      const moving = await page.evaluate(() => {
        const seconds = (list: string) => list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1));
        const found: string[] = [];
        for (const el of [document.documentElement, ...document.querySelectorAll('body, body *')]) {
          for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(el, pseudo);
            const name = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}${pseudo ?? ''}`;
            if (seconds(s.transitionDuration).some((t) => t > 0)) found.push(`${name}: transition ${s.transitionDuration}`);
            if (s.animationName !== 'none' && seconds(s.animationDuration).some((t) => t > 0)) found.push(`${name}: animation ${s.animationName}`);
            if (s.scrollBehavior === 'smooth') found.push(`${name}: scroll-behavior smooth`);
          }
        }
        return found;
      });
      expect(moving).toEqual([]);
    });
  });
});
