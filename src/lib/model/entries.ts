/**
 * The article collection as Astro stores it: entries validated by the schema
 * (src/content.config.ts), each with its rendered body.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';

export type ArticleEntry = CollectionEntry<'articles'>;

/** Every entry of the collection, published or not. */
export function readEntries(): Promise<ArticleEntry[]> {
  return getCollection('articles');
}

/** Renders an entry's Markdown body to an Astro component. */
export function renderEntry(entry: ArticleEntry) {
  return render(entry);
}
