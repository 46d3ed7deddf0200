/**
 * The article collection as Astro stores it: entries validated by the schema
 * (src/content.config.ts), each with its rendered body and the body text the
 * Markdown pipeline derived (markdown/body-text.ts).
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { BODY_TEXT_KEY } from '../markdown/body-text';

export type ArticleEntry = CollectionEntry<'articles'>;

/** Every entry of the collection, published or not. */
export function readEntries(): Promise<ArticleEntry[]> {
  return getCollection('articles');
}

/** The body's plain text, as remarkBodyText left it with the rendered entry. */
export function entryBodyText(entry: ArticleEntry): string {
  const frontmatter: Record<string, unknown> | undefined = entry.rendered?.metadata?.frontmatter;
  const text = frontmatter?.[BODY_TEXT_KEY];
  if (typeof text !== 'string') throw new Error(`${entry.filePath ?? entry.id}: the rendered body carries no text (is remarkBodyText in astro.config.mjs?)`);
  return text;
}

/** Renders an entry's Markdown body to an Astro component. */
export function renderEntry(entry: ArticleEntry) {
  return render(entry);
}
