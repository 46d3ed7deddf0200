import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { fileForPath, loadPage } from '../../harness/html';

const site = inject('fixtureSite');
const articleDirs = () => readdirSync(join(site, 'articles'));

describe('the built fixture site', () => {
  it('gives every published fixture article exactly one page, and drafts and scheduled stories none', () => {
    expect(articleDirs().sort()).toEqual(['assembly-budget-questions', 'da-nang-metro', 'hanoi-heat', 'hue-rain-festival', 'lotus-exports', 'mekong-salinity']);
  });

  it('renders the article headline as the only h1', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const h1s = doc.querySelectorAll('h1');
    expect(h1s.length).toBe(1);
    expect(h1s[0]?.textContent).toBe('Huế welcomes the rain festival back to the Perfume River');
    expect(doc.querySelector('title')?.textContent).toBe('Huế welcomes the rain festival back to the Perfume River – Dispatch');
  });

  it('shows the hero figure with caption and credit', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const caption = doc.querySelector('figure.hero figcaption');
    expect(caption?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      "Lantern boats on the Perfume River on the festival’s opening night. (Photo: VNA)",
    );
    expect(doc.querySelector('figure.hero img')?.getAttribute('alt')).toBe('Lantern boats drifting on a dark river under a light rain');
    const other = loadPage(site, '/articles/lotus-exports/');
    expect(other.querySelector('figure.hero .credit')?.textContent).toBe('(Source: dongthap.gov.vn)');
  });

  it('lists three authors in the byline as the house writes a list, with no comma before "and"', () => {
    const byline = loadPage(site, '/articles/hanoi-heat/').querySelector('.byline strong')?.textContent;
    expect(byline).toBe('Phạm Thu Hà, Đỗ Quang Vinh and Lê Minh Khoa');
  });

  it('marks published and updated times with machine-readable datetimes', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const times = [...doc.querySelectorAll('.byline time')].map((t) => t.getAttribute('datetime'));
    expect(times).toEqual(['2025-10-04T11:30:00.000Z', '2025-10-05T01:00:00.000Z']);
  });

  it('opens the body with the dateline and agency, and signs off with the agency', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const first = doc.querySelector('.article-body p');
    expect(first?.textContent?.startsWith('Huế (VNA) – The festival, held every October')).toBe(true);
    expect(doc.querySelector('.sign-off')?.textContent).toBe('VNA');
  });

  it('renders Markdown tables, quotes, smart punctuation and linked subheadings', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    expect(doc.querySelectorAll('.article-body table tbody tr').length).toBe(2);
    expect(doc.querySelector('.article-body blockquote')?.textContent).toContain('“The rain is part of the show,”');
    const h2 = doc.querySelector('.article-body h2');
    expect(h2?.id).toBe('boats-songs-and-rain');
    expect(h2?.querySelector('a')?.getAttribute('href')).toBe('#boats-songs-and-rain');
  });

  it('lists "See more" stories in an ordered list whose links all resolve to built pages', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    const section = doc.querySelector('section#related');
    expect(section?.getAttribute('aria-labelledby')).toBe('related-heading');
    expect(doc.getElementById('related-heading')?.textContent).toBe('See more');
    const links = [...section!.querySelectorAll('ol > li h3 a')].map((a) => a.getAttribute('href')!);
    expect(links[0]).toBe('/articles/lotus-exports/');
    for (const href of links) expect(existsSync(fileForPath(site, href)), href).toBe(true);
  });

  it('links tags to tag pages that list the article', () => {
    const doc = loadPage(site, '/tag/climate/');
    const links = [...doc.querySelectorAll('main ol a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/articles/hanoi-heat/', '/articles/mekong-salinity/']);
  });

  it('reaches every published article from the front page through section listings', () => {
    const front = loadPage(site, '/');
    const sections = [...front.querySelectorAll('nav[aria-label="Sections"] a')].map((a) => a.getAttribute('href')!);
    const reached = new Set<string>();
    for (const href of sections) {
      for (const a of loadPage(site, href).querySelectorAll('main ol a')) reached.add(a.getAttribute('href')!);
    }
    expect([...reached].filter((h) => h.startsWith('/articles/')).sort()).toEqual(
      articleDirs().map((d) => `/articles/${d}/`).sort(),
    );
  });

  it('aligns Markdown table columns with a class instead of the obsolete align attribute', () => {
    const doc = loadPage(site, '/articles/hue-rain-festival/');
    expect(doc.querySelectorAll('.article-body [align]').length).toBe(0);
    const visitors = [...doc.querySelectorAll('.article-body tr > :nth-child(2)')].map((cell) => cell.className);
    expect(visitors).toEqual(['align-right', 'align-right', 'align-right']);
  });

  it('marks the article’s section in the header as where the reader is, not as the page they are on', () => {
    const current = (path: string) =>
      [...loadPage(site, path).querySelectorAll('nav[aria-label="Sections"] [aria-current]')].map((a) => [a.textContent, a.getAttribute('aria-current')]);
    expect(current('/articles/lotus-exports/')).toEqual([['Business', 'true']]);
    expect(current('/section/business/')).toEqual([['Business', 'page']]);
    expect(current('/')).toEqual([]);
  });

  it('links each article to its older and newer neighbour in the section', () => {
    const doc = loadPage(site, '/articles/lotus-exports/');
    expect(doc.querySelector('.neighbours .older a')?.getAttribute('href')).toBe('/articles/da-nang-metro/');
    expect(doc.querySelector('.neighbours .newer')).toBeNull();
  });

  it('leaves no empty slot in place of a missing "Previous" or "Next" story', () => {
    for (const id of articleDirs()) {
      const slots = [...loadPage(site, `/articles/${id}/`).querySelectorAll('.neighbours > *')];
      expect(slots.filter((p) => p.textContent?.trim() === ''), id).toEqual([]);
    }
  });

  it('puts each table in a focusable box that scrolls sideways, with its hint', () => {
    const box = loadPage(site, '/articles/hue-rain-festival/').querySelector('.article-body .table-scroll')!;
    expect([box.tagName, box.getAttribute('aria-label')]).toEqual(['SECTION', 'Table (scrolls sideways)']);
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(box.querySelector('.table-hint')?.textContent).toMatch(/scroll sideways/i);
    expect(box.querySelector('table')).not.toBeNull();
  });

  it('writes dates in house style, "Sep" and never "Sept"', () => {
    const pages = [...articleDirs().map((id) => `/articles/${id}/`), '/', '/latest/', '/archive/'];
    for (const path of pages) expect(loadPage(site, path).body.textContent, path).not.toMatch(/\bSept\b/);
    const days = [...loadPage(site, '/latest/').querySelectorAll('.story-meta time')].map((t) => t.textContent);
    expect(days).toContain('20 Sep 2025');
  });
});
