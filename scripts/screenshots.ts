/**
 * Screenshots of the sample site for looking at it: builds content/ (or takes
 * a built site), serves it, and saves full-page PNGs of the front page, an
 * article, a section page and search results at desktop and phone widths, in
 * light and dark, to docs/screenshots/ (git-ignored).
 *
 *   npm run screenshots                 # builds content/ first
 *   npm run screenshots -- --site dist  # uses an existing build
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { buildSite, projectRoot, sampleSiteEnv } from '../tests/helpers/build-site';
import { chromiumPath, launchBrowser } from '../tests/helpers/browser';
import { loadPage } from '../tests/helpers/html';
import { serveStatic } from '../tests/helpers/static-server';

const { values: args } = parseArgs({
  options: {
    site: { type: 'string' },
    out: { type: 'string', default: join(projectRoot, 'docs/screenshots') },
    query: { type: 'string', default: 'Huế' },
  },
});

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** Loads lazy images and waits for every image, so a full-page shot shows them all. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const img of document.images) img.loading = 'eager';
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
  });
  // Search renders its results after the index loads; give it a moment when it is there.
  await page.locator('#search-results li').first().waitFor({ timeout: 3000 }).catch(() => undefined);
}

async function main(): Promise<void> {
  if (!chromiumPath()) throw new Error('No Chromium found: install it with `sudo apt-get install -y chromium` or set CHROME_PATH.');
  let siteDir = args.site ? resolve(args.site) : undefined;
  if (!siteDir) {
    console.log('building content/ ...');
    const result = await buildSite(join(projectRoot, 'content'), { env: { ...sampleSiteEnv, DISPATCH_NOW: new Date().toISOString() } });
    if (!result.ok) throw new Error(`the sample site did not build:\n${result.output}`);
    siteDir = result.outDir;
  }

  // Pick pages by following the site's own links, since the sample content changes.
  const front = loadPage(siteDir, '/');
  const article = front.querySelector('main a[href^="/articles/"]')?.getAttribute('href');
  const section = front.querySelector('a[href^="/section/"]')?.getAttribute('href');
  const shots: [name: string, path: string | null | undefined, options: BrowserContextOptions][] = [
    ['front-desktop', '/', DESKTOP],
    ['front-phone', '/', PHONE],
    ['front-desktop-dark', '/', { ...DESKTOP, colorScheme: 'dark' }],
    ['article-desktop', article, DESKTOP],
    ['article-phone', article, PHONE],
    ['article-phone-dark', article, { ...PHONE, colorScheme: 'dark' }],
    ['section-desktop', section, DESKTOP],
    ['search-desktop', `/search/?q=${encodeURIComponent(args.query)}`, DESKTOP],
    ['search-phone', `/search/?q=${encodeURIComponent(args.query)}`, PHONE],
    ['not-found-phone', '/no-such-page/', PHONE],
  ];

  rmSync(args.out, { recursive: true, force: true });
  mkdirSync(args.out, { recursive: true });
  const server = await serveStatic(siteDir);
  const browser = await launchBrowser();
  try {
    for (const [name, path, options] of shots) {
      if (!path) {
        console.log(`skipped ${name}: the site has no such page`);
        continue;
      }
      const context = await browser.newContext({ colorScheme: 'light', ...options });
      const page = await context.newPage();
      await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
      await settle(page);
      const file = join(args.out, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${file}  (${path})`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
