import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { fileForPath, loadPage } from '../../harness/html';
import { jsonLdOfType, meta, readFeed, readXml, rssItems, sitemapEntries } from '../helpers/metadata';

const site = inject('fixtureSite');
const SITE_URL = 'http://localhost:4321';
const published = () => readdirSync(join(site, 'articles')).map((id) => `/articles/${id}/`);
const path = (url: string) => new URL(url).pathname;

/** Every HTML page of the built site as a URL path. */
function builtPages(dir = site): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '_astro' ? [] : builtPages(full);
    if (entry.name !== 'index.html') return [];
    return [`/${relative(site, dir).split('\\').join('/')}/`.replace('//', '/')];
  });
}

describe('the RSS feeds', () => {
  it('give the site feed one item per published article, newest first, as well-formed XML', () => {
    const items = rssItems(site, 'rss.xml');
    expect(items.map((i) => path(i.link)).sort()).toEqual(published().sort());
    const times = items.map((i) => Date.parse(i.pubDate));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(path(items[0]!.link)).toBe('/articles/hue-rain-festival/');
  });

  it('carry each article’s headline, full summary, date, section and tags as the page shows them', () => {
    for (const item of rssItems(site, 'rss.xml')) {
      const doc = loadPage(site, path(item.link));
      expect(item.title).toBe(doc.querySelector('h1')?.textContent);
      expect(item.description).toBe(doc.querySelector('.standfirst')?.textContent);
      expect(new Date(item.pubDate).toISOString()).toBe(meta(doc, 'article:published_time'));
      const section = doc.querySelector('.kicker a')?.textContent;
      const tags = [...doc.querySelectorAll('.tags a')].map((a) => a.textContent);
      expect(item.categories).toEqual([section, ...tags]);
    }
  });

  it('name the byline, or the agency when there is none, as dc:creator', () => {
    const items = new Map(rssItems(site, 'rss.xml').map((i) => [path(i.link), i]));
    expect(items.get('/articles/hanoi-heat/')?.creators).toEqual(['Phạm Thu Hà', 'Đỗ Quang Vinh', 'Lê Minh Khoa']);
    expect(items.get('/articles/lotus-exports/')?.creators).toEqual(['VNA']);
  });

  it('attach a 1200×630 image to every item that exists in the built site', () => {
    for (const item of rssItems(site, 'rss.xml')) {
      expect(item.image, item.link).toBeDefined();
      expect(item.image!.url.startsWith(`${SITE_URL}/`)).toBe(true);
      expect(existsSync(join(site, path(item.image!.url))), item.image!.url).toBe(true);
      expect([item.image!.width, item.image!.height]).toEqual([1200, 630]);
    }
    const items = new Map(rssItems(site, 'rss.xml').map((i) => [path(i.link), i]));
    expect(path(items.get('/articles/hue-rain-festival/')!.image!.url)).toBe('/social/hue-rain-festival.jpg');
  });

  it('give each section a feed of its own stories only, and say where the feed lives', () => {
    const sections = [...loadPage(site, '/').querySelectorAll('nav[aria-label="Sections"] a')].map((a) => a.getAttribute('href')!);
    expect(sections.length).toBeGreaterThan(1);
    for (const href of sections) {
      const feed = readFeed(site, `${href}rss.xml`);
      expect(feed.channel['atom:link']?.['@_href']).toBe(`${SITE_URL}${href}rss.xml`);
      const listed = [...loadPage(site, href).querySelectorAll('main ol .story-title a')].map((a) => a.getAttribute('href'));
      expect(feed.items.map((i) => path(i.link))).toEqual(listed);
    }
  });

  it('are linked from every page’s head and footer, and the section feed from its section and articles', () => {
    for (const page of ['/', '/articles/hue-rain-festival/', '/section/travel/', '/archive/']) {
      const doc = loadPage(site, page);
      const feeds = [...doc.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) => l.getAttribute('href'));
      expect(feeds[0], page).toBe('/rss.xml');
      expect(doc.querySelector('.site-footer a[href="/rss.xml"]'), page).not.toBeNull();
      if (page.includes('travel') || page.includes('hue')) expect(feeds).toContain('/section/travel/rss.xml');
    }
    expect(loadPage(site, '/section/travel/').querySelector('main a[href="/section/travel/rss.xml"]')).not.toBeNull();
  });
});

describe('the sitemap', () => {
  it('lists every published page exactly once, with no drafts, scheduled stories or search page', () => {
    const locs = sitemapEntries(site).map((e) => e.loc);
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs.every((l) => l.startsWith(`${SITE_URL}/`))).toBe(true);
    const expected = builtPages().filter((p) => p !== '/search/');
    expect(locs.map(path).sort()).toEqual(expected.sort());
    for (const id of published()) expect(locs).toContain(`${SITE_URL}${id}`);
    expect(locs.some((l) => /draft-budget|future-election/.test(l))).toBe(false);
  });

  it('gives every article its last change as lastmod: the update if there was one, else the publication', () => {
    const entries = new Map(sitemapEntries(site).map((e) => [path(e.loc), e.lastmod]));
    expect(entries.get('/articles/hue-rain-festival/')).toBe('2025-10-05T01:00:00.000Z');
    expect(entries.get('/articles/lotus-exports/')).toBe('2025-09-20T03:00:00.000Z');
    for (const id of published()) expect(entries.get(id), id).toBe(meta(loadPage(site, id), 'article:modified_time'));
  });

  it('is named in robots.txt with the site’s absolute URL', () => {
    const robots = readFileSync(join(site, 'robots.txt'), 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    const sitemap = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
    expect(sitemap).toBe(`${SITE_URL}/sitemap-index.xml`);
    expect(existsSync(fileForPath(site, path(sitemap!)))).toBe(true);
  });
});

describe('the Google News sitemap', () => {
  it('sits beside the sitemap, is named in robots.txt and is well-formed, listing only stories of the last two days', () => {
    const robots = readFileSync(join(site, 'robots.txt'), 'utf8');
    expect(robots).toMatch(new RegExp(`^Sitemap: ${SITE_URL}/news-sitemap.xml$`, 'm'));
    const news = readXml(site, 'news-sitemap.xml') as { urlset: { '@_xmlns:news': string; url?: { loc: string }[] } | '' };
    // The fixture's stories are from 2025 and the build is now: none is news any more.
    expect(news.urlset === '' ? [] : (news.urlset.url ?? [])).toEqual([]);
    expect(readFileSync(join(site, 'news-sitemap.xml'), 'utf8')).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
  });
});

describe('smart punctuation outside the article body', () => {
  it('curls a summary’s quotes on the page, in the feed, in JSON-LD and in the search index, as in bodies', () => {
    const curled = 'the city’s first “light rail” line';
    const doc = loadPage(site, '/articles/da-nang-metro/');
    expect(doc.querySelector('.standfirst')?.textContent).toContain(curled);
    expect(rssItems(site, 'rss.xml').find((i) => path(i.link) === '/articles/da-nang-metro/')?.description).toContain(curled);
    const ld = jsonLdOfType(doc, 'NewsArticle') as { description?: string } | undefined;
    expect(ld?.description).toContain(curled);
    const search = readdirSync(join(site, 'search'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(site, 'search', f), 'utf8'))
      .join('\n');
    expect(search).toContain('city’s first “light rail”');
    expect(search).not.toContain("city's first");
  });

  it('curls captions too', () => {
    expect(loadPage(site, '/articles/hue-rain-festival/').querySelector('figure.hero figcaption')?.textContent).toContain('festival’s opening night');
  });
});
