import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotOnFailure } from '../../harness/browser';
import { serveStatic, type StaticServer } from '../../harness/static-server';

describe.runIf(browserAvailable())('reading comfort in Chromium, under the site’s Content-Security-Policy', () => {
  let browser: Browser;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let violations: string[];

  beforeAll(async () => {
    server = await serveStatic(inject('fixtureSite'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async (ctx) => {
    context = await browser.newContext({ colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    violations = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    screenshotOnFailure(page, ctx.task.name);
  });
  afterEach(async () => {
    await context?.close();
  });

  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const toggle = () => page.locator('button.theme-toggle');

  it('switches to the dark theme from the keyboard and says so with aria-pressed', async () => {
    await page.goto(`${server.url}/articles/hue-rain-festival/`);
    const light = await background();
    await expect(toggle().getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle().focus();
    await page.keyboard.press('Enter');
    await expect(toggle().getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    expect(await background()).not.toBe(light);
    await page.keyboard.press('Space');
    await expect(toggle().getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await background()).toBe(light);
    expect(violations).toEqual([]);
  });

  it('remembers the choice and applies it before the page’s own scripts run, so the page never paints light', async () => {
    await page.goto(`${server.url}/`);
    await toggle().click();
    const dark = await background();
    // Block the toggle's module: only the blocking head script can set the theme now.
    await page.route('**/_astro/*.js', (route) => route.abort());
    await page.goto(`${server.url}/section/travel/`, { waitUntil: 'commit' });
    await page.waitForSelector('body');
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    expect(await background()).toBe(dark);
    expect(violations).toEqual([]);
  });

  it('copies the article’s address with the copy-link button', async () => {
    await page.goto(`${server.url}/articles/lotus-exports/`);
    const button = page.locator('.share button.copy-link');
    await expect(button.isVisible()).resolves.toBe(true);
    await button.click();
    // The clipboard write is asynchronous: wait for the status rather than read it at once.
    await page.locator('.copy-status', { hasText: 'Link copied' }).waitFor({ timeout: 5_000 });
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(await button.getAttribute('data-copy-link'));
    expect(violations).toEqual([]);
  });

  it('prints the article alone: no navigation, share links or "See more"', async () => {
    await page.goto(`${server.url}/articles/hue-rain-festival/`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.site-footer', '#related', '.share', '.neighbours', '.theme-toggle']) {
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(false);
    }
    for (const selector of ['h1', '.standfirst', '.byline', 'figure.hero img', '.article-body']) {
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(true);
    }
  });
});
