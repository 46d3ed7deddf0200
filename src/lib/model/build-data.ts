/**
 * What the build's integrations read of the model: the published articles'
 * URLs (the publication check), each article page's last change (the
 * sitemap) and the search index's files. src/integrations/build-data.ts loads
 * this module from the build's own bundle, so it reads the very corpus the
 * pages were rendered from, built once.
 */
import contentStore from 'astro:data-layer-content';
import { releaseSearchIndex, searchIndex } from './search-index.ts';
import type { IndexFile } from '../search/build-index.ts';
import { getCorpus, releaseCorpus } from './corpus.ts';
import { archivePart } from '../archive/part.ts';

/** Settles once the search index's worker thread has loaded its code (src/lib/search/index-worker.ts). */
export { searchThreadLoaded } from '../search/index-worker.ts';

export interface BuildData {
  /** URL paths of the published articles, newest first. */
  publishedArticleUrls: string[];
  /** When each article page last changed (ISO 8601), by URL path. */
  lastModified: Map<string, string>;
  /**
   * The search index's files (path under /search/ → text, a kept file's read
   * when asked for), and the lines saying how the index was had, to be said
   * once the pages are written. Made beside the pages, which need none of them.
   */
  searchFiles: Promise<{ files: Map<string, IndexFile>; said: string[] }>;
}

/** The build data of this build's corpus. */
export async function buildData(): Promise<BuildData> {
  const corpus = await getCorpus();
  return {
    publishedArticleUrls: corpus.articles.map((a) => a.url),
    lastModified: new Map(corpus.articles.map((a) => [a.url, a.modified.toISOString()])),
    // A slice of an archive build writes none: the index part writes the whole archive's.
    searchFiles: archivePart()?.kind === 'slice' ? Promise.resolve({ files: new Map(), said: [] }) : searchIndex(corpus).then(({ index, said }) => ({ files: index.files, said })),
  };
}

/**
 * Lets go of what this build made once its site is published. Node keeps each
 * build's bundle for the life of the process, and the publishing desk
 * (scripts/desk.ts) builds many times in one: without this, every publish
 * would keep its corpus and search index, and each would be slower to collect.
 */
export function release(): void {
  releaseCorpus();
  releaseSearchIndex();
  // Astro's content store (read from its file: src/integrations/content-store-file.ts), which Astro keeps too.
  if (contentStore instanceof Map) contentStore.clear();
}
