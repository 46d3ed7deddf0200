/**
 * Archives, the latest list, source pages and pagination, on a built folder
 * of 64 stories: enough for listings of three pages at 20 a page (counted
 * from the oldest, the first page holding the newest 20 to 39), and for a
 * latest list of two pages (LATEST_PAGES) that stops before the oldest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../harness/build-site';
import { article, contentFolder } from '../helpers/content-folder';
import { loadPage } from '../../harness/html';
import { completeFeedDocuments, completeFeedItems, jsonLdOfType, meta, rssItems } from '../helpers/metadata';

const SITE_URL = 'http://localhost:4321';
const TRICKY = 'Ministry says </script><b>tags</b> & "quotes" in headlines are harmless';
/** The headline as readers see it: the markup stays text; the quotes are curled, as in bodies. */
const TRICKY_SHOWN = 'Ministry says </script><b>tags</b> & “quotes” in headlines are harmless';

// Story i is published i days before 2025-06-20 at 10:00 in Hà Nội: 60 days
// spanning April, May and June 2025; every even story is from VNA.
function stories(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    const day = new Date(Date.UTC(2025, 5, 20, 3) - i * 86_400_000);
    const date = day.toISOString().replace(/:00\.000Z$/, ':00+00:00');
    files[`articles/story-${String(i).padStart(2, '0')}.md`] = article({
      title: `Story number ${i}`,
      date,
      section: i % 10 === 9 ? 'sport' : 'politics',
      tags: '[Mekong]',
      ...(i % 2 === 0 ? { source: 'VNA' } : {}),
    });
  }
  // Near midnight: 31 May in Hà Nội is still May, 1 June at 00:30 is June,
  // although both are 31 May in UTC.
  files['articles/late-may.md'] = article({ title: 'Filed late on the last day of May', date: '2025-05-31T23:30:00+07:00' });
  files['articles/early-june.md'] = article({ title: 'Filed just after midnight on 1 June', date: '2025-06-01T00:30:00+07:00' });
  files['articles/tricky.md'] = article({ title: JSON.stringify(TRICKY), summary: '"A summary with <angle> brackets & an ampersand."', date: '2024-12-01T09:00:00+07:00', section: 'culture' });
  files['articles/unsourced.md'] = article({ title: 'A story with no byline and no agency', date: '2024-12-02T09:00:00+07:00' });
  files['articles/draft.md'] = article({ title: 'A draft', date: '2025-05-10T09:00:00+07:00', draft: 'true' });
  return files;
}

let out = '';
const TOTAL = 64;

beforeAll(async () => {
  const result = await buildSite(contentFolder(stories()), { env: { LATEST_PAGES: '2' } });
  if (!result.ok) throw new Error(result.output);
  out = result.outDir;
});

const links = (doc: Document) => [...doc.querySelectorAll('main ol.stories h3 a')].map((a) => a.getAttribute('href'));
const headLink = (doc: Document, rel: string) => doc.querySelector(`head link[rel="${rel}"]`)?.getAttribute('href') ?? undefined;
const visibleLink = (doc: Document, rel: string) => doc.querySelector(`.pagination a[rel="${rel}"]`)?.getAttribute('href') ?? undefined;

/** Follows rel="next" from `first` and returns each page's story links. */
function walk(first: string): { pages: string[]; stories: string[] } {
  const pages: string[] = [];
  const seen: string[] = [];
  for (let url: string | undefined = first; url; ) {
    pages.push(url);
    const doc = loadPage(out, url);
    seen.push(...(links(doc) as string[]));
    const next = headLink(doc, 'next');
    expect(visibleLink(doc, 'next'), url).toBe(next);
    if (next) expect(headLink(loadPage(out, next), 'prev'), next).toBe(url);
    url = next;
    if (pages.length > 20) throw new Error('pagination loops');
  }
  return { pages, stories: seen };
}

describe('the latest listing', () => {
  it('lists the newest stories once each, newest first, over pages counted from the oldest, joined by rel prev and next', () => {
    // 64 stories make three runs of 20 from the oldest and 4 over: the first page holds the
    // newest run and the 4 after it, page 2 the run before. Page 1 is past LATEST_PAGES.
    const { pages, stories } = walk('/latest/');
    expect(pages).toEqual(['/latest/', '/latest/2/']);
    expect(stories.length).toBe(44);
    expect(new Set(stories).size).toBe(44);
    expect(links(loadPage(out, '/latest/')).length).toBe(24);
    expect(stories.slice(0, 2)).toEqual(['/articles/story-00/', '/articles/story-01/']);
    expect(stories).not.toContain('/articles/draft/');
    expect(headLink(loadPage(out, '/latest/'), 'prev')).toBeUndefined();
    expect(headLink(loadPage(out, '/latest/2/'), 'next')).toBeUndefined();
    // A later page is named by the days it spans (story-22 to story-41: 29 May back to 10 May).
    const later = loadPage(out, '/latest/2/');
    expect(later.querySelector('h1')?.textContent).toBe('Latest stories');
    expect(later.querySelector('title')?.textContent).toContain('Latest stories, 10–29 May 2025');
    expect(later.querySelector('.page-intro')?.textContent).toMatch(/^Stories of 10–29 May 2025, newest first\./);
    expect(later.querySelector('.pagination p')?.textContent).toBe('10–29 May 2025');
  });

  it('stops after its last page and sends readers to the archive month of the next older story', () => {
    // The 45th newest story is story-42, of 9 May 2025 (two stories of 31 May and 1 June come before it).
    expect(existsSync(join(out, 'latest/1'))).toBe(false);
    const last = loadPage(out, '/latest/2/');
    const onward = last.querySelector('.pagination a:not([rel])');
    expect(onward?.getAttribute('href')).toBe('/archive/2025/05/');
    expect(onward?.textContent).toBe('May 2025 archive →');
    expect(walk('/archive/2025/05/').stories).toContain('/articles/story-42/');
    expect(loadPage(out, '/latest/').querySelector('.pagination a:not([rel])')).toBeNull();
    const intro = loadPage(out, '/latest/').querySelector('.page-intro');
    expect(intro?.textContent).toBe('64 stories, newest first. Older ones are in the archive.');
    expect(intro?.querySelector('a')?.getAttribute('href')).toBe('/archive/');
  });

  it('paginates sections, tags and sources the same way, every story once', () => {
    const politics = walk('/section/politics/');
    expect(politics.pages).toEqual(['/section/politics/', '/section/politics/1/']);
    expect(politics.stories.length).toBe(57);
    expect(new Set(politics.stories).size).toBe(57);
    const mekong = walk('/tag/mekong/');
    expect(mekong.pages).toEqual(['/tag/mekong/', '/tag/mekong/2/', '/tag/mekong/1/']);
    expect(mekong.stories).toEqual([...Array(60).keys()].map((i) => `/articles/story-${String(i).padStart(2, '0')}/`));
    // 30 stories are one run and 10 over: one page.
    const vna = walk('/source/vna/');
    expect(vna.pages).toEqual(['/source/vna/']);
    expect(vna.stories.length).toBe(30);
    expect(loadPage(out, '/source/vna/').querySelector('.pagination')).toBeNull();
  });

  it('gives each later page a canonical URL of its own', () => {
    expect(loadPage(out, '/section/politics/1/').querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      `${SITE_URL}/section/politics/1/`,
    );
  });
});

describe('the date archive', () => {
  it('lists years and months with their counts, newest first, adding up to every story', () => {
    const doc = loadPage(out, '/archive/');
    const years = [...doc.querySelectorAll('main h2 a')].map((a) => a.textContent);
    expect(years).toEqual(['2025', '2024']);
    const months = [...doc.querySelectorAll('.archive-months > li')].map((li) => [
      li.querySelector('a')?.getAttribute('href'),
      Number(/(\d+) stor/.exec(li.textContent ?? '')?.[1]),
    ]);
    expect(months.map(([href]) => href)).toEqual(['/archive/2025/06/', '/archive/2025/05/', '/archive/2025/04/', '/archive/2024/12/']);
    expect(months.reduce((sum, [, n]) => sum + (n as number), 0)).toBe(TOTAL);
  });

  it('counts a story in the month of the site’s time zone, not of UTC', () => {
    const may = walk('/archive/2025/05/').stories;
    const june = walk('/archive/2025/06/').stories;
    expect(may).toContain('/articles/late-may/');
    expect(june).toContain('/articles/early-june/');
    expect(may).not.toContain('/articles/early-june/');
  });

  it('shows a month of fewer than 40 stories on one page', () => {
    const may = walk('/archive/2025/05/');
    expect(may.pages).toEqual(['/archive/2025/05/']);
    expect(may.stories.length).toBe(32);
  });

  it('links a month to the months before and after it, and a year page to its months', () => {
    const may = loadPage(out, '/archive/2025/05/');
    expect(may.querySelector('.neighbours .older a')?.getAttribute('href')).toBe('/archive/2025/04/');
    expect(may.querySelector('.neighbours .newer a')?.getAttribute('href')).toBe('/archive/2025/06/');
    const year = loadPage(out, '/archive/2025/');
    // Each month a heading under the year's, for a screen reader to move from month to month.
    expect([...year.querySelectorAll('main h2')].map((h) => h.textContent)).toEqual(['June 2025', 'May 2025', 'April 2025']);
    expect([...year.querySelectorAll('.archive-months a.month')].map((a) => a.getAttribute('href'))).toEqual([
      '/archive/2025/06/', '/archive/2025/05/', '/archive/2025/04/',
    ]);
    expect(year.querySelector('nav.pagination a')?.getAttribute('href')).toBe('/archive/2024/');
  });
});

describe('source pages', () => {
  it('list each agency with its story count and link the byline to it', () => {
    const index = loadPage(out, '/source/');
    expect([...index.querySelectorAll('.index-list a')].map((a) => [a.getAttribute('href'), a.textContent])).toEqual([['/source/vna/', 'VNA']]);
    expect(loadPage(out, '/articles/story-00/').querySelector('.byline a')?.getAttribute('href')).toBe('/source/vna/');
  });
});

describe('the complete feed', () => {
  it('holds every published story once, newest first, while the site feed holds the newest 50', () => {
    const all = completeFeedItems(out);
    expect(all.length).toBe(TOTAL);
    expect(new Set(all.map((i) => i.link)).size).toBe(TOTAL);
    const times = all.map((i) => Date.parse(i.pubDate));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(rssItems(out, 'rss.xml').map((i) => i.link)).toEqual(all.slice(0, 50).map((i) => i.link));
  });

  it('is a chain of months an archiver walks back (RFC 5005): this month in /archive/rss.xml, each earlier month in its own archive document', () => {
    const documents = completeFeedDocuments(out);
    // June, May and April 2025, then December 2024 (31 May at 23:30 in Hà Nội is May; 1 June at 00:30 is June).
    expect(documents.map((d) => d.path)).toEqual(['/archive/rss.xml', '/archive/2025/05/rss.xml', '/archive/2025/04/rss.xml', '/archive/2024/12/rss.xml']);
    expect(documents.map((d) => d.archive)).toEqual([false, true, true, true]);
    // The month in Hà Nội, the newsroom's time zone, as "2025-06".
    const inHanoi = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' });
    const monthOf = (item: { pubDate: string }) => inHanoi.format(new Date(item.pubDate));
    expect(documents[0]!.items.map(monthOf)).toEqual(documents[0]!.items.map(() => '2025-06'));
    expect(documents[0]!.items.some((i) => i.link.endsWith('/articles/early-june/'))).toBe(true);
    expect(documents[1]!.items.some((i) => i.link.endsWith('/articles/late-may/'))).toBe(true);
    for (const [i, d] of documents.entries()) {
      expect(d.links.self, d.path).toBe(d.path);
      if (i === 0) continue;
      expect(d.links.current, d.path).toBe('/archive/rss.xml');
      expect(d.links['next-archive'], d.path).toBe(i > 1 ? documents[i - 1]!.path : undefined);
      expect(new Set(d.items.map(monthOf)).size, d.path).toBe(1);
    }
    expect(documents.at(-1)!.links['prev-archive']).toBeUndefined();
  });

  it('is offered by the archive: in the index page\'s text, and in the head of every archive page', () => {
    const index = loadPage(out, '/archive/');
    expect(index.querySelector('.page-intro a[href="/archive/rss.xml"]')?.textContent).toBe('complete feed');
    for (const page of ['/archive/', '/archive/2025/', '/archive/2025/05/']) {
      const feeds = [...loadPage(out, page).querySelectorAll('head link[rel="alternate"][type="application/rss+xml"]')].map((l) => l.getAttribute('href'));
      expect(feeds, page).toContain('/archive/rss.xml');
    }
    const feeds = [...loadPage(out, '/section/politics/').querySelectorAll('head link[rel="alternate"]')].map((l) => l.getAttribute('href'));
    expect(feeds).not.toContain('/archive/rss.xml');
    expect(existsSync(join(out, 'archive/rss.xml'))).toBe(true);
  });
});

describe('text that looks like markup', () => {
  it('reaches feed readers as the same text, in well-formed XML', () => {
    const item = rssItems(out, 'rss.xml').find((i) => i.link.endsWith('/articles/tricky/'));
    // rss.xml holds the newest 50; the tricky story is older, but its section feed has room.
    const inSection = rssItems(out, 'section/culture/rss.xml');
    expect(item).toBeUndefined();
    expect(rssItems(out, 'rss.xml').length).toBe(50);
    const tricky = inSection.find((i) => i.link.endsWith('/articles/tricky/'));
    expect(tricky?.title).toBe(TRICKY_SHOWN);
    expect(tricky?.description).toBe('A summary with <angle> brackets & an ampersand.');
  });

  it('stays inside its JSON-LD block and reads back as the headline', () => {
    const html = readFileSync(`${out}/articles/tricky/index.html`, 'utf8');
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(block).not.toMatch(/<\/?script|<b>/i);
    const doc = loadPage(out, '/articles/tricky/');
    expect(jsonLdOfType(doc, 'NewsArticle')?.headline).toBe(TRICKY_SHOWN);
    expect(doc.querySelector('h1')?.textContent).toBe(TRICKY_SHOWN);
    expect(meta(doc, 'og:title')).toBe(TRICKY_SHOWN);
  });

  it('credits the newsroom itself when a story names neither author nor agency', () => {
    const ld = jsonLdOfType(loadPage(out, '/articles/unsourced/'), 'NewsArticle');
    expect(ld?.author).toEqual([{ '@type': 'Organization', name: 'Dispatch', url: `${SITE_URL}/`, logo: expect.objectContaining({ width: 512 }) }]);
  });
});
