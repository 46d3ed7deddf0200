import { describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations } from '../helpers/axe';
import { browserAvailable, siteInBrowser } from '../../harness/browser';
import { loadPage } from '../../harness/html';

type PageList = [name: string, path: string][];

const fixturePages: PageList = [
  ['the front page', '/'],
  ['an article with a photo, a table and "See more"', '/articles/hue-rain-festival/'],
  ['an article without a photo', '/articles/da-nang-metro/'],
  ['a section page', '/section/environment/'],
  ['a tag page', '/tag/climate/'],
  ['the search page', '/search/'],
  ['the search page with results', '/search/?q=festival'],
  ['the search page with no results', '/search/?q=zyxwvut'],
  ['the page for an unknown address', '/no-such-story/'],
];

/** The same kinds of page on the sample site, found by following its links, since its content changes. */
function samplePages(): PageList {
  const site = inject('sampleSite');
  const href = (doc: Document, selector: string) => doc.querySelector(selector)?.getAttribute('href') ?? undefined;
  const front = loadPage(site, '/');
  const article = href(front, 'main a[href^="/articles/"]');
  const tag = article && href(loadPage(site, article), 'main a[href^="/tag/"]');
  const pages: [string, string | undefined][] = [
    ['the front page', '/'],
    ['the lead article', article],
    ['a section page', href(front, 'a[href^="/section/"]')],
    ['a tag page', tag],
    ['the search page', '/search/'],
    ['the search page with results', '/search/?q=Da%20Nang'],
    ['the page for an unknown address', '/no-such-story/'],
  ];
  return pages.filter((p): p is [string, string] => p[1] !== undefined);
}

describe.runIf(browserAvailable()).each([
  ['fixture', () => inject('fixtureSite'), fixturePages],
  ['sample', () => inject('sampleSite'), samplePages()],
] as const)('accessibility of the %s site at WCAG 2.1 AA (axe-core)', (_name, siteDir, pages) => {
  const site = siteInBrowser(siteDir);

  it.each(pages)('finds no violations on %s, in the light and the dark colour scheme', async (_page, path) => {
    const page = await site.open(path);
    // A search page is checked once its results (or its "no results" state) are on screen.
    if (path.includes('?q=')) {
      await page.waitForFunction(
        () => document.querySelector('#search-results')?.getAttribute('aria-busy') === 'false' && /(for|of) “/.test(document.querySelector('#search-status')?.textContent ?? ''),
        undefined,
        { timeout: 15_000 },
      );
    }
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const violations = await axeViolations(page);
      expect(violations, `axe violations on ${path} (${colorScheme}):\n${describeViolations(violations)}`).toEqual([]);
    }
  });
});

describe.runIf(browserAvailable())('the axe check', () => {
  const site = siteInBrowser();

  it("finds the sample site's article, section and tag pages to check by following its links", () => {
    expect(samplePages().map(([name]) => name)).toEqual(['the front page', 'the lead article', 'a section page', 'a tag page', 'the search page', 'the search page with results', 'the page for an unknown address']);
  });

  it('reports a violation when a page has one, so a clean result means something', async () => {
    // The hero photo: teasers' pictures sit in links hidden from screen readers, which axe skips.
    const page = await site.open('/articles/hue-rain-festival/');
    await page.evaluate(() => document.querySelector('.hero img')?.removeAttribute('alt'));
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).toContain('image-alt');
  });

  it('judges the colours of the scheme the page is switched to', async () => {
    const page = await site.open('/articles/da-nang-metro/');
    await page.addStyleTag({ content: ':root { --muted: light-dark(#595650, #3a3a3a); }' });
    const contrastFailures = async (colorScheme: 'light' | 'dark') => {
      await page.emulateMedia({ colorScheme });
      return (await axeViolations(page)).filter((v) => v.id === 'color-contrast').length;
    };
    expect(await contrastFailures('light')).toBe(0);
    expect(await contrastFailures('dark')).toBe(1);
  });
});
