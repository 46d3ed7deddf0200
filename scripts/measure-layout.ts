/**
 * Prints the phone-layout figures for a built site (README "Reading on
 * phones"): header height at 390×844 and 320×568, the article hero's top,
 * the front page's height in screens at 390×844, and each image's candidate
 * ratio (file width ÷ drawn width × DPR) at 390×844 DPR 3 and 1366×900 DPR 1.
 *
 *   npx tsx scripts/measure-layout.ts --site dist
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContextOptions } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { loadPage } from '../harness/html';
import { headerHeight, heroTop, imageFits, pageScreens } from '../harness/layout';
import { serveStatic } from '../harness/static-server';

const { values: args } = parseArgs({ options: { site: { type: 'string', default: 'dist' } } });
const siteDir = resolve(args.site);
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const SMALL: BrowserContextOptions = { viewport: { width: 320, height: 568 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 };

const front = loadPage(siteDir, '/');
const article = front.querySelector('.lead-story a[href^="/articles/"]')?.getAttribute('href') ?? '/';
const section = front.querySelector('.section-nav a')?.getAttribute('href') ?? '/';
const server = await serveStatic(siteDir);
const browser = await launchBrowser();
try {
  const open = async (path: string, options: BrowserContextOptions) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(new URL(path, server.url).href);
    return { page, close: () => context.close() };
  };
  for (const [name, options] of [['390×844', PHONE], ['320×568', SMALL]] as const) {
    const { page, close } = await open(article, options);
    const h = await headerHeight(page);
    console.log(`header ${name}: ${Math.round(h)} px (${((100 * h) / options.viewport!.height).toFixed(1)}% of the screen)`);
    if (name === '390×844') console.log(`article hero top ${name}: ${Math.round(await heroTop(page))} px`);
    await close();
  }
  {
    const { page, close } = await open('/', PHONE);
    console.log(`front page 390×844: ${(await pageScreens(page)).toFixed(1)} screens`);
    await close();
  }
  for (const [name, options] of [['390×844 DPR 3', PHONE], ['1366×900 DPR 1', DESKTOP]] as const) {
    const ratios: number[] = [];
    for (const path of ['/', article, section, '/search/?q=hue']) {
      const { page, close } = await open(path, options);
      if (path.startsWith('/search')) await page.locator('#search-results li').first().waitFor({ timeout: 5000 }).catch(() => undefined);
      ratios.push(...(await imageFits(page)).map((f) => f.ratio));
      await close();
    }
    ratios.sort((a, b) => a - b);
    const outside = ratios.filter((r) => !(r >= 0.9 && r <= 2.5)).length;
    console.log(`image candidate ratio ${name}: ${ratios.length} images, min ${ratios[0]}, median ${ratios[ratios.length >> 1]}, max ${ratios.at(-1)}; ${outside} outside 0.9–2.5`);
  }
} finally {
  await browser.close();
  await server.close();
}
