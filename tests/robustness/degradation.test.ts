/** When parts of a page fail to arrive, the rest still reads right. */
import { describe, expect, it } from 'vitest';
import { browserAvailable, siteInBrowser } from '../../harness/browser';

describe.runIf(browserAvailable())('graceful degradation in Chromium', () => {
  const site = siteInBrowser();

  it('keeps an article’s caption, credit and layout when its photo fails to load', async () => {
    const box = async (blockImages: boolean) => {
      const page = await site.open('about:blank');
      if (blockImages) await page.route(/\.(avif|webp|jpe?g|png)$/, (route) => route.abort());
      await page.goto(site.url('/articles/hue-rain-festival/'));
      const figure = page.locator('figure.hero');
      const caption = await figure.locator('figcaption').innerText();
      const rect = await figure.locator('img').boundingBox();
      const loaded = await figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth > 0);
      return { caption, height: rect?.height ?? 0, width: rect?.width ?? 0, loaded };
    };
    const normal = await box(false);
    const broken = await box(true);
    expect(normal.loaded).toBe(true);
    expect(broken.loaded).toBe(false);
    expect(broken.caption).toBe(normal.caption);
    expect(broken.caption).toContain('(Photo: VNA)');
    // width and height attributes keep the photo's box, so nothing below it jumps.
    expect(broken.width).toBeCloseTo(normal.width, 0);
    expect(broken.height).toBeCloseTo(normal.height, 0);
  });
});

describe.runIf(browserAvailable())('search without its index, in Chromium', () => {
  const site = siteInBrowser();

  for (const [what, fulfil] of [
    ['missing', { status: 404, body: 'Not found' }],
    ['corrupt', { status: 200, contentType: 'application/json', body: '{"version": 1, "shards": [tru' }],
  ] as const) {
    it(`says search is unavailable, instead of a blank page, when the index is ${what}`, async () => {
      const page = await site.open('about:blank');
      await page.route(/\/search\/.+\.json$/, (route) => route.fulfill(fulfil));
      await page.goto(site.url('/search/?q=festival'));
      const status = page.locator('#search-status');
      await status.filter({ hasText: 'Search is not available right now' }).waitFor({ timeout: 10_000 });
      await expect(page.locator('#search-results').getAttribute('aria-busy')).resolves.toBe('false');
      await expect(page.locator('h1').innerText()).resolves.toBe('Search');
      await expect(page.locator('input[name="q"]').first().inputValue()).resolves.toBe('festival');
    });
  }
});
