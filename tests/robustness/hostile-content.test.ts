/**
 * Content is untrusted HTML-wise. A story with markup in every field and
 * script smuggled into its body is built; nothing of it may run, anywhere it
 * appears: article page, listings, "See more", feeds, JSON-LD, title, meta.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot } from '../../harness/build-site';
import { browserAvailable, siteInBrowser } from '../../harness/browser';
import { builtPages, loadPage } from '../../harness/html';
import { completeFeedItems, jsonLdOfType, meta } from '../helpers/metadata';

/** The fixture's headline and summary as readers see them: still text, with the quotes curled as in bodies (house style). */
const TITLE_SHOWN = '<img src=x onerror=“window.__xss=(window.__xss||0)+1”> Officials <script>window.__xss=1</script> & “friends”';
const SUMMARY_SHOWN = 'A summary with <svg onload=“window.__xss=1”></svg> markup, <b>bold</b> text & an ampersand.';
const ARTICLE = '/articles/markup-everywhere/';

let site = '';
let output = '';
beforeAll(async () => {
  const result = await buildSite(join(projectRoot, 'tests/fixtures/hostile'), { log: true });
  if (!result.ok) throw new Error(result.output);
  site = result.outDir;
  output = result.output;
});

/** Every script element must be a file of the site or JSON-LD data. */
function foreignScripts(doc: Document): string[] {
  return [...doc.querySelectorAll('script')]
    .filter((s) => s.getAttribute('type') !== 'application/ld+json')
    .map((s) => s.outerHTML)
    .filter((html) => !/^<script( type="module")? src="\/(_astro\/[\w.-]+\.js|theme-init\.js)"><\/script>$/.test(html));
}

describe('a story with markup in every field, in the build', () => {
  it('is published, and the build names each thing left out of its body, on one line naming the file and the field', () => {
    const line = output.split('\n').find((l) => l.includes('markup-everywhere/index.md: body: left out'));
    expect(line, output).toBeDefined();
    for (const part of ['<script> with what it held', '<iframe> with what it held', '<style> with what it held', '<form>', 'a javascript: address', 'an event handler (onerror)', 'an event handler (ontoggle)']) {
      expect(line, part).toContain(part);
    }
    // What the site publishes is not named: <abbr>, <mark>, a link to the site's own image.
    expect(line).not.toMatch(/<abbr>|<mark>|<img>|<a>/);
  });
});

describe('a story with markup in every field, in the built HTML', () => {
  it('renders headline, summary, caption, credit, tags, byline and dateline as text', () => {
    const doc = loadPage(site, ARTICLE);
    expect(doc.querySelector('h1')?.textContent).toBe(TITLE_SHOWN);
    expect(doc.querySelector('.standfirst')?.textContent).toBe(SUMMARY_SHOWN);
    expect(doc.querySelector('figcaption')?.textContent).toContain('Caption <img src=x onerror=“window.__xss=1”> with markup');
    expect(doc.querySelector('figcaption .credit')?.textContent).toBe('(Photo: <a href="javascript:window.__xss=1">VNA</a>)');
    expect(doc.querySelector('figure img')?.getAttribute('alt')).toBe('"><script>window.__xss=1</script>');
    expect([...doc.querySelectorAll('.tags a')].map((a) => a.textContent)).toEqual(['<i onmouseover="window.__xss=1">Tag</i>', 'Plain tag']);
    expect(doc.querySelector('.byline')?.textContent).toContain('<script>window.__xss=1</script>Reporter');
    expect(doc.querySelector('.dateline')?.textContent).toBe('<b>Hà Nội</b> (VNA<img src=x onerror=window.__xss=1>) –');
    expect(doc.querySelector('title')?.textContent).toBe(`${TITLE_SHOWN} – Dispatch`);
    expect(meta(doc, 'og:title')).toBe(TITLE_SHOWN);
    expect(meta(doc, 'description')).toBe(SUMMARY_SHOWN);
    expect(jsonLdOfType(doc, 'NewsArticle')?.headline).toBe(TITLE_SHOWN);
  });

  it('keeps only allow-listed markup from the body, without scripts, handlers or dangerous URLs', () => {
    const body = loadPage(site, ARTICLE).querySelector('.article-body')!;
    expect(body.querySelectorAll('script, iframe, object, embed, form, style, svg').length).toBe(0);
    for (const el of body.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
        expect(attr, el.tagName).not.toBe('style');
      }
    }
    for (const el of body.querySelectorAll('[href], [src]')) {
      const url = (el.getAttribute('href') ?? el.getAttribute('src') ?? '').trim().toLowerCase();
      expect(url, el.outerHTML).not.toMatch(/^(javascript|data|vbscript):/);
    }
    expect(body.querySelector('abbr')?.getAttribute('title')).toBe('Vietnam News Agency');
    expect(body.querySelector('mark')?.textContent).toBe('marked');
    expect(body.textContent).toContain('a javascript link');
    // What a removed style sheet, drawing or fallback held was printed as text.
    expect(body.textContent).not.toMatch(/display: none|Turn on JavaScript/);
  });

  it('ships no foreign script and no event handler on any page', () => {
    for (const page of builtPages(site)) {
      const doc = loadPage(site, page);
      expect(foreignScripts(doc), page).toEqual([]);
      const handlers = [...doc.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on')));
      expect(handlers, page).toEqual([]);
    }
  });

  it('shows the headline as text in listings and in the neighbour’s "See more"', () => {
    for (const page of ['/', '/section/politics/', '/tag/plain-tag/', '/latest/', '/articles/an-ordinary-neighbour-story/'.replace('an-ordinary-neighbour-story', 'neighbour')]) {
      const titles = [...loadPage(site, page).querySelectorAll('a')].map((a) => a.textContent?.trim());
      expect(titles, page).toContain(TITLE_SHOWN);
    }
  });

  it('escapes the story in every feed and keeps the JSON-LD block closed', () => {
    const item = completeFeedItems(site).find((i) => i.link.endsWith(ARTICLE));
    expect(item?.title).toBe(TITLE_SHOWN);
    expect(item?.description).toBe(SUMMARY_SHOWN);
    expect(item?.categories).toContain('<i onmouseover="window.__xss=1">Tag</i>');
    const html = readFileSync(join(site, 'articles/markup-everywhere/index.html'), 'utf8');
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(block).not.toMatch(/<\/?script|<img|<svg/i);
  });
});

describe.runIf(browserAvailable())('a story with markup in every field, in Chromium', () => {
  const browser = siteInBrowser(() => site);

  it('fits a 320 px phone however long the words of a story are: headline, byline, photo credit, link, code, tags', async () => {
    for (const path of ['/articles/unbreakable/', '/', '/section/politics/', '/tag/atagwrittenasonelongwordwithoutanyspaceinsideitwhatsoever/']) {
      const page = await browser.open(path, { viewport: { width: 320, height: 640 } });
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth }));
      expect(widths.page, path).toBeLessThanOrEqual(widths.screen);
    }
  });

  for (const path of [ARTICLE, '/', '/section/politics/', '/tag/plain-tag/', '/articles/neighbour/']) {
    it(`runs none of the smuggled script on ${path}`, async () => {
      const page = await browser.open(path);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.waitForLoadState('load');
      // Give error and load handlers their chance: hover and click everything that might carry one.
      for (const el of await page.locator('main a, main img, main div, main details').all()) {
        await el.hover({ timeout: 500, force: true }).catch(() => undefined);
      }
      await page.waitForTimeout(200);
      await expect(page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).resolves.toBeUndefined();
      expect(dialogs).toEqual([]);
      await expect(page.locator('body').isVisible()).resolves.toBe(true);
    });
  }
});
