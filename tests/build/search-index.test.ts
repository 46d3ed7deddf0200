import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import type { Entity } from '../../src/lib/search/entities';
import { contentPath, headlineNames, MANIFEST_FILE, recordName, type DirectoryShard, type DocRecord, type HeadlineShard, type SearchManifest } from '../../src/lib/search/index-format';
import { site as config } from '../../src/site.config';
import { fileForPath, loadPage } from '../../harness/html';

const site = inject('fixtureSite');
const manifest = () => JSON.parse(readFileSync(join(site, 'search', MANIFEST_FILE), 'utf8')) as SearchManifest;
const file = (name: string): unknown => JSON.parse(readFileSync(join(site, 'search', contentPath(name)), 'utf8'));
const records = () =>
  manifest().directories.flatMap((d, i) => headlineNames(file(d) as DirectoryShard, i * manifest().directorySize).flatMap((h) => (file(h) as HeadlineShard).url.map((_, k) => file(recordName(h, k)) as DocRecord)));
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));

describe('the search index of the fixture site', () => {
  it('holds every published article exactly once, and no draft or scheduled story', () => {
    const published = readdirSync(join(site, 'articles')).map((id) => `/articles/${id}/`).sort();
    const indexed = records().map((r) => r.url);
    expect([...indexed].sort()).toEqual(published);
    expect(new Set(indexed).size).toBe(indexed.length);
    const titles = records().map((r) => r.title).join('\n');
    expect(titles).not.toContain('Draft story');
    expect(titles).not.toContain('Scheduled story');
    const shards = readdirSync(join(site, 'search', 'f')).join(' ');
    expect(shards).toMatch(/\bv\w+\.json/);
    expect(shards).toMatch(/\bp\w+\.json/);
    expect(records()).toHaveLength(manifest().docCount);
  });

  it('keeps what a result shows: headline as written, section, date, text, and a thumbnail that was built', () => {
    const hue = records().find((r) => r.url === '/articles/hue-rain-festival/')!;
    expect(hue.title).toBe('Huế welcomes the rain festival back to the Perfume River');
    expect(hue.section).toEqual({ id: 'travel', name: 'Travel' });
    expect(hue.date).toBe('2025-10-04T11:30:00.000Z');
    expect(hue.dateText).toBe('4 Oct 2025');
    expect(hue.text).toContain('Kim Long ward');
    expect(hue.thumbnail?.src).toMatch(/^\/_astro\/.+\.webp$/);
    expect(existsSync(join(site, hue.thumbnail!.src))).toBe(true);
    // The slot's width, and three times it for sharp phone screens (the photo is wider than both).
    expect(hue.thumbnail!.width).toBe(config.search.thumbnailWidth);
    expect(hue.thumbnail!.large?.width).toBe(3 * config.search.thumbnailWidth);
    expect(existsSync(join(site, hue.thumbnail!.large!.src))).toBe(true);
    const xss = records().find((r) => r.url === '/articles/assembly-budget-questions/')!;
    expect(xss.title).toContain('<img src=x onerror=alert(1)>');
    expect(xss.thumbnail).toBeUndefined();
  });

  it('carries the tuning and the aliases table from site.config.ts to the browser', () => {
    expect(manifest().tuning.snippetWords).toBeGreaterThan(0);
    expect(manifest().sections.map((s) => s.id)).toContain('politics');
    expect(manifest().aliases).toEqual(config.search.aliases);
  });

  it('keeps the dateline out of the text snippets are cut from', () => {
    const metro = records().find((r) => r.url === '/articles/da-nang-metro/')!;
    expect(metro.text).toMatch(/^Construction of the line/);
    expect(metro.text).not.toContain('(VNA)');
  });

  it('lists the sections, tags, agencies and places that suggestions offer, each with its page where it has one', () => {
    const entities = file(manifest().entities) as Entity[];
    expect(entities).toContainEqual({ name: 'Politics', kind: 'section', url: '/section/politics/' });
    expect(entities).toContainEqual({ name: 'Đà Nẵng', kind: 'tag', url: '/tag/da-nang/' });
    expect(entities).toContainEqual({ name: 'VNA', kind: 'source', url: '/source/vna/' });
    expect(entities).toContainEqual({ name: 'Saigon', kind: 'alias' });
    // An alias group no story holds, and with no page, leads nowhere: it is not offered.
    expect(entities.filter((e) => ['Hạ Long', 'Halong', 'Đà Lạt', 'Dalat', 'Phú Quốc'].includes(e.name))).toEqual([]);
    // An alias goes where another name of its group has a page (VNA ↔ Vietnam News Agency).
    expect(entities).toContainEqual({ name: 'Vietnam News Agency', kind: 'source', url: '/source/vna/', leadsTo: 'VNA' });
    for (const e of entities.filter((e) => e.url)) expect(existsSync(join(site, e.url!, 'index.html')), e.url).toBe(true);
  });
});

describe('the search page and box', () => {
  it('is a plain GET form with a labelled box, a section filter and a results list', () => {
    const doc = loadPage(site, '/search/');
    const form = doc.querySelector('form#search-page-form')!;
    expect(form.getAttribute('action')).toBe('/search/');
    expect(form.getAttribute('method')).toBe('get');
    expect(doc.querySelector('label[for="search-input"]')?.textContent).toBe('Search for');
    expect(doc.querySelector('#search-input')?.getAttribute('name')).toBe('q');
    expect([...doc.querySelectorAll('#search-section option')].map((o) => o.getAttribute('value'))).toEqual(['', 'politics', 'business', 'environment', 'travel']);
    const list = doc.querySelector('ol#search-results')!;
    expect(list.getAttribute('aria-busy')).toBe('false');
    expect(doc.getElementById('search-status')?.getAttribute('role')).toBe('status');
  });

  it('says without JavaScript that search needs it, and links every section', () => {
    const doc = loadPage(site, '/search/');
    const message = doc.querySelector('.search-nojs')!;
    expect(message.textContent).toContain('Search needs JavaScript');
    const links = [...message.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(links).toEqual(['/section/politics/', '/section/business/', '/section/environment/', '/section/travel/']);
    for (const href of links) expect(existsSync(fileForPath(site, href))).toBe(true);
  });

  it('puts the search box in the header of every other page', () => {
    for (const path of ['/', '/articles/hue-rain-festival/', '/section/travel/', '/tag/climate/']) {
      const form = loadPage(site, path).querySelector('header form[role="search"]');
      expect(form?.getAttribute('action'), path).toBe('/search/');
      expect(form?.querySelector('label[for="site-search"]')?.textContent, path).toBe('Search articles');
    }
    expect(loadPage(site, '/search/').querySelector('#site-search')).toBeNull();
  });

  it('ships no inline script on any page, so a CSP without unsafe-inline holds', () => {
    for (const file of htmlFiles(site)) {
      const doc = loadPage(site, file.slice(site.length));
      // Data blocks (JSON-LD) are not scripts the browser runs; everything else must come from a file.
      const inline = [...doc.querySelectorAll('script:not([src])')].filter((s) => s.getAttribute('type') !== 'application/ld+json');
      expect(inline.length, file).toBe(0);
      const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'));
      expect(handlers, file).toEqual([]);
    }
  });

  it('loads only a small loader of search on pages other than search, and no index', () => {
    const scripts = [...loadPage(site, '/').querySelectorAll('script[src]')].map((s) => s.getAttribute('src')!);
    const search = scripts.filter((src) => /SearchForm/.test(src));
    expect(search).toHaveLength(1);
    expect(gzipSync(readFileSync(join(site, search[0]!))).length).toBeLessThan(3 * 1024);
    expect(scripts.filter((src) => /worker|panel|live-search|search\.astro/.test(src))).toEqual([]);
    expect(loadPage(site, '/').querySelectorAll('link[href*="/search/"]').length).toBe(0);
  });
});
