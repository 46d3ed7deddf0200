/** When parts of a page fail to arrive, the rest still reads right. */
import { describe, expect, it } from 'vitest';
import { browserAvailable, siteInBrowser } from '../helpers/browser';

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
