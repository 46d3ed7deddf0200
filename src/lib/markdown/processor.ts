/**
 * How article Markdown becomes HTML: Astro's default processor, Sätteri
 * (parsing and HTML in Rust), with our steps as its plugins. The HTML is the
 * same as Astro's unified processor made with the same steps (see
 * docs/decisions/010-markdown-on-satteri.md), in a sixth of the time.
 */
import { satteri } from '@astrojs/markdown-satteri';
import type { CompileOptions } from 'satteri';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import { bodyTextPlugin } from './body-text.ts';
import { rehypeDateline } from './rehype-dateline.ts';
import { rehypeHeadingLevels } from './rehype-heading-levels.ts';
import { rehypePageIds } from './rehype-page-ids.ts';
import { rehypeRawHtml } from './rehype-raw-html.ts';
import { rehypeStage } from './rehype-stage.ts';
import { rehypeCellAlignAttribute, rehypeTableAlign } from './rehype-table-align.ts';
import { rehypeTableScroll } from './rehype-table-scroll.ts';
import { smartPunctuationPlugin } from './remark-smart-punctuation.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/**
 * The Markdown tree's steps: smart punctuation as Astro's unified smartypants
 * made it (Sätteri's own decides some quotes and dashes differently), then
 * the body's plain text for every engine, from the tree with its curly
 * quotes. Also run alone outside Astro (markdown-text.ts).
 */
export const ARTICLE_MDAST = {
  mdastPlugins: [smartPunctuationPlugin, bodyTextPlugin],
  features: { gfm: true, smartPunctuation: false, rawHtml: false },
} satisfies CompileOptions;

/** The `markdown.processor` of astro.config.mjs. */
export function articleMarkdownProcessor() {
  const processor = satteri({
    mdastPlugins: ARTICLE_MDAST.mdastPlugins,
    hastPlugins: [
      rehypeStage('dispatch-article-html', [
        rehypeCellAlignAttribute,
        // Raw HTML stays text until here (features.rawHtml off), so the steps
        // before this one see Markdown's own elements only; the sanitizer then
        // sees raw HTML as real elements.
        rehypeRawHtml,
        [rehypeSanitize, sanitizeSchema],
        rehypeHeadingLevels,
        rehypeDateline,
        rehypeTableAlign,
        rehypeTableScroll,
        rehypeSlug,
        rehypePageIds,
        [rehypeAutolinkHeadings, { behavior: 'wrap', properties: { className: ['heading-link'] } }],
        [rehypeExternalLinks, { rel: ['external', 'noopener', 'noreferrer'] }],
      ]),
    ],
    features: ARTICLE_MDAST.features,
  });
  // Sätteri ends its HTML with a line break where unified did not; without
  // it, pages stay byte for byte as they were.
  const createRenderer = processor.createRenderer.bind(processor);
  processor.createRenderer = async (shared) => {
    const renderer = await createRenderer(shared);
    return {
      render: async (content, options) => {
        const rendered = await renderer.render(content, options);
        return { ...rendered, code: rendered.code.replace(/\n$/, '') };
      },
    };
  };
  return processor;
}
