import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { builtPages, fileForPath, loadPage } from '../../harness/html';

/** Attributes that point at another file or page, by the elements that carry them. */
const URL_ATTRIBUTES: [selector: string, attribute: string][] = [
  ['a[href], area[href], link[href]', 'href'],
  ['img[src], script[src], source[src], iframe[src], audio[src], video[src], track[src], input[src], embed[src]', 'src'],
  ['video[poster]', 'poster'],
  ['form[action]', 'action'],
  ['meta[property="og:image"], meta[property="og:url"], meta[name="twitter:image"]', 'content'],
];

/** Every URL a page refers to, `srcset` candidates included, with the attribute it came from. */
function referencesOf(doc: Document): { url: string; where: string }[] {
  const refs: { url: string; where: string }[] = [];
  for (const [selector, attribute] of URL_ATTRIBUTES) {
    for (const el of doc.querySelectorAll(selector)) {
      refs.push({ url: el.getAttribute(attribute)!, where: `<${el.tagName.toLowerCase()} ${attribute}>` });
    }
  }
  for (const el of doc.querySelectorAll('img[srcset], source[srcset]')) {
    for (const candidate of el.getAttribute('srcset')!.split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) refs.push({ url, where: `<${el.tagName.toLowerCase()} srcset>` });
    }
  }
  return refs;
}

/** The site's own origin, from the front page's canonical link. */
function siteOrigin(siteDir: string): string {
  const canonical = loadPage(siteDir, '/').querySelector('link[rel="canonical"]')?.getAttribute('href');
  if (!canonical) throw new Error('the front page has no canonical link to tell the site URL by');
  return new URL(canonical).origin;
}

/** Checks every internal reference of every page: the file exists, and a `#fragment` names an element on it. */
function brokenReferences(siteDir: string): string[] {
  const origin = siteOrigin(siteDir);
  const ids = new Map<string, Set<string>>();
  const idsOf = (path: string) => {
    let set = ids.get(path);
    if (!set) {
      const doc = loadPage(siteDir, path);
      set = new Set([...doc.querySelectorAll('[id], a[name]')].map((el) => el.id || el.getAttribute('name')!));
      ids.set(path, set);
    }
    return set;
  };
  const broken: string[] = [];
  for (const page of builtPages(siteDir)) {
    for (const { url: raw, where } of referencesOf(loadPage(siteDir, page))) {
      const problem = `${page}: ${where} "${raw}"`;
      if (raw.trim() === '' || raw === '#') {
        broken.push(`${problem} points nowhere`);
        continue;
      }
      const url = new URL(raw, origin + page);
      if (url.protocol === 'javascript:') broken.push(`${problem} is script`);
      if (url.origin !== origin) continue;
      const file = fileForPath(siteDir, url.pathname);
      if (!existsSync(file) || statSync(file).isDirectory()) {
        broken.push(`${problem} has no file ${file.slice(siteDir.length)}`);
      } else if (url.hash && file.endsWith('.html') && !idsOf(url.pathname).has(decodeURIComponent(url.hash.slice(1)))) {
        broken.push(`${problem} names no element on ${url.pathname}`);
      }
    }
  }
  return broken;
}

/** The pages a reader reaches from the front page by following links, breadth first. */
function reachableFromFront(siteDir: string): Set<string> {
  const origin = siteOrigin(siteDir);
  const seen = new Set(['/']);
  const queue = ['/'];
  for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
    for (const a of loadPage(siteDir, page).querySelectorAll('a[href]')) {
      const url = new URL(a.getAttribute('href')!, origin + page);
      const file = fileForPath(siteDir, url.pathname);
      if (url.origin !== origin || seen.has(url.pathname) || !file.endsWith('.html') || !existsSync(file)) continue;
      seen.add(url.pathname);
      queue.push(url.pathname);
    }
  }
  return seen;
}

describe.each([
  ['the fixture site', () => inject('fixtureSite')],
  ['the sample site', () => inject('sampleSite')],
])('links in %s', (_name, siteDir) => {
  it('resolve to a file of the build, fragments included, from every page', () => {
    const site = siteDir();
    expect(builtPages(site).length).toBeGreaterThan(3);
    expect(brokenReferences(site)).toEqual([]);
  });

  it('lead from the front page to every published article', () => {
    const site = siteDir();
    const articles = readdirSync(join(site, 'articles')).map((id) => `/articles/${id}/`);
    const reached = reachableFromFront(site);
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.filter((a) => !reached.has(a))).toEqual([]);
  });
});

describe('the link check', () => {
  it('reports a missing page, a missing image file and a missing fragment', () => {
    const copy = mkdtempSync(join(tmpdir(), 'dispatch-links-'));
    cpSync(inject('fixtureSite'), copy, { recursive: true });
    const article = join(copy, 'articles/hue-rain-festival/index.html');
    const html = readFileSync(article, 'utf8')
      .replace('href="/tag/festivals/"', 'href="/tag/no-such-tag/"')
      .replace('href="#boats-songs-and-rain"', 'href="#no-such-heading"')
      .replace(/(srcset="[^"]*?)\/_astro\/[^" ,]+/, '$1/_astro/missing.webp');
    writeFileSync(article, html);
    const broken = brokenReferences(copy);
    expect(broken).toHaveLength(3);
    expect(broken).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/articles\/hue-rain-festival\/: <a href> "\/tag\/no-such-tag\/" has no file/),
      expect.stringMatching(/"#no-such-heading" names no element on \/articles\/hue-rain-festival\/$/),
      expect.stringMatching(/<source srcset> "\/_astro\/missing.webp" has no file/),
    ]));
  });
});
