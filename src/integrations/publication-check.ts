/**
 * The build's check before the site is compressed and published: fails the
 * build when the written site does not hold every published article exactly
 * once as a page, a search record, a sitemap entry and a complete-feed item
 * (see src/lib/build/publication-check.ts).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { builtArticleUrls, publicationProblems } from '../lib/build/publication-check.ts';
import type { BuildData } from '../lib/model/build-data.ts';
import type { StagedLook } from '../lib/build/sync-site.ts';

/** Where the check learns what was published: the model (src/integrations/build-data.ts). */
export interface PublishedSource {
  get(): Pick<BuildData, 'publishedArticleUrls'>;
}

/**
 * `staged`, when given, is the look at the built site the publishing takes
 * (src/integrations/incremental-publish.ts), taken once every step before
 * this one wrote: the check finds the pages and search records in it.
 */
export function publicationCheck(source: PublishedSource, staged?: () => Promise<StagedLook | undefined>): AstroIntegration {
  return {
    name: 'dispatch:publication-check',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const published = source.get().publishedArticleUrls;
        const problems = publicationProblems(published, builtArticleUrls(fileURLToPath(dir), (await staged?.())?.looks));
        if (problems.length > 0) {
          throw new Error(`publication check failed: the built site does not hold every published article exactly once:\n  ${problems.join('\n  ')}`);
        }
        logger.info(`${published.length} published articles, each once as a page, a search record, a sitemap entry and a feed item`);
      },
    },
  };
}
