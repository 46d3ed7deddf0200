import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_CACHE_ENV, SEARCH_WORKER_ENV } from '../../src/lib/build/step-cache';
import { buildSearchIndex, textOf, type BuildOptions, type BuiltIndex, type SearchDocument } from '../../src/lib/search/build-index';
import { indexAside, indexStep, searchThreadLoaded, type IndexJob } from '../../src/lib/search/index-worker';
import { textDigest, type TextPlace } from '../../src/lib/content/body-texts';
import { siteIndexOptions } from '../../bench/lib/synthetic-search';

// The thread as a build runs it, from its source file here (a build runs its chunk).
const WORKER_SOURCE = fileURLToPath(new URL('../../src/lib/search/index-worker.ts', import.meta.url));
const options: BuildOptions = { ...siteIndexOptions(), shardBytes: 400, vocabShardTerms: 14, headlineShardSize: 4, prefetchBytes: 0 };

const words = 'ferry harbour rain flood council budget market rice coffee delta river bridge metro lanterns typhoon harvest'.split(' ');
function story(n: number, body = ''): SearchDocument {
  const run = (k: number, from: number) => Array.from({ length: k }, (_, i) => words[(from + i * 7) % words.length]).join(' ');
  const text = `${run(20, n)} ${body}`.trim();
  const date = new Date(Date.UTC(2025, 0, 1 + n));
  return {
    url: `/articles/story-${n}/`, title: run(4, n + 3), summary: run(8, n + 5), text, textDigest: textDigest(text),
    section: { id: 'news', name: 'News' }, date, dateText: date.toISOString().slice(0, 10), tags: [],
  };
}

const filesOf = (index: BuiltIndex) => [...index.files].map(([path, file]): [string, string] => [path, textOf(file)]).sort(([a], [b]) => (a < b ? -1 : 1));

describe('the search index made in a worker thread', () => {
  let cache: string;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'dispatch-search-worker-'));
    process.env[BUILD_CACHE_ENV] = cache;
    process.env[SEARCH_WORKER_ENV] = WORKER_SOURCE;
  });
  afterEach(() => {
    delete process.env[BUILD_CACHE_ENV];
    delete process.env[SEARCH_WORKER_ENV];
    rmSync(cache, { recursive: true, force: true });
  });

  it('equals the index made in this thread, reads only the touched stories\' texts where they are kept, and says how it was had', async () => {
    // The stories' texts kept in one file, as the loader keeps the bodies: a story sent by its place there.
    const textsFile = join(cache, 'texts');
    const job = (docs: SearchDocument[]): IndexJob => ({ docs, options, moduleUrl: pathToFileURL(WORKER_SOURCE).href, settings: 'test' });
    const docs = Array.from({ length: 30 }, (_, n) => story(n));
    const keep = (list: SearchDocument[]) => {
      const places = new Map<SearchDocument, TextPlace>();
      let at = 0;
      writeFileSync(textsFile, list.map((doc) => {
        const bytes = Buffer.byteLength(doc.text);
        places.set(doc, [textsFile, at, bytes]);
        at += bytes;
        return doc.text;
      }).join(''));
      return places;
    };

    const first = await indexAside(job(docs), (doc) => keep(docs).get(doc));
    expect(filesOf(first.index)).toEqual(filesOf(buildSearchIndex(docs, options)));
    expect(first.said).toEqual([]);

    // One story added, sent with its text; the rest by place, and one kept text damaged: never read, so never noticed.
    const added = [...docs, story(30)];
    const places = keep(docs);
    const damaged = places.get(docs[3]!)!;
    const bytes = readFileSync(textsFile);
    bytes.write('X', damaged[1]);
    writeFileSync(textsFile, bytes);
    const second = await indexAside(job(added), (doc) => places.get(doc));
    await searchThreadLoaded();
    expect(second.said).toEqual(["[dispatch] search index: updated from the last build's (1 of 31 stories touched)"]);
    expect(filesOf(second.index)).toEqual(filesOf(buildSearchIndex(added, options)));
    // The same step in this thread takes the index just kept as it is.
    delete process.env[SEARCH_WORKER_ENV];
    const reused = indexStep(job(added));
    expect(reused.said).toEqual(["[dispatch] search index: the same as the last build's, reused from the build cache"]);
    expect(filesOf(reused.index)).toEqual(filesOf(second.index));

    // A touched story whose kept text is not the one it was kept with: the thread's error comes back.
    process.env[SEARCH_WORKER_ENV] = WORKER_SOURCE;
    const edited = added.map((doc, i) => (i === 3 ? { ...doc, title: 'a new headline' } : doc));
    await expect(indexAside(job(edited), (doc) => places.get(added[edited.indexOf(doc)]!))).rejects.toThrow(/story-3\/: its body's text .* is not the one kept/);
  });
});
