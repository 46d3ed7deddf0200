/**
 * "See more": which stories to show under an article.
 * Interim engine: the latest stories of the same section. The text-similarity
 * engine replaces the body of `computeRelated`; its contract stays.
 */

/** Why a story is in an article's list. */
export type RelatedReason = 'pinned' | 'similar' | 'latest';

export interface RelatedLink {
  id: string;
  reason: RelatedReason;
}

/** What the engine needs of an article. */
export interface RelatedInput {
  id: string;
  title: string;
  summary: string;
  text: string;
  section: string;
  tags: string[];
  date: Date;
  pinned: string[];
}

export interface RelatedOptions {
  /** List length. */
  k: number;
}

/** Computes every article's "See more" list at once, pins first. */
export function computeRelated(articles: readonly RelatedInput[], options: RelatedOptions): Map<string, RelatedLink[]> {
  const byDate = [...articles].sort((a, b) => b.date.getTime() - a.date.getTime() || a.id.localeCompare(b.id));
  const ids = new Set(articles.map((a) => a.id));
  const result = new Map<string, RelatedLink[]>();
  for (const article of articles) {
    const list: RelatedLink[] = article.pinned
      .filter((id) => id !== article.id && ids.has(id))
      .map((id) => ({ id, reason: 'pinned' }));
    for (const other of byDate) {
      if (list.length >= options.k) break;
      if (other.id === article.id || other.section !== article.section || list.some((l) => l.id === other.id)) continue;
      list.push({ id: other.id, reason: 'latest' });
    }
    result.set(article.id, list.slice(0, options.k));
  }
  return result;
}
