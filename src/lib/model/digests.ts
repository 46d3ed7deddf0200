/**
 * What each page shows, as a digest: the `cacheKey` a route returns from
 * getStaticPaths for Astro's incremental build (astro.config.mjs,
 * `experimental.incrementalBuild`). Astro skips rendering a path whose key,
 * route code, config and lockfile all match the last build, and restores its
 * last output. So a key must change whenever anything the page shows does:
 * a key that misses something leaves a stale page (the byte-identical test in
 * tests/build/incremental-publish.test.ts is the guard). Keys err on the side
 * of rendering again.
 *
 * Computed once per build, from the corpus (model/corpus.ts).
 */
import { createHash } from 'node:crypto';
import type { Article } from './article.ts';
import type { Corpus } from './corpus.ts';
import { renderedBody } from './entries.ts';
import { fieldsBut } from '../content/body-texts.ts';

interface Digests {
  /** Every published article, to tell an article from other values. */
  articles: ReadonlySet<unknown>;
  cards: Map<Article, string>;
  /** The header's and footer's sections: on every page. */
  sections: string;
}

const memo = new WeakMap<Corpus, Digests>();

function digestsOf(corpus: Corpus): Digests {
  let digests = memo.get(corpus);
  if (!digests) {
    digests = { articles: new Set(corpus.articles), cards: new Map(), sections: digest(corpus.sections) };
    memo.set(corpus, digests);
  }
  return digests;
}

function digest(value: unknown, replacer?: (this: unknown, key: string, value: unknown) => unknown): string {
  return createHash('sha256').update(JSON.stringify(value, replacer) ?? 'undefined').digest('base64url');
}

/**
 * What a story's teaser shows wherever it appears (StoryCard, "See more", the
 * archive's and front page's headline lists): headline, link, summary,
 * section, date and picture.
 */
export function cardDigest(corpus: Corpus, article: Article): string {
  const { cards } = digestsOf(corpus);
  let card = cards.get(article);
  if (card === undefined) {
    const { id, url, title, summary, date, section, image } = article;
    card = digest({ id, url, title, summary, date, section: [section.id, section.name], picture: image?.src });
    cards.set(article, card);
  }
  return card;
}

/**
 * The key of a page drawn from `value` (its props, its page of a listing):
 * the value as JSON with every article in it replaced by its id and card
 * digest, plus the sections every page's header shows.
 */
export function listingKey(corpus: Corpus, value: unknown): string {
  const { articles, sections } = digestsOf(corpus);
  return digest({ sections, value }, (_key, v) => (articles.has(v) ? `${(v as Article).id} ${cardDigest(corpus, v as Article)}` : v));
}

/**
 * The key of an article's page: the story itself (every field, and its body
 * as rendered), its "See more" stories' cards and why each is there, its
 * section neighbours' links, and the sections.
 */
export function articleKey(corpus: Corpus, article: Article): string {
  const { older, newer } = corpus.neighbours.get(article.id) ?? {};
  const link = (a: Article | undefined) => a && [a.url, a.title];
  // The body's plain text shows on no page (what it feeds, the related list and the word count, is
  // here on its own). The HTML goes in as the digest made when it was rendered (content/body-texts.ts):
  // as JSON, every quote of every body was escaped again on every build (about a second at 10,000
  // stories), and hashed whole, 37 MB, a quarter of a second.
  const shown = fieldsBut(article, 'text');
  const fields = JSON.stringify({
    sections: digestsOf(corpus).sections,
    article: shown,
    neighbours: [link(older), link(newer)],
    related: (corpus.related.get(article.id) ?? []).map((s) => [s.reason, s.article.id, cardDigest(corpus, s.article)]),
  });
  const entry = corpus.entries.get(article.id);
  const body = entry && renderedBody(entry);
  return createHash('sha256').update(fields).update(body === undefined ? '\0' : `\n${body.htmlDigest}`).digest('base64url');
}

/** The key of an article's social card: cut from its picture alone (publish/social-card.ts). */
export function socialCardKey(article: Article): string {
  return digest(article.image?.src);
}

/** Listing paths (as `listingPages` makes them) with each one's key: its params and props, articles as cards. */
export function keyed<P extends { params: unknown; props: unknown }>(corpus: Corpus, paths: P[]): (P & { cacheKey: string })[] {
  return paths.map((path) => ({ ...path, cacheKey: listingKey(corpus, { params: path.params, props: path.props }) }));
}
