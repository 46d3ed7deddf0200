/**
 * The sitemap (@astrojs/sitemap) with a `lastmod` for every article page: the
 * time the story last changed, from the model (src/integrations/build-data.ts),
 * the same the page's `article:modified_time` declares.
 */
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import type { BuildData } from '../lib/model/build-data.ts';

/** Paths left out of the sitemap: the search page has no content of its own. */
const EXCLUDED = [/^\/search\//];

/**
 * The order @astrojs/sitemap sorts its URLs in (`localeCompare(…, 'en', {
 * numeric: true })`), as one collator. Its sort asks `localeCompare` afresh
 * for every comparison, which makes a collator each time: 12,000 pages took
 * 0.6 s of every build, a publish's too. Handed its pages in this order, its
 * sort finds them sorted in one pass. All its URLs share the site's address,
 * so ordering the paths orders the URLs.
 */
const inSitemapOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Where the sitemap learns the article pages and when each last changed. */
export interface LastModifiedSource {
  get(): Pick<BuildData, 'lastModified' | 'publishedArticleUrls'>;
}

/**
 * The sitemap integration for astro.config: sitemap-index.xml with lastmod on
 * articles. Every published article page is listed, rendered by this build or
 * not: the index part of a sliced archive build renders none of them. (The
 * sitemap sorts its URLs and drops repeats, so a whole build's is unchanged.)
 */
export function sitemapWithLastmod(source: LastModifiedSource): AstroIntegration {
  const integration = sitemap({
    filter: (page) => !EXCLUDED.some((re) => re.test(new URL(page).pathname)),
    serialize(item) {
      const lastmod = source.get().lastModified.get(decodeURI(new URL(item.url).pathname));
      return lastmod ? { ...item, lastmod } : item;
    },
  });
  const done = integration.hooks['astro:build:done'];
  return {
    ...integration,
    hooks: {
      ...integration.hooks,
      'astro:build:done': (options) => {
        const paths = new Set([...options.pages.map((page) => page.pathname), ...source.get().publishedArticleUrls.map((url) => url.slice(1))]);
        return done?.({ ...options, pages: [...paths].sort(inSitemapOrder).map((pathname) => ({ pathname })) });
      },
    },
  };
}
