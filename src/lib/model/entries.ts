/**
 * The article collection as Astro stores it: entries validated by the schema
 * (src/content.config.ts), each with its rendered body.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { bodyTextOf, type BodyText } from '../content/body-texts.ts';

export type ArticleEntry = CollectionEntry<'articles'>;

/** Every entry of the collection, published or not. */
export function readEntries(): Promise<ArticleEntry[]> {
  return getCollection('articles');
}

/** An entry's body as rendered (its HTML and that HTML's digest), which the loader keeps beside the store (src/lib/content/body-texts.ts). */
export function renderedBody(entry: ArticleEntry): BodyText {
  const body = bodyTextOf(entry.id, entry.digest);
  if (body === undefined) throw new Error(`${entry.filePath ?? entry.id}: no rendered body is kept for this story`);
  return body;
}

/** Renders an entry's Markdown body to an Astro component (Astro resolves the images it references). */
export function renderEntry(entry: ArticleEntry) {
  return render({ ...entry, rendered: { ...entry.rendered, html: renderedBody(entry).html } });
}
