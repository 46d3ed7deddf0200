/**
 * The search index's build step (kept from the last build, updated from it,
 * or built whole: src/lib/build/step-cache.ts, update-index.ts), and the
 * worker thread a build runs it in while its pages render.
 *
 * The step is the main thread's longest piece of a publish before the pages
 * (about a second at 10,000 stories), and the pages need none of it: only
 * the search files, written beside and after the rendering, do
 * (src/integrations/search-files.ts). The build emits this module as a chunk
 * of its own and names it in `DISPATCH_SEARCH_WORKER`
 * (src/integrations/build-data.ts); elsewhere (the dev server, tests) the
 * step runs in the calling thread.
 *
 * A story's text goes to the thread as where it is kept (`TextPlace`) when
 * the loader kept it: the step reads only the texts of the stories it
 * touches, and sending all 10,000 would read them all first. The index comes
 * back as its new files' texts and, for the files passed on from the last
 * build's, where they are in its log. The lines saying how the index was had
 * come back with it, to be said once the pages are written: said from the
 * thread, they cut Astro's lines of the pages rendering meanwhile in two.
 */
import { existsSync } from 'node:fs';
import { isMainThread, parentPort } from 'node:worker_threads';
import { SEARCH_WORKER_ENV, keptOrComputed } from '../build/step-cache.ts';
import { timed } from '../build/build-profile.ts';
import { WORKER_LOADED, answerFromWorker } from '../build/worker-answer.ts';
import { fieldsBut, keptTextProperty, type TextPlace } from '../content/body-texts.ts';
import { docDigest, type BuildOptions, type BuiltIndex, type IndexFile, type SearchDocument } from './build-index.ts';
import { SEARCH_STEP, keptSearchIndex, keptTextOf, keptTextRef, type KeptTextRef } from './kept-index.ts';
import { searchIndexFrom } from './update-index.ts';

export interface IndexJob {
  docs: readonly SearchDocument[];
  options: BuildOptions;
  /** The module the step is keyed by (its caller's `import.meta.url`: step-cache.ts). */
  moduleUrl: string;
  /** What an update cannot follow: the settings and the code they depend on. */
  settings: string;
}

/** A story as sent: its text, or where it is kept. */
type SentDocument = Omit<SearchDocument, 'text'> & ({ text: string } | { textAt: TextPlace });

interface SentJob extends Omit<IndexJob, 'docs'> {
  docs: SentDocument[];
}

/** The index, and the lines saying how it was had (none when it was built whole with nothing kept). */
export interface IndexOutcome {
  index: BuiltIndex;
  said: string[];
}

/** The index as it comes back: each file's text, or where a kept one is. */
interface SentOutcome extends Omit<IndexOutcome, 'index'> {
  index: Omit<BuiltIndex, 'files'> & { files: [path: string, file: string | KeptTextRef][] };
}

/** The step: the kept index, updated or as it was, else built whole. */
export function indexStep({ docs, options, moduleUrl, settings }: IndexJob): IndexOutcome {
  const said: string[] = [];
  // The entities are in the key, not the settings: an update writes them afresh.
  const parts = () => [JSON.stringify(options.entities), ...docs.map(docDigest)];
  const index = keptOrComputed(SEARCH_STEP, moduleUrl, parts, (kept) => {
    const outcome = searchIndexFrom(kept, docs, options);
    if ('touched' in outcome) said.push(`[dispatch] search index: updated from the last build's (${outcome.touched} of ${docs.length} stories touched)`);
    else if (kept) said.push(`[dispatch] search index: built whole: ${outcome.whole}`);
    return outcome.index;
  }, keptSearchIndex(), settings, (line) => said.push(line));
  return { index, said };
}

/** Settles once the thread begun last has loaded its code, or has failed to. */
let threadLoaded: Promise<void> = Promise.resolve();

/**
 * Settles once the search index's thread has loaded its code: the build
 * removes the chunks it runs from once the pages are written, which on a
 * small site can come first (src/integrations/build-data.ts waits for this).
 */
export function searchThreadLoaded(): Promise<void> {
  return threadLoaded;
}

/**
 * The step, in a worker thread when the build made one (`place` tells where
 * a story's text is kept), else here.
 */
export function indexAside(job: IndexJob, place: (doc: SearchDocument) => TextPlace | undefined): Promise<IndexOutcome> {
  const file = process.env[SEARCH_WORKER_ENV];
  if (!file || !existsSync(file)) return Promise.resolve(indexStep(job));
  const docs = job.docs.map((doc): SentDocument => {
    const rest = fieldsBut(doc, 'text') as Omit<SearchDocument, 'text'>;
    const at = place(doc);
    return at ? { ...rest, textAt: at } : { ...rest, text: doc.text };
  });
  const { answer, loaded } = answerFromWorker<SentOutcome>(file, { ...job, docs } satisfies SentJob, 'search index');
  threadLoaded = loaded;
  return timed('search index in a worker thread', () => answer).then(({ index: { files, ...index }, said }) => ({
    index: { ...index, files: new Map(files.map(([path, file]) => [path, typeof file === 'string' ? file : keptTextOf(file)])) },
    said,
  }));
}

/** The documents of a job as sent, each text read where it is kept when first asked for. */
function received(docs: readonly SentDocument[]): SearchDocument[] {
  return docs.map((sent) => {
    if (!('textAt' in sent)) return sent;
    const { textAt, ...doc } = sent;
    return keptTextProperty(doc, 'text', textAt, doc.textDigest ?? '', `${doc.url}: its body's text`) as SearchDocument;
  });
}

function sent({ index: { files, ...index }, said }: IndexOutcome): SentOutcome {
  return { index: { ...index, files: [...files].map(([path, file]: [string, IndexFile]) => [path, typeof file === 'string' ? file : keptTextRef(file)]) }, said };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  // Every module of this thread is loaded by now.
  port.postMessage(WORKER_LOADED);
  port.once('message', (job: SentJob) => port.postMessage(sent(indexStep({ ...job, docs: received(job.docs) }))));
}
