/**
 * The related engine in a worker thread: a build computes every "See more"
 * list here while its main thread builds the search index, which needs none
 * of them (src/lib/model/corpus.ts). The build emits this module as a chunk of
 * its own (src/integrations/build-data.ts) and names it in
 * `DISPATCH_RELATED_WORKER`; elsewhere (the dev server, tests) the lists are
 * computed in the calling thread.
 *
 * A build begins the lists earlier still, in a thread started from this
 * source file, as soon as the content is read (src/lib/related/ahead.ts).
 */
import { existsSync } from 'node:fs';
import { isMainThread, parentPort } from 'node:worker_threads';
import { computeRelated, type RelatedInput, type RelatedLink, type RelatedOptions } from './index.ts';
import { TermCache } from './term-cache.ts';
import { keptTextProperty } from '../content/body-texts.ts';
import { inputDigest, type AheadLists } from './ahead.ts';
import { answerFromWorker } from '../build/worker-answer.ts';
import { timed } from '../build/build-profile.ts';
import { RELATED_WORKER_ENV } from '../build/step-cache.ts';

/** Where the stories' terms are kept between builds (src/lib/related/term-cache.ts): its file and code digest. */
export interface TermCacheAt {
  file: string;
  code: string;
}

export interface Job {
  articles: readonly RelatedInput[];
  options: RelatedOptions;
  termCache?: TermCacheAt;
  /** Where the thread reads the texts of the stories sent without them (`readTextsFrom`). */
  textsAt?: TextsAt;
}

/**
 * The file holding the stories' body texts (src/lib/content/body-texts.ts)
 * and, for each story sent without its text, where that body's text is in it
 * (first byte, length in bytes), what goes before it in the story's text (the
 * dateline) and the body's digest, checked when it is read.
 */
export interface TextsAt {
  file: string;
  at: Record<string, [start: number, bytes: number, before: string, digest: string]>;
}

/**
 * Gives the stories `textsAt` names their texts, read from its file when
 * first asked for: with its kept terms (term-cache.ts) the engine tokenises
 * only the stories new or changed since the last build, and reads no other
 * story's text. Copying all 10,000 stories' 40 MB of text to this thread took
 * a third of a second of the build's main thread, before the lists could begin.
 * A text that is not the one its digest names fails the lists begun ahead
 * (the pages then compute them as usual).
 */
function readTextsFrom(articles: readonly RelatedInput[], { file, at }: TextsAt): void {
  for (const article of articles) {
    const place = at[article.id];
    if (!place) continue;
    const [start, bytes, before, digest] = place;
    keptTextProperty(article, 'text', [file, start, bytes], digest, `${article.id}: its body's text`, before);
  }
}

function run({ articles, options, termCache }: Job): Map<string, RelatedLink[]> {
  return computeRelated(articles, options, termCache && new TermCache(termCache.file, termCache.code));
}

/** What a worker thread does with a job begun ahead: the lists, unless the input is the one the last build's were kept for. */
function runAhead(job: Job, unchanged: string | undefined): AheadLists {
  if (job.textsAt) readTextsFrom(job.articles, job.textsAt);
  const digest = inputDigest(job.articles, job.options);
  return digest === unchanged ? { digest } : { digest, links: run(job) };
}

/**
 * Every article's related links, computed in a worker thread when the build
 * made one, else here. Aborting `signal` stops the worker (its promise then
 * never settles: the caller has stopped waiting for it).
 */
export function computeRelatedAside(job: Job, signal?: AbortSignal): Promise<Map<string, RelatedLink[]>> {
  // Stopped before it began (the lists begun ahead were awaited first): nothing is computed.
  if (signal?.aborted) return new Promise(() => {});
  const file = process.env[RELATED_WORKER_ENV];
  if (!file || !existsSync(file)) return Promise.resolve(run(job));
  return timed('related lists in a worker thread', () => {
    const { answer, stop } = answerFromWorker<Map<string, RelatedLink[]>>(file, { job }, 'related lists');
    signal?.addEventListener('abort', stop, { once: true });
    return answer;
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.once('message', ({ job, ahead }: { job: Job; ahead?: { unchanged?: string } }) => port.postMessage(ahead ? runAhead(job, ahead.unchanged) : run(job)));
}
