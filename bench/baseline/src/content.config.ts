import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = process.env.CONTENT_DIR;
if (!base) throw new Error('the baseline needs CONTENT_DIR');

export const collections = {
  articles: defineCollection({ loader: glob({ pattern: '**/*.md', base }) }),
};
