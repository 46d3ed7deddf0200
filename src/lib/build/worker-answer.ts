/**
 * One answer from a worker thread, the way the build's threads are run
 * (the related engine's, src/lib/related/, and the search index's,
 * src/lib/search/index-worker.ts).
 */
import { Worker } from 'node:worker_threads';

/** What a thread posts once its code is loaded, before its answer (`loaded` below). */
export const WORKER_LOADED = 'dispatch:worker-loaded';

/**
 * Posts `message` to a worker thread started from `file` and settles with
 * its one answer; fails when the thread cannot start, fails or stops first
 * (`label` names what it was computing). `stop()` ends the thread, and the
 * answer then never settles: the caller has stopped waiting for it. With
 * `unref`, the thread never keeps the process alive. `loaded` settles once
 * the thread posts `WORKER_LOADED`, or once it has answered, failed or
 * stopped: the build removes the chunks a thread runs from once the pages
 * are written.
 */
export function answerFromWorker<T>(file: string, message: unknown, label: string, unref = false): { answer: Promise<T>; stop: () => void; loaded: Promise<void> } {
  let worker: Worker | undefined;
  let isLoaded = () => {};
  const loaded = new Promise<void>((done) => (isLoaded = done));
  const answer = new Promise<T>((resolve, reject) => {
    worker = new Worker(file);
    if (unref) worker.unref();
    worker.on('message', (value: T | typeof WORKER_LOADED) => {
      if (value === WORKER_LOADED) return isLoaded();
      resolve(value);
      void worker!.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${label}: the worker thread stopped (exit code ${code})`)));
    worker.postMessage(message);
  });
  answer.then(isLoaded, isLoaded);
  const stop = () => {
    if (!worker) return;
    worker.removeAllListeners();
    // Nothing waits for it any more: an error on its way out is of no use to anyone.
    worker.on('error', () => {});
    void worker.terminate();
    isLoaded();
  };
  return { answer, stop, loaded };
}
