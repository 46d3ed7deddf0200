/**
 * "See more" begun while the content is read: the loader hands every stored
 * entry here once it has read them, and the lists of the stories they
 * publish are begun in a worker thread (src/lib/related/ahead.ts), so that
 * the rest of the content's sync, the server bundle and the search index go
 * on beside them. The pages take them (related-lists.ts) when the input they
 * were begun from is the pages' own; at 10,000 stories the lists took three
 * seconds after the pages were listed, the longest wait of a publish.
 *
 * This module runs in the loader's copy of the model, not the pages' (one
 * process, two module graphs): what it begins is shared on `globalThis`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from './article.ts';
import { toArticle, type ArticleSource } from './to-article.ts';
import type { KeptBodies } from '../content/body-texts.ts';
import { archivePart } from '../archive/part.ts';
import { computeRelatedAhead, type AheadLists } from '../related/ahead.ts';
import type { TermCacheAt, TextsAt } from '../related/worker.ts';
import { timed } from '../build/build-profile.ts';
import { buildCache, sourceDigest } from '../build/step-cache.ts';
import { site } from '../../site.config.ts';
import { byNewest } from './listings.ts';
import { buildTime, publish } from './published.ts';
import { textBefore, toRelatedInput } from './related-input.ts';

/** The source the related engine's tokenising depends on: a change to any tokenises every story again. */
const RELATED_TOKENISER = ['src/lib/related/tokenize.ts', 'src/lib/related/term-cache.ts', 'src/lib/text'];
/** The lists begun ahead, on `globalThis`. */
const AHEAD = Symbol.for('dispatch.relatedAhead');
/** The digest of the input of the last build's lists, in the build cache's steps: lists begun from the same input are not computed. */
export const INPUT_FILE = 'related-lists.input';

export type Begun = { lists: Promise<AheadLists | undefined>; stop: () => void };

/** The stories' terms kept between builds, so that only changed stories are tokenised (none outside `astro build`). */
export function relatedTermCache(): TermCacheAt | undefined {
  const cache = buildCache();
  return cache ? { file: join(cache, 'steps', 'related-terms.bin'), code: sourceDigest(RELATED_TOKENISER) } : undefined;
}

/**
 * Begins the lists of the stories `entries` publish, as the pages will ask
 * for them, in a build that computes them whole (not a part of a sliced
 * archive). Nothing is begun where the stories cannot be read as articles
 * (the pages then say why) or the engine's source is not beside this file.
 * A story whose body's text is in `kept` goes without it: the engine's
 * thread reads from there the few it needs (worker.ts, `TextsAt`).
 */
export function beginRelatedAhead(entries: readonly ArticleSource[], kept?: Pick<KeptBodies, 'file' | 'textAt'>): void {
  const cache = buildCache();
  const workerFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'related', 'worker.ts');
  if (!cache || archivePart() || !existsSync(workerFile)) return;
  let articles: Article[];
  try {
    articles = publish(entries.map((entry) => toArticle(entry)), buildTime, false).published.sort(byNewest);
  } catch {
    return;
  }
  const inputFile = join(cache, 'steps', INPUT_FILE);
  const unchanged = existsSync(inputFile) ? readFileSync(inputFile, 'utf8') : undefined;
  const textsAt: TextsAt | undefined = kept && { file: kept.file, at: {} };
  const inputs = articles.map((article) => {
    const place = kept?.textAt(article.id, article.textDigest);
    if (!textsAt || !place) return toRelatedInput(article);
    textsAt.at[article.id] = [place[0], place[1], textBefore(article), article.textDigest];
    return toRelatedInput(article, '');
  });
  const job = { articles: inputs, options: site.related, termCache: relatedTermCache(), textsAt };
  const begun = computeRelatedAhead(job, workerFile, unchanged);
  (globalThis as Record<symbol, unknown>)[AHEAD] = { ...begun, lists: timed('related lists begun while the content was read', () => begun.lists) };
}

/** The lists begun ahead, for the one caller that takes them. */
export function takeRelatedAhead(): Begun | undefined {
  const shared = globalThis as Record<symbol, unknown>;
  const begun = shared[AHEAD] as Begun | undefined;
  delete shared[AHEAD];
  return begun;
}
