/**
 * Real-browser tests: playwright-core driving the system's Chromium.
 * Under CI=true a missing Chromium fails the run; elsewhere browser tests are
 * skipped with one loud line saying how to install it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject, onTestFailed } from 'vitest';
import { projectRoot } from './build-site';
import { serveStatic, type StaticServer } from './static-server';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Path of the Chromium binary, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

let warned = false;
/** True when browser tests can run; throws under CI when they cannot. */
export function browserAvailable(): boolean {
  if (chromiumPath()) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error('CI=true but no Chromium was found: install it with `apt-get install -y chromium` or set CHROME_PATH');
  }
  if (!warned) {
    warned = true;
    console.warn('\n!!! Browser tests SKIPPED: no Chromium found. Install it with `sudo apt-get install -y chromium` (or set CHROME_PATH). !!!\n');
  }
  return false;
}

/** Launches headless Chromium with the flags this workplace needs. */
export function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found');
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

export const failureShotsDir = join(projectRoot, 'tests/e2e/screenshots/failures');

/** Saves a full-page screenshot under tests/e2e/screenshots/failures/ and says where. */
export async function saveFailureScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(failureShotsDir, { recursive: true });
  const file = join(failureShotsDir, `${name.replace(/[^\w-]+/g, '_').slice(0, 120)}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
    console.warn(`screenshot of the failed test: ${file}`);
  } catch (error) {
    console.warn(`could not save a screenshot of the failed test (${file}): ${String(error)}`);
  }
}

/** Saves a screenshot of `page` under tests/e2e/screenshots/failures/ if the current test fails. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(() => saveFailureScreenshot(page, name));
}

export interface SiteInBrowser {
  /** Absolute URL of a path on the served site. */
  url(path: string): string;
  /**
   * A fresh page in its own browser context (viewport, colour scheme, reduced
   * motion...), closed after the test; screenshotted if the test fails.
   */
  open(path: string, options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Serves a built site (the fixture site by default; with our small static
 * server unless `serve` says otherwise) and launches Chromium for the tests of
 * the enclosing `describe` block; both are shut down after it.
 */
export function siteInBrowser(
  siteDir: () => string = () => inject('fixtureSite'),
  serve: (root: string) => Promise<StaticServer> = serveStatic,
): SiteInBrowser {
  let browser: Browser;
  let server: StaticServer;
  let opened: { context: BrowserContext; page: Page }[] = [];
  beforeAll(async () => {
    server = await serve(siteDir());
    browser = await launchBrowser();
  });
  // Not onTestFailed: Vitest runs those after afterEach, when the page is gone.
  afterEach(async ({ task }) => {
    const pages = opened;
    opened = [];
    if (task.result?.state === 'fail') {
      for (const [i, { page }] of pages.entries()) await saveFailureScreenshot(page, `${task.name}${i ? `-${i + 1}` : ''}`);
    }
    await Promise.all(pages.map(({ context }) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const url = (path: string) => new URL(path, server.url).href;
  return {
    url,
    async open(path, options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      opened.push({ context, page });
      await page.goto(url(path));
      return page;
    },
  };
}
