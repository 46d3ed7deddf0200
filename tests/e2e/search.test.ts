import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotOnFailure } from '../../harness/browser';
import { serveStatic, type StaticServer } from '../../harness/static-server';

/** Waits until the address bar says `search` (it follows the query once typing pauses). */
const addressIs = (page: Page, search: string) => page.waitForURL((url) => url.search === search);

/** Waits until the results list shows the answer to what is in the box now. */
async function settled(page: Page, list = '#search-results'): Promise<void> {
  await page.waitForFunction((sel) => {
    const ol = document.querySelector(sel);
    const status = document.querySelector('#search-status, .search-status');
    return ol?.getAttribute('aria-busy') === 'false' && !!status?.textContent;
  }, list);
}

/** Adds up layout shifts (CLS) from the page's first paint on. */
const watchLayoutShifts = (page: Page) => page.addInitScript(() => {
  const w = window as unknown as { shifted: number };
  w.shifted = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.shifted += (entry as unknown as { value: number }).value;
  }).observe({ type: 'layout-shift', buffered: true });
});
const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { shifted: number }).shifted);

const headlines = (page: Page) => page.locator('#search-results .search-hit-title').allInnerTexts();

describe.runIf(browserAvailable())('search in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const requested: string[] = [];
  let dialogs = 0;

  beforeAll(async () => {
    server = await serveStatic(inject('fixtureSite'), { onSent: (path) => requested.push(path) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async (ctx) => {
    page = await browser.newPage();
    dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    screenshotOnFailure(page, ctx.task.name);
  });

  it('shows results as you type, marks the list busy meanwhile, and keeps the URL in step', async () => {
    await page.goto(`${server.url}/search/`);
    await expect(page.locator('.search-nojs').isVisible()).resolves.toBe(false);
    // The list is marked busy while a search runs; a fast search may be done
    // before the last key is up, so the marking is recorded as it happens.
    await page.evaluate(() => {
      const list = document.querySelector('#search-results')!;
      new MutationObserver(() => {
        if (list.getAttribute('aria-busy') === 'true') list.setAttribute('data-was-busy', '');
      }).observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    await page.locator('#search-input').pressSequentially('lotus', { delay: 20 });
    await settled(page);
    await expect(page.locator('#search-results').getAttribute('data-was-busy')).resolves.toBe('');
    await expect(headlines(page)).resolves.toEqual(['Đồng Tháp lotus farmers find buyers in Japan and Korea']);
    await expect(page.locator('#search-status').innerText()).resolves.toBe('1 story for “lotus”.');
    await expect(page.locator('#search-results mark').first().innerText()).resolves.toBe('lotus');
    await expect(page.locator('#search-results .search-hit-meta').innerText()).resolves.toMatch(/BUSINESS\s+20 Sep 2025/i);
    await addressIs(page, '?q=lotus');
  });

  it('does not move the page when its script arrives late (no layout shift)', async () => {
    await watchLayoutShifts(page);
    // The page paints before its search script runs, as on a slow connection.
    await page.route('**/_astro/search.astro*', async (route) => {
      await new Promise((done) => setTimeout(done, 400));
      await route.continue();
    });
    await page.goto(`${server.url}/search/`);
    await page.waitForSelector('body.search-ready', { state: 'attached' });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await expect(layoutShift(page)).resolves.toBe(0);
  });

  it('runs the query in the address on arrival, with its section', async () => {
    await page.goto(`${server.url}/search/?q=river&section=travel`);
    await settled(page);
    await expect(headlines(page)).resolves.toEqual(['Huế welcomes the rain festival back to the Perfume River']);
    await expect(page.locator('#search-section').inputValue()).resolves.toBe('travel');
    await expect(page.locator('#search-status').innerText()).resolves.toContain('in Travel');
    await page.locator('#search-section').selectOption('');
    await settled(page);
    const all = await headlines(page);
    expect(all.length).toBeGreaterThan(1);
    expect(all).toContain('Đà Nẵng approves first metro line along the Hàn River');
    await addressIs(page, '?q=river');
  });

  it('finds Vietnamese names typed without diacritics', async () => {
    for (const [query, headline] of [
      ['da nang metro', 'Đà Nẵng approves first metro line along the Hàn River'],
      ['ha noi heat', 'Hà Nội opens cooling centres as heat wave breaks records'],
      ['dak lak', 'Deputies question ministers over <img src=x onerror=alert(1)> tags in budget papers'],
    ]) {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(query!)}`);
      await settled(page);
      await expect(headlines(page).then((h) => h[0]), query).resolves.toBe(headline);
    }
  });

  it('forgives a typo and says which word it read instead', async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('Vietnmese parliment')}`);
    await settled(page);
    await expect(headlines(page).then((h) => h[0])).resolves.toContain('Deputies question ministers');
    await expect(page.locator('#search-status').innerText()).resolves.toContain('including “vietnamese”, “parliament”');
    await expect(page.locator('#search-results .search-hit-snippet mark').allInnerTexts()).resolves.toEqual(['Vietnamese', 'parliament']);
    // A place name is said the way the stories write it, not as the folded term it was read as ("ha noi").
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('hanio heat')}`);
    await settled(page);
    await expect(headlines(page).then((h) => h[0])).resolves.toBe('Hà Nội opens cooling centres as heat wave breaks records');
    await expect(page.locator('#search-status').innerText()).resolves.toContain('including “Hà Nội”');
  });

  it('moves through results with the arrow keys, comes back to the box with / and opens a result with Enter', async () => {
    await page.goto(`${server.url}/search/?q=river`);
    await settled(page);
    await expect(page.locator('#search-suggestions [role="option"]').count()).resolves.toBe(0);
    await page.locator('#search-input').focus();
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const links = await page.locator('#search-results a.search-hit-link').allInnerTexts();
    await expect(focused()).resolves.toBe(links[0]);
    await page.keyboard.press('ArrowDown');
    await expect(focused()).resolves.toBe(links[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await page.keyboard.press('ArrowDown');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/articles/**');
    await expect(page.locator('h1').innerText()).resolves.toBe(links[0]);
  });

  it('shows a headline with markup in it as text and runs nothing', async () => {
    await page.goto(`${server.url}/search/?q=ministers`);
    await settled(page);
    const link = page.locator('#search-results a.search-hit-link').first();
    await expect(link.innerText()).resolves.toBe('Deputies question ministers over <img src=x onerror=alert(1)> tags in budget papers');
    await expect(page.locator('#search-results img:not(.search-hit-thumb)').count()).resolves.toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
  });

  it('treats a query with markup in the address as words', async () => {
    const query = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
    await settled(page);
    await expect(page.locator('#search-input').inputValue()).resolves.toBe(query);
    await expect(page.locator('#search-status').innerText()).resolves.toContain(query.trim());
    await expect(page.locator('script:not([src])').count()).resolves.toBe(0);
    await expect(page.locator('main img').count()).resolves.toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
  });

  it('says which place it found nothing about, by its name, when the archive lacks it', async () => {
    await page.goto(`${server.url}/search/?q=ha+long`);
    await settled(page);
    await expect(page.locator('#search-status').innerText()).resolves.toBe('No stories about Hạ Long.');
    await expect(page.locator('#search-empty').isVisible()).resolves.toBe(true);
    await expect(page.locator('#search-results li').count()).resolves.toBe(0);
    await expect(page.locator('#search-suggestion').isVisible()).resolves.toBe(false);
  });

  it('offers a spelling and the sections when nothing matches', async () => {
    await page.goto(`${server.url}/search/?q=feztivel`);
    await settled(page);
    await expect(page.locator('#search-status').innerText()).resolves.toBe('No stories for “feztivel”.');
    await expect(page.locator('#search-empty').isVisible()).resolves.toBe(true);
    await expect(page.locator('#search-suggestion').innerText()).resolves.toBe('Did you mean festival?');
    await expect(page.locator('#search-empty .search-empty-sections a').count()).resolves.toBe(4);
    await page.locator('#search-suggestion a').click();
    await settled(page);
    await expect(headlines(page).then((h) => h[0])).resolves.toContain('rain festival');
    await addressIs(page, '?q=festival');
  });

  it('makes the sections it offers when nothing matches targets a thumb can hit on a phone, none overlapping', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const phonePage = await phone.newPage();
      await phonePage.goto(`${server.url}/search/?q=zzyzxqq`);
      await settled(phonePage);
      await expect(phonePage.locator('#search-status').innerText()).resolves.toBe('No stories for “zzyzxqq”.');
      const boxes = await phonePage.locator('#search-empty .search-empty-sections a').evaluateAll((links) =>
        links.map((a) => a.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes.length).toBe(4);
      // Near the 44 px Apple's and Android's guides ask for; they were 19 px of text, 30 px apart.
      expect(Math.min(...boxes.map((b) => b.height))).toBeGreaterThanOrEqual(40);
      const overlaps = boxes.filter((a, i) => boxes.some((b, j) => i !== j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));
      expect(overlaps).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('matches a quoted phrase as written, and where no story has it so, says that and lists the stories with its words apart', async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('"public investment"')}`);
    await settled(page);
    await expect(page.locator('#search-status').innerText()).resolves.toBe('1 story for “"public investment"”.');
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('"investment public"')}`);
    await settled(page);
    await expect(page.locator('#search-status').innerText()).resolves.toBe('No story has the quoted words side by side; 1 story has them apart.');
    expect(await page.locator('#search-results .search-hit').count()).toBe(1);
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('"investment xyzzyq"')}`);
    await settled(page);
    await expect(page.locator('#search-status').innerText()).resolves.toContain('No stories');
  });

  it('loads nothing of search on an ordinary page until the box is used, then shows live results under it', async () => {
    requested.length = 0;
    await page.goto(`${server.url}/`);
    await page.waitForLoadState('networkidle');
    expect(requested.filter((p) => p.startsWith('/search/') || /worker|panel|live-search/.test(p))).toEqual([]);
    await page.locator('#site-search').focus();
    await page.keyboard.type('heat');
    // The answer to the whole word: on a busy machine the panel may first answer "hea".
    await page.waitForFunction(() => document.querySelector('#search-panel #search-results')?.getAttribute('aria-busy') === 'false'
      && (document.querySelector('#search-panel .search-status')?.textContent ?? '').includes('“heat”'));
    expect(requested).toContain('/search/index.json');
    await expect(page.locator('#search-panel').isVisible()).resolves.toBe(true);
    await expect(page.locator('#search-panel .search-hit-title').allInnerTexts()).resolves.toEqual(['Hà Nội opens cooling centres as heat wave breaks records']);
    // Past the suggestions (the Heat topic) to the first story.
    const options = await page.locator('#search-panel [role="option"]').count();
    for (let i = 0; i <= options; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/articles/hanoi-heat/');
  });

  it('focuses the header box with / and sends Enter to the search page', async () => {
    await page.goto(`${server.url}/articles/lotus-exports/`);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search');
    await page.keyboard.type('rain festival');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search/?q=rain+festival');
    await settled(page);
    await expect(headlines(page).then((h) => h[0])).resolves.toContain('rain festival');
  });

  it('works under a Content-Security-Policy without inline scripts', async () => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:" },
      });
    });
    await page.goto(`${server.url}/search/?q=lotus`);
    await settled(page);
    await expect(headlines(page)).resolves.toHaveLength(1);
    expect(violations).toEqual([]);
  });

  it('puts the same stories newest first at a tap, says so, keeps it in the address, and offers no order for one story', async () => {
    const dates = () => page.locator('#search-results .search-hit time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')!));
    const pressed = () => page.locator('#search-order button[aria-pressed="true"]').allInnerTexts();
    await page.goto(`${server.url}/search/?q=river`);
    await settled(page);
    await expect(pressed()).resolves.toEqual(['Best match']);
    const best = await headlines(page);
    // By relevance the headlines naming a river lead, whatever their dates.
    expect(best[0]).toBe('Đà Nẵng approves first metro line along the Hàn River');
    await page.getByRole('button', { name: 'Newest first' }).click();
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('newest first'));
    await settled(page);
    const newest = await headlines(page);
    expect([...newest].sort()).toEqual([...best].sort());
    expect(newest).not.toEqual(best);
    const shown = await dates();
    expect(shown).toEqual([...shown].sort().reverse());
    await expect(page.locator('#search-status').innerText()).resolves.toBe('4 stories for “river”, newest first.');
    await expect(pressed()).resolves.toEqual(['Newest first']);
    await addressIs(page, '?q=river&order=newest');
    // The address brings the order back.
    await page.reload();
    await settled(page);
    await expect(headlines(page)).resolves.toEqual(newest);
    await expect(pressed()).resolves.toEqual(['Newest first']);
    // One story has no order to choose.
    await page.locator('#search-input').fill('lotus');
    await page.locator('#search-input').press('Enter');
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('lotus'));
    await expect(page.locator('#search-order').isVisible()).resolves.toBe(false);
  });

  it('lists the stories holding every word first, then the others under a plain divider', async () => {
    await page.goto(`${server.url}/search/?q=river+festival`);
    await settled(page);
    await expect(page.locator('#search-status').innerText()).resolves.toBe('1 story for “river festival”.');
    const items = await page.locator('#search-results > li').evaluateAll((lis) => lis.map((li) => li.className));
    expect(items[0]).toBe('search-hit has-thumb');
    expect(items[1]).toBe('search-divider');
    expect(items.slice(2).length).toBeGreaterThan(0);
    await expect(page.locator('.search-divider').innerText()).resolves.toBe('Stories with some of the words');
  });

  it('finds a place typed as English writes it, and offers its topic page above the stories', async () => {
    await page.goto(`${server.url}/search/?q=danang`);
    await settled(page);
    await expect(headlines(page).then((h) => h[0])).resolves.toContain('Đà Nẵng approves first metro line');
    await expect(page.locator('#search-suggestions [role="option"]').first().innerText()).resolves.toMatch(/^Đà Nẵng\s+Topic$/);
  });

  it('moves from the box through the suggestions into the results with the arrow keys, and Enter opens a suggestion\'s page', async () => {
    await page.goto(`${server.url}/search/`);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await page.keyboard.type('festivals');
    await settled(page);
    const option = page.locator('#search-suggestions [role="option"]').first();
    await expect(option.innerText()).resolves.toMatch(/^Festivals\s+Topic$/);
    await expect(page.locator('#search-results .search-hit').count()).resolves.toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('option');
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    const count = await page.locator('#search-suggestions [role="option"]').count();
    for (let i = 0; i < count; i++) await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('search-hit-link');
    // Out of the suggestions, none of them is selected (the last one stayed selected).
    await expect(page.locator('#search-suggestions [aria-selected="true"]').count()).resolves.toBe(0);
    for (let i = 0; i <= count; i++) await page.keyboard.press('ArrowUp');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/tag/festivals/');
  });

  it('runs a search for a suggestion with no page of its own', async () => {
    await page.goto(`${server.url}/search/`);
    await page.keyboard.type('saigo');
    const option = page.locator('#search-suggestions [role="option"]', { hasText: 'Saigon' });
    await option.waitFor();
    await option.click();
    await expect(page.locator('#search-input').inputValue()).resolves.toBe('Saigon');
    await addressIs(page, '?q=Saigon');
  });

  it('opens the page of an alias\'s group from its suggestion (Vietnam News Agency → the VNA page)', async () => {
    await page.goto(`${server.url}/search/`);
    await page.keyboard.type('vietnam news agency');
    const option = page.locator('#search-suggestions [role="option"]', { hasText: 'Vietnam News Agency' });
    await option.waitFor();
    await expect(option.innerText()).resolves.toMatch(/^Vietnam News Agency\s+Agency · VNA$/);
    await option.click();
    await page.waitForURL('**/source/vna/');
  });

  it('says "Searching…" from the first keystroke while the index is still on its way', async () => {
    await page.route('**/search/index.json', async (route) => {
      await new Promise((done) => setTimeout(done, 3000));
      await route.continue();
    });
    await page.goto(`${server.url}/search/`);
    await page.keyboard.type('r');
    await expect(page.locator('#search-status').innerText()).resolves.toBe('Searching…');
    await expect(page.locator('#search-results .search-hit').count()).resolves.toBe(0);
  });

  it('asks for another letter, rather than saying there are no stories, while one letter is typed on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const phone = await context.newPage();
      await phone.goto(`${server.url}/`);
      await phone.locator('.search-button').click();
      await phone.keyboard.type('h');
      await settled(phone, '#search-panel #search-results');
      // It said "No stories for “h”." at the first keystroke of every search.
      await expect(phone.locator('#search-panel .search-status').innerText()).resolves.toBe('Type another letter to search.');
      await phone.keyboard.type('a');
      await phone.waitForFunction(() => document.querySelector('#search-panel .search-status')?.textContent?.includes('“ha”'));
      await expect(phone.locator('#search-panel .search-hit-title').first().innerText()).resolves.toBe('Hà Nội opens cooling centres as heat wave breaks records');
      await phone.goto(`${server.url}/search/?q=d`);
      await settled(phone);
      await expect(phone.locator('#search-status').innerText()).resolves.toBe('Type another letter to search.');
      await expect(phone.locator('#search-empty').isVisible()).resolves.toBe(false);
    } finally {
      await context.close();
    }
  });

  it('asks a phone keyboard not to capitalise or autocorrect the place names typed in either search box', async () => {
    // A keyboard's autocorrect turns "tet " into "yet" and "hue " into "huge" as the reader types the space.
    const boxes = async (path: string, box: string) => {
      await page.goto(`${server.url}${path}`);
      return page.locator(box).evaluate((el) => {
        const input = el as HTMLInputElement;
        return { spellcheck: input.spellcheck, autocapitalize: input.getAttribute('autocapitalize'), autocorrect: input.getAttribute('autocorrect') };
      });
    };
    const off = { spellcheck: false, autocapitalize: 'off', autocorrect: 'off' };
    await expect(boxes('/', '#site-search')).resolves.toEqual(off);
    await expect(boxes('/search/', '#search-input')).resolves.toEqual(off);
  });

  it('puts a phone keyboard away when its search key is pressed on /search/, so the results can be seen; a desktop keeps the cursor in the box', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const phone = await context.newPage();
      await phone.goto(`${server.url}/search/`);
      await phone.locator('#search-input').pressSequentially('lotus');
      await phone.keyboard.press('Enter');
      await settled(phone);
      await expect(phone.locator('#search-status').innerText()).resolves.toBe('1 story for “lotus”.');
      // The keyboard stays up while the box has focus, covering half the screen.
      await expect(phone.evaluate(() => document.activeElement?.id)).resolves.not.toBe('search-input');
    } finally {
      await context.close();
    }
    await page.goto(`${server.url}/search/`);
    await page.locator('#search-input').pressSequentially('lotus');
    await page.keyboard.press('Enter');
    await settled(page);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
  });

  it('says why a search of only words as common as "the" finds nothing', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent('The of')}`);
      await settled(page);
      // It said "No stories for “The of”.", as if the archive held nothing on it.
      await expect(page.locator('#search-status').innerText()).resolves.toBe('Words as common as “the” are left out of search: add one that says what the story is about.');
      await page.goto(`${server.url}/search/?q=${encodeURIComponent('the heat')}`);
      await settled(page);
      await expect(page.locator('#search-status').innerText()).resolves.toMatch(/ stor(y|ies) for “the heat”/);
    } finally {
      await page.close();
    }
  });

  it('does not move the page when the results of a search link arrive (CLS under 0.05)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const cold = await context.newPage();
    await watchLayoutShifts(cold);
    await cold.goto(`${server.url}/search/?q=da+nang`);
    await settled(cold);
    await cold.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await expect(layoutShift(cold)).resolves.toBeLessThan(0.05);
    await context.close();
  });

  it('shows the keyboard hint only where there is a fine pointer', async () => {
    await page.goto(`${server.url}/search/`);
    await expect(page.locator('.search-hint-keys').isVisible()).resolves.toBe(true);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const phone = await context.newPage();
    await phone.goto(`${server.url}/search/`);
    await expect(phone.locator('.search-hint').isVisible()).resolves.toBe(true);
    await expect(phone.locator('.search-hint-keys').isVisible()).resolves.toBe(false);
    await context.close();
  });

  for (const width of [375, 320]) {
    it(`keeps the header drop-down and its headlines inside a ${width} px screen`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      const phone = await context.newPage();
      await phone.goto(`${server.url}/`);
      // On a phone the header's search button opens the box, cursor in it.
      await phone.locator('.search-button').click();
      await phone.keyboard.type('hanoi');
      await phone.locator('#search-panel .search-hit-title').first().waitFor();
      await settled(phone, '#search-panel #search-results');
      // Measured in one go in the page, so a redraw of the list cannot fall between two reads.
      const boxes = await phone.evaluate(() => [...document.querySelectorAll('#search-panel, #search-panel .search-hit-title, #search-panel [role="option"]')]
        .map((el) => el.getBoundingClientRect()).map(({ left, right }) => ({ left, right })));
      expect(boxes.length).toBeGreaterThan(1);
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(width);
      }
      await context.close();
    });
  }

  it('never shows the answer to a query the reader has since typed on from, nor ends the busy state with it', async () => {
    // The index's files come slowly, so the first search is still under way
    // while the reader types on (each key within the pause that starts a search).
    await page.route('**/search/**/*.json', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.goto(`${server.url}/search/`);
    // Each time the list stops being busy: what the box held and what the status said.
    await page.evaluate(() => {
      const list = document.querySelector('#search-results')!;
      const input = document.querySelector<HTMLInputElement>('#search-input')!;
      const w = window as unknown as { idle: string[][] };
      w.idle = [];
      new MutationObserver(() => {
        if (list.getAttribute('aria-busy') === 'false') w.idle.push([input.value, document.querySelector('#search-status')?.textContent ?? '']);
      }).observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    await page.locator('#search-input').pressSequentially('hanoi', { delay: 20 });
    await page.waitForTimeout(250);
    await page.locator('#search-input').pressSequentially(' heat wave in the north', { delay: 80 });
    await settled(page);
    const idle = await page.evaluate(() => (window as unknown as { idle: string[][] }).idle);
    expect(idle.length).toBeGreaterThan(0);
    for (const [typed, status] of idle) expect(status, `busy ended while the box held “${typed}”`).toContain(`“${typed}”`);
    await expect(page.locator('#search-status').innerText()).resolves.toContain('“hanoi heat wave in the north”');
  });

  it('moves through the header drop-down\'s suggestions with the keyboard and opens a topic page with Enter', async () => {
    await page.goto(`${server.url}/articles/lotus-exports/`);
    await page.locator('#site-search').focus();
    await page.keyboard.type('da nang');
    const option = page.locator('#search-panel [role="option"]').first();
    await option.waitFor();
    await settled(page);
    await expect(option.innerText()).resolves.toMatch(/^Đà Nẵng\s+Topic$/);
    await page.keyboard.press('ArrowDown');
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search');
    await page.keyboard.type(' ');
    await option.waitFor();
    await settled(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/tag/da-nang/');
  });

  it('answers a very long query, punctuation, emoji, right-to-left text and markup calmly, with no console error and nothing run', async () => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const queries = ['festival river '.repeat(67).slice(0, 1000), '?!… — ()', '🏮🎆🙂', 'مرحبا بالعالم', '<b>x</b><script>alert(1)</script>'];
    for (const query of queries) {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
      await settled(page);
      const status = await page.locator('#search-status').innerText();
      expect(status, query).toMatch(/stor(y|ies)/);
      // The status, a live region, quotes the query: a screen reader said all 1,000 characters, and a phone's drop-down gave them its first screen.
      expect(status.length, query).toBeLessThan(140);
    }
    await expect(page.locator('#search-results script, #search-results b').count()).resolves.toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says search needs JavaScript when it is off, and links the sections as targets a thumb can hit', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const noJs = await context.newPage();
    await noJs.goto(`${server.url}/search/?q=lotus`);
    await expect(noJs.locator('.search-nojs').innerText()).resolves.toContain('Search needs JavaScript');
    await expect(noJs.locator('.search-nojs a').count()).resolves.toBe(4);
    const heights = await noJs.locator('.search-nojs a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(40);
    await context.close();
  });
});
