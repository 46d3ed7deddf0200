/**
 * The body text of an article's Markdown, for code that reads article files
 * without running Astro (the archive's corpus index, the benchmarks):
 * Sätteri with the site's own Markdown-tree steps (processor.ts), so the
 * engines see here exactly the text they see in the build.
 */
import { markdownToHtml } from 'satteri';
import { BODY_TEXT_KEY } from './body-text.ts';
import { ARTICLE_MDAST } from './processor.ts';

/** Markdown → the body text the site's engines read. */
export function markdownToText(markdown: string): string {
  const frontmatter: Record<string, unknown> = {};
  markdownToHtml(markdown, { ...ARTICLE_MDAST, data: { astro: { frontmatter, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() } } });
  const text = frontmatter[BODY_TEXT_KEY];
  if (typeof text !== 'string') throw new Error('the Markdown steps gave no body text');
  return text;
}
