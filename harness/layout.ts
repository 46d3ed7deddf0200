/**
 * Layout measurements in Chromium, shared by the phone-layout tests and the
 * before/after figures (scripts/measure-layout.ts): header height, where the
 * hero starts, page height in screens, and how well each image's chosen
 * file fits its slot.
 */
import type { Page } from 'playwright-core';

/** Height of the site header in CSS pixels. */
export function headerHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('.site-header')!.getBoundingClientRect().height);
}

/** Top of the article's hero picture, from the top of the page. */
export function heroTop(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('.hero img')!.getBoundingClientRect().top + window.scrollY);
}

/** The whole page's height, in screens of the current viewport. */
export function pageScreens(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
}

export interface ImageFit {
  /** The file the browser picked. */
  src: string;
  /** Its `w` descriptor. */
  candidate: number;
  /** Drawn width × device pixel ratio. */
  needed: number;
  ratio: number;
}

/**
 * For every `<img>` with a srcset (its own or its `<picture>`'s sources):
 * loads it now, then compares the width of the candidate Chromium picked
 * (img.currentSrc) with the width it is drawn at times the DPR.
 */
export async function imageFits(page: Page): Promise<ImageFit[]> {
  await page.evaluate(async () => {
    const imgs = [...document.images];
    for (const img of imgs) img.loading = 'eager';
    await Promise.all(imgs.map((img) => img.decode().catch(() => undefined)));
  });
  return page.evaluate(() => {
    const widths = new Map<string, number>();
    const withSrcset = [...document.images].filter((img) => {
      const sets = [img, ...(img.parentElement?.tagName === 'PICTURE' ? img.parentElement.querySelectorAll('source') : [])]
        .map((el) => el.getAttribute('srcset'))
        .filter((s): s is string => !!s);
      for (const set of sets) {
        for (const part of set.split(',')) {
          const [url, descriptor] = part.trim().split(/\s+/);
          if (url && descriptor?.endsWith('w')) widths.set(new URL(url, location.href).href, Number.parseInt(descriptor, 10));
        }
      }
      return sets.length > 0;
    });
    return withSrcset
      .filter((img) => img.getBoundingClientRect().width > 0)
      .map((img) => {
        const candidate = widths.get(img.currentSrc) ?? Number.NaN;
        const needed = img.getBoundingClientRect().width * devicePixelRatio;
        return { src: img.currentSrc, candidate, needed: Math.round(needed), ratio: Math.round((candidate / needed) * 100) / 100 };
      });
  });
}

/** Links of story cards that show a picture or a summary ("rich" cards), in page order. */
export function richCardLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('article.story')]
      .filter((card) => card.querySelector('.story-image img, .story-summary'))
      .map((card) => card.querySelector('.story-title a')!.getAttribute('href')!),
  );
}
