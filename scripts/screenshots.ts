/**
 * Screenshots of the sample site for looking at it: builds content/ (or takes
 * a built site), serves it, and saves full-page PNGs of the front page, an
 * article, a section page and search results at 320, 390, 768 and 1366 px
 * wide, in light and dark, to docs/screenshots/ (git-ignored).
 *
 *   npm run screenshots                 # builds content/ first
 *   npm run screenshots -- --site dist  # uses an existing build
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { buildSite, projectRoot, sampleSiteEnv } from '../harness/build-site';
import { chromiumPath, launchBrowser } from '../harness/browser';
import { loadPage } from '../harness/html';
import { serveStatic } from '../harness/static-server';

const { values: args } = parseArgs({
  options: {
    site: { type: 'string' },
    out: { type: 'string', default: join(projectRoot, 'docs/screenshots') },
    query: { type: 'string', default: 'Huế' },
  },
});

/** The widths the README's "Reading on phones" is checked at: small and common phones, a tablet, a laptop. */
const WIDTHS = [320, 390, 768, 1366];
const viewport = (width: number): BrowserContextOptions =>
  width < 640 ? { viewport: { width, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width, height: 900 } };

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
  const pages: [name: string, path: string | null | undefined][] = [
    ['front', '/'],
    ['article', article],
    ['section', section],
    ['search', `/search/?q=${encodeURIComponent(args.query)}`],
  ];
  const shots: [name: string, path: string | null | undefined, options: BrowserContextOptions][] = [
    ...pages.flatMap(([name, path]) =>
      WIDTHS.flatMap((width) => (['light', 'dark'] as const).map((scheme) =>
        [`${name}-${width}-${scheme}`, path, { ...viewport(width), colorScheme: scheme }] as [string, string | null | undefined, BrowserContextOptions])),
    ),
    ['not-found-390-light', '/no-such-page/', viewport(390)],
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
