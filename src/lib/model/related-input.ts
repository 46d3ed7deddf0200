/**
 * The related engine's input and output in terms of the model: what it reads
 * of an article, and its lists turned back into articles.
 */
import type { Article } from './article.ts';
import { textDigest } from '../content/body-texts.ts';
import type { RelatedInput, RelatedLink, RelatedReason } from '../related/index.ts';
import type { StepCodec } from '../build/step-cache.ts';

export interface RelatedStory {
  article: Article;
  reason: RelatedReason;
}

/** What goes before the body in the text the engine reads: the dateline's place. */
export const textBefore = (article: Pick<Article, 'dateline'>) => (article.dateline ? `${article.dateline} – ` : '');

/**
 * What the engine reads of an article. The dateline's place joins the body
 * text (stories filed from one place are often related); its agency does not,
 * since "(VNA)" opens most wire stories and says nothing about what one is about.
 * The text is read from the article when the engine asks for it (a kept
 * body's comes from its file then), or is `text` when given.
 */
export function toRelatedInput(article: Article, text?: string): RelatedInput {
  let joined = text;
  return {
    id: article.id,
    title: article.title,
    summary: article.summary,
    get text() {
      return (joined ??= textBefore(article) + article.text);
    },
    // The body's digest, made when it was rendered, with the dateline's place.
    textDigest: article.dateline ? textDigest(`${article.dateline}\0${article.textDigest}`) : article.textDigest,
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

type KeptLink = [id: string, reason: RelatedReason, similarity?: number];
const REASONS: ReadonlySet<unknown> = new Set<RelatedReason>(['pinned', 'similar', 'latest']);

/** The engine's lists as the build cache keeps them (lib/build/step-cache.ts), in the engine's order. */
export const relatedCodec: StepCodec<Map<string, RelatedLink[]>> = {
  encode: (links) => [...links].map(([id, list]) => [id, list.map((l): KeptLink => (l.similarity === undefined ? [l.id, l.reason] : [l.id, l.reason, l.similarity]))]),
  decode(json) {
    if (!Array.isArray(json)) throw new Error('related lists: not a list');
    return new Map(json.map((row: unknown) => {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || !Array.isArray(row[1])) throw new Error('related lists: a malformed row');
      return [row[0], (row[1] as unknown[]).map((link): RelatedLink => {
        if (!Array.isArray(link) || typeof link[0] !== 'string' || !REASONS.has(link[1]) || (link.length > 2 && typeof link[2] !== 'number')) {
          throw new Error('related lists: a malformed link');
        }
        return link.length > 2 ? { id: link[0], reason: link[1] as RelatedReason, similarity: link[2] as number } : { id: link[0], reason: link[1] as RelatedReason };
      })];
    }));
  },
};
