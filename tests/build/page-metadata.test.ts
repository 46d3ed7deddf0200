import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { fileForPath, loadPage } from '../../harness/html';
import { jsonLd, jsonLdOfType, meta, metaValues } from '../helpers/metadata';

const site = inject('fixtureSite');
const SITE_URL = 'http://localhost:4321';
const articleIds = () => readdirSync(join(site, 'articles'));
const localFile = (url: string) => fileForPath(site, new URL(url, `${SITE_URL}/`).pathname);
const dimensions = async (url: string) => {
  const { width, height } = await sharp(localFile(url)).metadata();
  return [width, height];
};

describe('head metadata', () => {
  it('gives every page one canonical URL on the configured site, its own address', () => {
    for (const page of ['/', '/articles/lotus-exports/', '/section/business/', '/tag/climate/', '/latest/', '/archive/2025/', '/source/vna/']) {
      const doc = loadPage(site, page);
      const canonical = [...doc.querySelectorAll('link[rel="canonical"]')].map((l) => l.getAttribute('href'));
      expect(canonical, page).toEqual([`${SITE_URL}${page}`]);
      expect(meta(doc, 'og:url')).toBe(`${SITE_URL}${page}`);
      expect(meta(doc, 'description')?.length, page).toBeGreaterThan(10);
    }
  });

  it('describes an article as an OpenGraph article with its times, section and tags', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    expect(meta(doc, 'og:type')).toBe('article');
    expect(meta(doc, 'og:title')).toBe(doc.querySelector('h1')?.textContent);
    expect(meta(doc, 'og:description')).toBe(doc.querySelector('.standfirst')?.textContent);
    const [published, updated] = [...doc.querySelectorAll('.byline time')].map((t) => t.getAttribute('datetime'));
    expect(meta(doc, 'article:published_time')).toBe(published);
    expect(meta(doc, 'article:modified_time')).toBe(updated);
    expect(meta(doc, 'article:section')).toBe('Travel');
    expect(metaValues(doc, 'article:tag')).toEqual([...doc.querySelectorAll('.tags a')].map((a) => a.textContent));
    expect(meta(doc, 'twitter:card')).toBe('summary_large_image');
    expect(meta(doc, 'twitter:title')).toBe(meta(doc, 'og:title'));
  });

  it('describes every other page as a website, with no article tags', () => {
    for (const page of ['/', '/section/travel/', '/archive/']) {
      const doc = loadPage(site, page);
      expect(meta(doc, 'og:type'), page).toBe('website');
      expect(meta(doc, 'article:published_time'), page).toBeUndefined();
    }
  });

  it('points og:image at a 1200×630 card whose stated size is its real size', async () => {
    for (const page of ['/', ...articleIds().map((id) => `/articles/${id}/`)]) {
      const doc = loadPage(site, page);
      const image = meta(doc, 'og:image')!;
      expect(image.startsWith(`${SITE_URL}/`), page).toBe(true);
      expect(existsSync(localFile(image)), image).toBe(true);
      const stated = [Number(meta(doc, 'og:image:width')), Number(meta(doc, 'og:image:height'))];
      expect(stated, page).toEqual([1200, 630]);
      await expect(dimensions(image), page).resolves.toEqual(stated);
      expect(meta(doc, 'twitter:image')).toBe(image);
      expect(meta(doc, 'og:image:alt')?.length, page).toBeGreaterThan(0);
    }
  });

  it('cuts each photographed article its own card from its photo and gives the others the site card', () => {
    const withPhoto = loadPage(site, '/articles/lotus-exports/');
    expect(meta(withPhoto, 'og:image')).toBe(`${SITE_URL}/social/lotus-exports.jpg`);
    expect(meta(withPhoto, 'og:image:alt')).toBe(withPhoto.querySelector('figure.hero img')?.getAttribute('alt'));
    const without = loadPage(site, '/articles/hanoi-heat/');
    expect(meta(without, 'og:image')).toBe(meta(loadPage(site, '/'), 'og:image'));
    expect(existsSync(join(site, 'social/hanoi-heat.jpg'))).toBe(false);
  });

  it('keeps the not-found page out of search engines', () => {
    const doc = loadPage(site, '/404.html');
    expect(meta(doc, 'robots')).toBe('noindex');
    expect(doc.querySelector('link[rel="canonical"]')).toBeNull();
    // /404/ does not exist; a share preview must not point there either.
    expect(meta(doc, 'og:url')).toBeUndefined();
  });
});

describe('JSON-LD', () => {
  it('describes an article as a NewsArticle that agrees with the page', async () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const article = jsonLdOfType(doc, 'NewsArticle')!;
    const [published, updated] = [...doc.querySelectorAll('.byline time')].map((t) => t.getAttribute('datetime'));
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      headline: doc.querySelector('h1')?.textContent,
      description: doc.querySelector('.standfirst')?.textContent,
      datePublished: published,
      dateModified: updated,
      author: [{ '@type': 'Person', name: 'Trần Minh Châu' }],
      sourceOrganization: { '@type': 'Organization', name: 'VNA' },
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${SITE_URL}/articles/hue-rain-festival/` },
      articleSection: 'Travel',
      keywords: ['Huế', 'Festivals', 'Tourism'],
      inLanguage: doc.documentElement.getAttribute('lang'),
      locationCreated: { '@type': 'Place', name: 'Huế' },
      image: [{ url: meta(doc, 'og:image'), width: 1200, height: 630 }],
      publisher: { '@type': 'Organization', name: 'Dispatch' },
    });
    const logo = (article.publisher as { logo: { url: string; width: number; height: number } }).logo;
    await expect(dimensions(logo.url)).resolves.toEqual([logo.width, logo.height]);
  });

  it('names the agency as an Organization when a story has no byline, and the updated time only when there is one', () => {
    const doc = loadPage(site, '/articles/lotus-exports/');
    const article = jsonLdOfType(doc, 'NewsArticle')!;
    expect(article.author).toEqual([{ '@type': 'Organization', name: 'VNA' }]);
    // Named once: as the author, not again as the source.
    expect(article.sourceOrganization).toBeUndefined();
    expect(article.dateModified).toBe(article.datePublished);
    expect(jsonLdOfType(loadPage(site, '/articles/hanoi-heat/'), 'NewsArticle')!.author).toEqual([
      { '@type': 'Person', name: 'Phạm Thu Hà' },
      { '@type': 'Person', name: 'Đỗ Quang Vinh' },
      { '@type': 'Person', name: 'Lê Minh Khoa' },
    ]);
  });

  it('gives each article a breadcrumb trail home › section › article whose links resolve', () => {
    const doc = loadPage(site, '/articles/lotus-exports/');
    const trail = jsonLdOfType(doc, 'BreadcrumbList')!.itemListElement as { position: number; name: string; item: string }[];
    expect(trail.map((c) => [c.position, c.name])).toEqual([[1, 'Dispatch'], [2, 'Business'], [3, doc.querySelector('h1')?.textContent]]);
    for (const crumb of trail) expect(existsSync(localFile(crumb.item)), crumb.item).toBe(true);
  });

  it('describes the site and its search on the front page only', () => {
    const website = jsonLdOfType(loadPage(site, '/'), 'WebSite')!;
    expect(website).toMatchObject({
      name: 'Dispatch',
      url: `${SITE_URL}/`,
      potentialAction: {
        '@type': 'SearchAction',
        target: { urlTemplate: `${SITE_URL}/search/?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    });
    expect(jsonLd(loadPage(site, '/section/travel/'))).toEqual([]);
    expect(jsonLdOfType(loadPage(site, '/articles/lotus-exports/'), 'WebSite')).toBeUndefined();
  });
});

describe('responsive images', () => {
  const pages = () => ['/', '/section/business/', '/latest/', ...articleIds().map((id) => `/articles/${id}/`)];

  it('give every image explicit width and height, and every photo AVIF and WebP sources with srcset and sizes', () => {
    let pictures = 0;
    for (const page of pages()) {
      const doc = loadPage(site, page);
      for (const img of doc.querySelectorAll('main img')) {
        expect(Number(img.getAttribute('width')), page).toBeGreaterThan(0);
        expect(Number(img.getAttribute('height')), page).toBeGreaterThan(0);
        expect(img.getAttribute('srcset'), page).toMatch(/ \d+w/);
        expect(img.getAttribute('sizes'), page).toBeTruthy();
      }
      for (const picture of doc.querySelectorAll('picture')) {
        pictures++;
        const types = [...picture.querySelectorAll('source')].map((s) => s.getAttribute('type'));
        expect(types).toEqual(['image/avif', 'image/webp']);
        for (const source of picture.querySelectorAll('source')) expect(source.getAttribute('srcset')).toMatch(/, .* \d+w$/);
      }
    }
    expect(pictures).toBeGreaterThan(3);
  });

  it('loads the article photo and the front page’s lead photo eagerly at high priority, and every other photo lazily', () => {
    const article = loadPage(site, '/articles/hue-rain-festival/');
    const hero = article.querySelector('figure.hero img')!;
    expect([hero.getAttribute('loading'), hero.getAttribute('fetchpriority')]).toEqual(['eager', 'high']);
    const front = loadPage(site, '/');
    const lead = front.querySelector('.lead-story img')!;
    expect([lead.getAttribute('loading'), lead.getAttribute('fetchpriority')]).toEqual(['eager', 'high']);
    for (const doc of [article, front]) {
      const others = [...doc.querySelectorAll('main img')].filter((img) => img !== hero && img !== lead);
      expect(others.length).toBeGreaterThan(0);
      for (const img of others) expect(img.getAttribute('loading')).toBe('lazy');
    }
  });

  it('serves every image file a page names', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const urls = [...doc.querySelectorAll('img, source')].flatMap((el) =>
      [el.getAttribute('src'), ...(el.getAttribute('srcset') ?? '').split(',').map((c) => c.trim().split(' ')[0])].filter((u): u is string => !!u),
    );
    expect(urls.length).toBeGreaterThan(6);
    for (const url of urls) expect(existsSync(localFile(url)), url).toBe(true);
  });
});

describe('reading comfort', () => {
  it('shows an Updated notice with a machine-readable time only when the story was updated', () => {
    const updated = loadPage(site, '/articles/hue-rain-festival/').querySelector('.byline .updated');
    expect(updated?.textContent?.replace(/\s+/g, ' ').trim()).toMatch(/^Updated 5 October 2025/);
    expect(updated?.querySelector('time')?.getAttribute('datetime')).toBe('2025-10-05T01:00:00.000Z');
    expect(loadPage(site, '/articles/lotus-exports/').querySelector('.byline .updated')).toBeNull();
    expect(loadPage(site, '/articles/lotus-exports/').querySelector('.byline')?.textContent).toMatch(/\d+ min read/);
  });

  it('offers share links that are plain URLs carrying the article’s address, and a copy-link button', () => {
    const doc = loadPage(site, '/articles/lotus-exports/');
    const url = `${SITE_URL}/articles/lotus-exports/`;
    const links = [...doc.querySelectorAll('.share a')].map((a) => a.getAttribute('href')!);
    expect(links.map((l) => new URL(l).protocol)).toEqual(['https:', 'https:', 'https:', 'mailto:']);
    for (const link of links) expect(decodeURIComponent(link)).toContain(url);
    expect(doc.querySelector('.share button[data-copy-link]')?.getAttribute('data-copy-link')).toBe(url);
  });

  it('ships no inline script: every script is a file of the site or JSON-LD data', () => {
    for (const page of ['/', '/articles/hue-rain-festival/', '/section/travel/', '/archive/', '/404.html']) {
      for (const script of loadPage(site, page).querySelectorAll('script')) {
        const src = script.getAttribute('src');
        if (src) expect(src.startsWith('/'), `${page}: ${src}`).toBe(true);
        else expect(script.getAttribute('type'), `${page}: ${script.outerHTML.slice(0, 80)}`).toBe('application/ld+json');
      }
    }
  });

  it('loads the theme before the stylesheet and first paint, from a small blocking file', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const head = [...doc.head.children];
    const init = head.findIndex((el) => el.getAttribute('src') === '/theme-init.js');
    const css = head.findIndex((el) => el.getAttribute('rel') === 'stylesheet');
    expect(init).toBeGreaterThanOrEqual(0);
    expect(init).toBeLessThan(css);
    const script = head[init]!;
    expect(script.hasAttribute('defer') || script.hasAttribute('async') || script.getAttribute('type') === 'module').toBe(false);
    expect(readFileSync(join(site, 'theme-init.js')).length).toBeLessThan(1500);
  });
});
