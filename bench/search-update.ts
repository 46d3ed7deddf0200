/**
 * The search index step of a publish: one story edited, added or deleted on
 * a built site, the index built whole (what every change cost before) beside
 * the index updated from the last build's (src/lib/search/update-index.ts),
 * CPU time, median of --rounds, with the ratio; and what keeping the index in
 * the build cache costs (a new log of its texts, reading it back, and an
 * edit's texts appended). Checks
 * each update's files against the whole build's, byte for byte. No Astro.
 *
 *   npx tsx bench/search-update.ts --corpus <bbc folder> [--sizes 10000] [--rounds 3]
 *
 * The BBC corpus's own 2,225 stories are one case (one an hour, in file
 * order; the first paragraph as the summary); each size a synthetic corpus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSearchIndex, type BuiltIndex, type SearchDocument } from '../src/lib/search/build-index';
import { keptSearchIndex } from '../src/lib/search/kept-index';
import { BUILD_CACHE_ENV } from '../src/lib/build/step-cache';
import { updateSearchIndex } from '../src/lib/search/update-index';
import { site } from '../src/site.config';
import { readBbcCorpus, type RawStory } from './lib/bbc';
import { median } from './lib/stats';
import { siteIndexOptions, syntheticSearchDocuments } from './lib/synthetic-search';

const { values: args } = parseArgs({
  options: { corpus: { type: 'string' }, sizes: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' } },
});
if (!args.corpus) {
  console.error('usage: npx tsx bench/search-update.ts --corpus <bbc folder> [--sizes 10000] [--rounds 3]');
  process.exit(2);
}
const rounds = Number(args.rounds);
const options = siteIndexOptions();

/** CPU seconds of `run` (this process, user and system). */
function cpu<T>(run: () => T): [T, number] {
  const start = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(start);
  return [value, (used.user + used.system) / 1e6];
}

function sameFiles(a: BuiltIndex, b: BuiltIndex): boolean {
  return a.files.size === b.files.size && [...a.files].every(([path, text]) => b.files.get(path) === text);
}

/** The BBC corpus's stories as the site would index them. */
function bbcDocuments(stories: readonly RawStory[]): SearchDocument[] {
  const section = site.sections[0]!;
  return stories.map((s, i) => {
    const date = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000);
    return {
      url: `/articles/${s.file.replace(/\W+/g, '-')}/`, title: s.headline, summary: s.paragraphs[0]!, text: s.paragraphs.slice(1).join('\n\n'),
      section: { id: section.id, name: section.name }, date, dateText: date.toISOString().slice(0, 10), tags: [],
    };
  });
}

const stories = readBbcCorpus(resolve(args.corpus));
const cases: [string, SearchDocument[]][] = [
  [`BBC (${stories.length})`, bbcDocuments(stories)],
  ...args.sizes!.split(',').map(Number).map((n): [string, SearchDocument[]] => [`synthetic ${n}`, syntheticSearchDocuments(stories, n + 1)]),
];
const s = (x: number) => `${x.toFixed(2)} s`;
console.log(`search index step, CPU, median of ${rounds}: built whole (before) · updated from the last build's (after) · ratio`);
for (const [name, all] of cases) {
  const docs = all.slice(0, -1);
  const [kept] = cpu(() => buildSearchIndex(docs, options));
  const middle = docs.length >> 1;
  const operations: [string, SearchDocument[]][] = [
    ['edit one story', docs.map((d, i) => (i === middle ? { ...d, text: `${d.text}\n\nThe ferry to Côn Đảo resumed on Tuesday after the storm.` } : d))],
    ['add one story', all],
    ['delete the newest', docs.slice(0, -1)],
  ];
  for (const [operation, next] of operations) {
    const whole: number[] = [], updated: number[] = [];
    let note = '';
    for (let r = 0; r < rounds; r++) {
      // Fresh objects each time: a document's record text is made once and remembered.
      const [full, wholeCpu] = cpu(() => buildSearchIndex(next.map((d) => ({ ...d })), options));
      const [update, updateCpu] = cpu(() => updateSearchIndex(kept, next.map((d) => ({ ...d })), options));
      whole.push(wholeCpu);
      updated.push(updateCpu);
      note = 'index' in update ? `${update.touched} touched, ${sameFiles(update.index, full) ? 'the same files' : 'FILES DIFFER'}` : `declined: ${update.declined}`;
    }
    const ratio = median(updated) / median(whole);
    console.log(`${name.padEnd(17)} ${operation.padEnd(18)} whole ${s(median(whole)).padStart(8)} · updated ${s(median(updated)).padStart(7)} · ${ratio.toFixed(3)}× (${(1 / ratio).toFixed(1)}× faster; ${note})`);
  }
  // What keeping the index costs a build: a new log of its texts written to the cache, read back, and an edit's texts appended.
  const cache = mkdtempSync(join(tmpdir(), 'dispatch-kept-index-'));
  process.env[BUILD_CACHE_ENV] = cache;
  const [bytes, write] = cpu(() => keptSearchIndex().encode(kept) as Buffer);
  const codec = keptSearchIndex();
  const [back, read] = cpu(() => codec.decode(bytes));
  const edit = updateSearchIndex(back, operations[0]![1], options);
  const [, append] = cpu(() => 'index' in edit && codec.encode(edit.index));
  rmSync(cache, { recursive: true, force: true });
  const size = [...kept.files.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
  console.log(`${name.padEnd(17)} keeping the index  ${(size / 2 ** 20).toFixed(0)} MB: a new log written ${s(write)}, read back ${s(read)}, an edit's texts appended ${s(append)}`);
}
