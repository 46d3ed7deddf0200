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
      'astro:build:done': (options) =>
        done?.({ ...options, pages: [...options.pages, ...source.get().publishedArticleUrls.map((url) => ({ pathname: url.slice(1) }))] }),
    },
  };
}
