import { decodeHTML } from 'entities';

/**
 * The readable text of rendered article HTML: tags dropped, block ends kept as
 * line breaks, entities decoded. Cheaper than re-parsing the Markdown, and it
 * sees exactly what readers see.
 */
export function htmlToText(html: string): string {
  return decodeHTML(
    html
      .replace(/<(script|style|template)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/(p|h[1-6]|li|blockquote|figcaption|tr|td|th|div|pre)>|<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
