/**
 * "See more" lists begun ahead: a build starts the related engine's worker
 * thread (worker.ts) from its source file as soon as the content is read,
 * before the build's own chunk of it is written, and the pages take the
 * lists when the input they were begun from is theirs, by its digest
 * (src/lib/model/related-ahead.ts). Nothing of the engine is loaded here:
 * the loader that begins them loads only this.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { RelatedInput, RelatedLink, RelatedOptions } from './index.ts';
import type { Job } from './worker.ts';

/** A digest of everything the lists are computed from but the code: the options and every story, in order. */
export function inputDigest(articles: readonly RelatedInput[], options: RelatedOptions): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const story of articles) hash.update('\0').update(JSON.stringify(story));
  return hash.digest('hex');
}

/** Lists begun ahead: the digest of their input, and the lists unless that digest was `unchanged` (none computed). */
export interface AheadLists {
  digest: string;
  links?: Map<string, RelatedLink[]>;
}

/**
 * Begins `job` in a worker thread started from `workerFile` (worker.ts as
 * source: the build's chunk of it is not written yet), for `AheadLists`.
 * Settles with `undefined` when the thread fails to start or stops (the
 * lists are then computed as usual); `stop()` ends it. The thread never
 * keeps the process alive.
 */
export function computeRelatedAhead(job: Job, workerFile: string, unchanged?: string): { lists: Promise<AheadLists | undefined>; stop: () => void } {
  let worker: Worker | undefined;
  let settle: (ahead: AheadLists | undefined) => void = () => {};
  const lists = new Promise<AheadLists | undefined>((resolve) => {
    settle = resolve;
    try {
      worker = new Worker(workerFile);
    } catch {
      return resolve(undefined);
    }
    worker.unref();
    worker.once('message', (ahead: AheadLists) => {
      resolve(ahead);
      void worker!.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
    worker.postMessage({ job, ahead: { unchanged } });
  });
  const stop = () => {
    settle(undefined);
    if (!worker) return;
    worker.removeAllListeners();
    // Nothing waits for it any more: an error on its way out is of no use to anyone.
    worker.on('error', () => {});
    void worker.terminate();
  };
  return { lists, stop };
}
