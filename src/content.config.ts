/**
 * The article collection: our own loader (see article-loader.ts) and the
 * frontmatter schema from article-schema.ts, which the importer shares.
 */
import { defineCollection } from 'astro:content';
import { articleLoader } from './lib/content/article-loader.ts';
import { articleSchema } from './lib/content/article-schema.ts';
import { site } from './site.config.ts';

const articles = defineCollection({
  loader: articleLoader(site.contentDir),
  schema: ({ image }) => articleSchema(image),
});

export const collections = { articles };
