/**
 * Plain text of an article's Markdown body, for benchmarks that read article
 * files without running the site's Markdown pipeline. The site feeds the
 * engine `htmlToText(rendered HTML)`: paragraphs as lines, markup gone,
 * escapes and entities resolved. This does the same for the Markdown the
 * importer writes (paragraphs, escaped punctuation, the odd link or list),
 * cheaply, with regular expressions.
 */
import { decodeHTML } from 'entities';

/** Markdown → readable text, one line per paragraph. */
export function markdownToText(markdown: string): string {
  const text = markdown
    .replace(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>\n]*>/g, '')
    .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)/gm, '')
    .replace(/(^|[^\\])[*_~`]+/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return decodeHTML(text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
