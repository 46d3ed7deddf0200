import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotOnFailure } from '../helpers/browser';
import { serveStatic, type StaticServer } from '../helpers/static-server';

describe.runIf(browserAvailable())('an article page in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;

  beforeAll(async () => {
    server = await serveStatic(inject('fixtureSite'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async (ctx) => {
    page = await browser.newPage();
    screenshotOnFailure(page, ctx.task.name);
  });

  it('shows the headline, photo, caption and credit as rendered', async () => {
    await page.goto(`${server.url}/articles/hue-rain-festival/`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Huế welcomes the rain festival back to the Perfume River');
    const img = page.locator('figure.hero img');
    await expect(img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).resolves.toBe(true);
    await expect(page.locator('figure.hero figcaption').innerText()).resolves.toContain('(Photo: VNA)');
  });

  it('follows a "See more" story to its page', async () => {
    await page.goto(`${server.url}/articles/hue-rain-festival/`);
    await page.locator('#related ol a').first().click();
    await page.waitForURL('**/articles/lotus-exports/');
    await expect(page.locator('h1').innerText()).resolves.toBe('Đồng Tháp lotus farmers find buyers in Japan and Korea');
  });
});
