/**
 * The one plain text of an article body, read by every engine (related
 * stories, search, reading time) and by the benchmarks: derived from the
 * Markdown tree, so nothing is stripped back out of HTML. Paragraphs,
 * headings, list items, table cells and code blocks each end a line; images
 * carry no text; raw HTML gives the text a reader sees of it (sanitized as the
 * page is). The dateline run-in ("Hà Nội (VNA) –") is not part of the body:
 * the page prints it from the article's fields (rehype-dateline.ts).
 */
import type { Nodes, Root } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toString as hastText } from 'hast-util-to-string';
import { defineMdastPlugin } from 'satteri';
import { sanitizeSchema } from './sanitize-schema.ts';
import { countWords } from '../text/reading-time.ts';
import { removedMarkup } from './removed-markup.ts';

/** Nodes whose end ends a line of text. */
const LINE_ENDS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'tableRow', 'tableCell', 'footnoteDefinition']);
/** Nodes that carry no body text. */
const SILENT = new Set(['image', 'imageReference', 'definition', 'footnoteReference', 'thematicBreak', 'yaml']);
/** Containers whose raw HTML children stand as blocks of their own. */
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** The text a reader sees of a piece of raw HTML, after the same sanitizing as the page. */
function rawHtmlText(html: string): string {
  return hastText(sanitize(fromHtml(html, { fragment: true }), sanitizeSchema));
}

/** The body's plain text: one line per paragraph, heading, list item or table cell. */
export function bodyText(tree: Root): string {
  const parts: string[] = [];
  const walk = (node: Nodes, parent: string): void => {
    if (SILENT.has(node.type)) return;
    if (node.type === 'html') {
      const block = BLOCK_PARENTS.has(parent);
      parts.push(block ? '\n' : '', rawHtmlText(node.value), block ? '\n' : '');
    } else if (node.type === 'code') {
      parts.push('\n', node.value, '\n');
    } else if (node.type === 'break') {
      parts.push('\n');
    } else if ('value' in node) {
      parts.push(node.value);
    } else if ('children' in node) {
      for (const child of node.children) walk(child, node.type);
      if (LINE_ENDS.has(node.type)) parts.push('\n');
    }
  };
  walk(tree, '');
  return parts.join('').replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

/** The frontmatter key under which the body text reaches the content entry (see `bodyTextPlugin`). */
export const BODY_TEXT_KEY = 'bodyText';
/** The frontmatter key of the body's word count, counted once, when the body is rendered. */
export const BODY_WORDS_KEY = 'bodyWords';
/** The frontmatter key of what the sanitizer takes out of the body (removed-markup.ts), where it takes anything. */
export const BODY_REMOVED_KEY = 'bodyRemoved';

/**
 * The body text and word count bodyTextPlugin left in a document's
 * frontmatter, if it did (a count is made when an older one has none).
 */
export function frontmatterBody(frontmatter: unknown): { text: string; words: number } | undefined {
  if (typeof frontmatter !== 'object' || frontmatter === null) return undefined;
  const text: unknown = Reflect.get(frontmatter, BODY_TEXT_KEY);
  if (typeof text !== 'string') return undefined;
  const words: unknown = Reflect.get(frontmatter, BODY_WORDS_KEY);
  return { text, words: typeof words === 'number' ? words : countWords(text) };
}

/**
 * Sätteri mdast plugin: puts `bodyText(tree)` into the document's Astro
 * frontmatter, which Astro stores with the rendered entry
 * (`rendered.metadata.frontmatter`). Listed after smart punctuation, it sees
 * the page's curly quotes.
 */
export const bodyTextPlugin = defineMdastPlugin({
  name: 'body-text',
  before(root, ctx) {
    const astro = ctx.data.astro;
    if (!astro) return;
    const text = bodyText(root as Root);
    astro.frontmatter[BODY_TEXT_KEY] = text;
    astro.frontmatter[BODY_WORDS_KEY] = countWords(text);
    const removed = removedMarkup(root as Root);
    if (removed.length > 0) astro.frontmatter[BODY_REMOVED_KEY] = removed;
  },
});
