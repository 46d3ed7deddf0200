/**
 * The sitemap (@astrojs/sitemap) with a `lastmod` for every article page: the
 * time the story last changed, from the model (src/integrations/build-data.ts),
 * the same the page's `article:modified_time` declares.
 */
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import type { BuildData } from '../lib/model/build-data';

/** Paths left out of the sitemap: the search page has no content of its own. */
const EXCLUDED = [/^\/search\//];

/** Where the sitemap learns when each article last changed. */
export interface LastModifiedSource {
  get(): Pick<BuildData, 'lastModified'>;
}

/** The sitemap integration for astro.config: sitemap-index.xml with lastmod on articles. */
export function sitemapWithLastmod(source: LastModifiedSource): AstroIntegration {
  return sitemap({
    filter: (page) => !EXCLUDED.some((re) => re.test(new URL(page).pathname)),
    serialize(item) {
      const lastmod = source.get().lastModified.get(decodeURI(new URL(item.url).pathname));
      return lastmod ? { ...item, lastmod } : item;
    },
  });
}
