/**
 * The importer's output is a content folder the real Astro build accepts,
 * and its pages read like clean articles.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../src/lib/import/import-sources';
import { buildSite, projectRoot, type BuildResult } from '../../harness/build-site';
import { loadPage } from '../../harness/html';

const fixtures = join(projectRoot, 'tests/fixtures/import');
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('a folder of imported articles', () => {
  let build: BuildResult;
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'dispatch-imported-'));
    await importSources([join(fixtures, 'agency')], { out, section: 'news', date: '2025-05-18T09:00:00+07:00' });
    await importSources([join(fixtures, 'plain')], { out, date: '2025-05-17' });
    build = await buildSite(out);
  });

  it('builds with the real Astro build', () => {
    expect(build.output).not.toMatch(/content problem/);
    expect(build.ok).toBe(true);
  });

  it('prints an agency story as headline, standfirst, dateline and body, signed off once', () => {
    const doc = loadPage(build.outDir, '/articles/can-tho-opens-new-bridge-over-the-hau-river-to-cargo-traffic/');
    expect(text(doc.querySelector('h1'))).toBe('Can Tho opens new bridge over the Hau River to cargo traffic');
    expect(text(doc.querySelector('.standfirst'))).toMatch(/^Trucks began crossing the new Hau River bridge/);
    const paragraphs = [...doc.querySelectorAll('.article-body p')].map((p) => text(p));
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^Can Tho \(VNA\) – The bridge, approved by the National Assembly in 2021/);
    expect(paragraphs[1]).toContain('in order to keep traffic moving');
    expect(paragraphs[2]).toMatch(/buyers in Ho Chi Minh City\.$/);
    expect(text(doc.querySelector('.sign-off'))).toBe('VNA');
    const article = text(doc.querySelector('article')) ?? '';
    for (const gone of ['ảnh', './.', 'See more', 'dragon fruit', 'Trucks began crossing the new Hau River bridge in Can Tho on Monday, cutting the trip between the city\'s port and the southern provinces by almost an hour. Can Tho']) {
      expect(article).not.toContain(gone);
    }
    expect(doc.querySelector('article figure')).toBeNull();
  });

  it('shows plain text as plain text: no markup or lists from the source, only bare web addresses linked', () => {
    const doc = loadPage(build.outDir, '/articles/port-fees-a-fair-price-or-1-burden/');
    expect(text(doc.querySelector('h1'))).toBe('Port fees: “a fair price” - or #1 burden?');
    const body = doc.querySelector('.article-body')!;
    expect(body.querySelectorAll('b, em, ol, ul, h1, h2, h3').length).toBe(0);
    expect([...body.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent])).toEqual([['http://example.com', 'http://example.com']]);
    expect(text(body)).toContain('2019. That was the year');
    expect(text(body)).toContain('<b>closed</b> & “final” *today*, with [details](http://example.com) to follow.');
  });

  it('files stories under the section their folder names', () => {
    const culture = loadPage(build.outDir, '/section/culture/');
    expect(text(culture.querySelector('main'))).toContain('Water puppet theatre returns to the village pond');
  });
});
