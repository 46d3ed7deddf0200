/**
 * The related engine's input and output in terms of the model: what it reads
 * of an article, and its lists turned back into articles.
 */
import type { Article } from './article';
import type { RelatedInput, RelatedLink, RelatedReason } from '../related/index';

export interface RelatedStory {
  article: Article;
  reason: RelatedReason;
}

/**
 * What the engine reads of an article. The dateline's place joins the body
 * text (stories filed from one place are often related); its agency does not,
 * since "(VNA)" opens most wire stories and says nothing about what one is about.
 */
export function toRelatedInput(article: Article): RelatedInput {
  return {
    id: article.id,
    title: article.title,
    summary: article.summary,
    text: article.dateline ? `${article.dateline} – ${article.text}` : article.text,
    section: article.section.id,
    tags: article.tags.map((t) => t.name),
    date: article.date,
    pinned: article.pinned,
  };
}

/** The engine's lists with each id resolved to its article, in rank order. */
export function relatedStories(links: ReadonlyMap<string, readonly RelatedLink[]>, byId: ReadonlyMap<string, Article>): Map<string, RelatedStory[]> {
  return new Map(
    [...links].map(([id, list]) => [id, list.flatMap((link) => {
      const article = byId.get(link.id);
      return article ? [{ article, reason: link.reason }] : [];
    })]),
  );
}
