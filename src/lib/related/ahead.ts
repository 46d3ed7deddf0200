/**
 * "See more" lists begun ahead: a build starts the related engine's worker
 * thread (worker.ts) from its source file as soon as the content is read,
 * before the build's own chunk of it is written, and the pages take the
 * lists when the input they were begun from is theirs, by its digest
 * (src/lib/model/related-ahead.ts). Nothing of the engine is loaded here:
 * the loader that begins them loads only this.
 */
import { createHash } from 'node:crypto';
import type { RelatedInput, RelatedLink, RelatedOptions } from './index.ts';
import type { Job } from './worker.ts';
import { fieldsBut } from '../content/body-texts.ts';
import { answerFromWorker } from '../build/worker-answer.ts';

/**
 * A digest of everything the lists are computed from but the code: the
 * options and every story, in order. A story's text goes in as its digest
 * where it has one (a build's stories do: hashing 40 MB of text at 10,000
 * stories took a third of a second, in both threads that make this digest),
 * else as it is, after its length, not as JSON (escaping it took longer still).
 */
export function inputDigest(articles: readonly RelatedInput[], options: RelatedOptions): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  // One update a story: four of them took two and a half times as long, the code run once (cold) as a build runs it.
  // The text is not read where the digest stands for it: the related engine's thread reads it only when asked (worker.ts).
  for (const article of articles) {
    const story = fieldsBut(article, 'text', 'textDigest');
    const { textDigest } = article;
    hash.update(`\0${JSON.stringify(story)}\0${textDigest === undefined ? `t${article.text.length}\0${article.text}` : `d${textDigest}`}`);
  }
  return hash.digest('hex');
}

/** Lists begun ahead: the digest of their input, and the lists unless that digest was `unchanged` (none computed). */
export interface AheadLists {
  digest: string;
  links?: Map<string, RelatedLink[]>;
}

/**
 * Begins `job` in a worker thread started from `workerFile` (worker.ts as
 * source: the build's chunk of it is not written yet), for `AheadLists`:
 * `undefined` when the thread fails to start or stops (the lists are then
 * computed as usual). The thread never keeps the process alive.
 */
export function computeRelatedAhead(job: Job, workerFile: string, unchanged?: string): { lists: Promise<AheadLists | undefined>; stop: () => void } {
  const { answer, stop } = answerFromWorker<AheadLists>(workerFile, { job, ahead: { unchanged } }, 'related lists begun ahead', true);
  return { lists: answer.catch(() => undefined), stop };
}
