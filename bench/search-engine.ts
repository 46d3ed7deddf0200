/**
 * The search engine alone, in Node, on a built site's search index or on one
 * built straight from a synthetic corpus (`--synthetic 100000`, no Astro):
 *
 * - bytes before the first result: for each query, a fresh engine (a reader's
 *   first search, nothing cached) runs it and the index files it fetched are
 *   counted gzipped, as a host sends them (the search code is not counted);
 *   for known-item queries from the stories and for the reader queries;
 * - engine latency: the known-item queries (clean, then with one typo) run
 *   through one engine as the search page's worker does: ten results with
 *   suggestions, then snippets from the stories' text (whose records stay
 *   cached, as in the browser), after the background prefetch;
 * - the index: files, bytes per article, build time and memory (synthetic).
 *
 * No browser, no network: the engine's own work, to profile with `--cpu-prof`.
 *
 *   npm run bench:engine -- --built <site folder> [--queries 300] [--seed 7] [--rounds 3]
 *   npm run bench:engine -- --synthetic 100000 --corpus <bbc folder> [--queries 300] [--churn]
 *
 * `--churn` (synthetic) also builds the index again with one story more, the
 * newest, and counts the files whose names changed: what a publish uploads
 * and what readers' caches lose.
 *
 * `--heaviest N` prints the N queries that fetched the most before their
 * first result, with their bytes by kind of file.
 *
 * `--set name=number` (repeatable) changes one number of the index's shape
 * or tuning from site.config.ts, for trying a setting without editing it.
 *
 * `--compare` also builds the same stories' index with every word's
 * positions in its postings (none shipped apart; from a built site's
 * records) and counts the queries whose first ten results, or counts,
 * differ from it, each query run first on a fresh engine: how often reading
 * common words' positions for the leading stories only changes a ranking.
 *   node_modules/.bin/node --cpu-prof --import tsx bench/search-engine.ts --built <site folder>   (a profile of it)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { SearchEngine, type SearchResult } from '../src/lib/search/engine';
import { builtSearch, indexRecords, type SearchFiles } from './lib/built-search';
import { readBbcCorpus } from './lib/bbc';
import { readerQueries, readStoryFacts } from './lib/reader-queries';
import { knownItemQueries, type QuerySource } from './lib/search-queries';
import { median, quantile } from './lib/stats';
import { siteIndexOptions, syntheticSearchDocuments, syntheticSearchIndex, withChanges } from './lib/synthetic-search';
import { buildSearchIndex, type SearchDocument } from '../src/lib/search/build-index';

const { values: args } = parseArgs({
  options: {
    built: { type: 'string' },
    synthetic: { type: 'string' },
    corpus: { type: 'string' },
    queries: { type: 'string', default: '300' },
    seed: { type: 'string', default: '7' },
    rounds: { type: 'string', default: '3' },
    cold: { type: 'string', default: '60' },
    churn: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    heaviest: { type: 'string', default: '0' },
    set: { type: 'string', multiple: true, default: [] },
  },
});
const usage = 'usage: npm run bench:engine -- (--built <site folder> | --synthetic <count> --corpus <bbc folder>) [--queries 300] [--seed 7] [--rounds 3] [--cold 60] [--churn] [--compare] [--heaviest N] [--set name=number …]';
if (!args.built && !(args.synthetic && args.corpus)) {
  console.error(usage);
  process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const spread = (values: number[], unit: (x: number) => string) =>
  `${unit(median(values))} / ${unit(quantile(values, 0.95))} / ${unit(Math.max(...values))}`;

/** `--set proximityRecords=20`: the site's settings with these numbers changed (synthetic and `--compare` builds). */
const changes = Object.fromEntries(args.set!.map((pair) => {
  const [key, value] = pair.split('=');
  if (!key || !value || !Number.isFinite(Number(value))) throw new Error(`--set ${pair}: expected name=number`);
  return [key, Number(value)];
}));
let files: SearchFiles;
let docs: QuerySource[];
/** The stories indexed, for `--compare`. */
let documents: SearchDocument[];
if (args.synthetic) {
  const count = Number(args.synthetic);
  documents = syntheticSearchDocuments(readBbcCorpus(resolve(args.corpus!)), count);
  const rssBefore = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const built = syntheticSearchIndex(documents, changes);
  const used = process.cpuUsage(cpu);
  console.log(`index of ${count} synthetic stories built in ${((performance.now() - t0) / 1000).toFixed(1)} s (cpu ${((used.user + used.system) / 1e6).toFixed(1)} s); ` +
    `rss ${mb(rssBefore)} before, ${mb(process.memoryUsage().rss)} after, peak ${mb(process.resourceUsage().maxRSS * 1024)}`);
  files = { read: (path) => built.files.get(path), paths: () => built.files.keys() };
  docs = documents.map(({ url, title, text }) => ({ url, title, text }));
  if (args.churn) {
    const [next] = syntheticSearchDocuments(readBbcCorpus(resolve(args.corpus!)), count + 1).slice(-1);
    const grown = syntheticSearchIndex([...documents, next!], changes).files;
    let changed = 0, changedBytes = 0, totalBytes = 0;
    for (const [path, text] of grown) {
      totalBytes += text.length;
      if (built.files.get(path) !== text) {
        changed++;
        changedBytes += text.length;
      }
    }
    const gone = [...built.files.keys()].filter((path) => !grown.has(path)).length;
    console.log(`adding one story: ${changed} of ${grown.size} files new or changed (${mb(changedBytes)} of ${mb(totalBytes)}), ${gone} gone`);
  }
} else {
  files = builtSearch(resolve(args.built!));
  const records = await indexRecords(files);
  docs = records.map(({ url, title, text }) => ({ url, title, text }));
  documents = records.map((r) => ({
    url: r.url, title: r.title, summary: r.summary, section: r.section, date: new Date(r.date), dateText: r.dateText,
    tags: r.tags ?? [], ...(r.dateline ? { dateline: r.dateline } : {}), text: r.text, ...(r.thumbnail ? { thumbnail: r.thumbnail } : {}),
  }));
}

const source = (fetched?: string[]) => async (path: string) => {
  const text = files.read(path);
  if (text === undefined) throw new Error(`no search file ${path}`);
  fetched?.push(path);
  return JSON.parse(text) as unknown;
};
const gzipped = new Map<string, number>();
const gzipBytes = (path: string) => {
  let n = gzipped.get(path);
  if (n === undefined) gzipped.set(path, (n = gzipSync(files.read(path)!).length));
  return n;
};

// The index on disk.
let rawBytes = 0, count = 0;
for (const path of files.paths()) {
  rawBytes += files.read(path)!.length;
  count++;
}
const engine = await SearchEngine.open(source());
const { manifest } = engine;
console.log(`${manifest.docCount} articles: ${count} index files, ${mb(rawBytes)} (${(rawBytes / manifest.docCount).toFixed(0)} B an article before compression); manifest ${kb(gzipBytes('index.json'))} gzipped`);

const items = knownItemQueries(docs, Number(args.queries), Number(args.seed));
const queries = [...items.map((q) => q.query), ...items.map((q) => q.typo)];

// Bytes before the first result: a fresh engine per query.
/** A file's kind: the manifest, or the letter that starts a content-named file (index-format.ts). */
const kindOf = (path: string) => (path.includes('/') ? path.slice(path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 2) : path);
async function firstResultBytes(list: string[]) {
  const bytes: number[] = [], requests: number[] = [];
  const byKind = new Map<string, number>();
  const each: { query: string; bytes: number; kinds: Map<string, number> }[] = [];
  for (const query of list) {
    const fetched: string[] = [];
    const fresh = await SearchEngine.open(source(fetched));
    await fresh.search({ query, limit: 10 });
    bytes.push(fetched.reduce((sum, path) => sum + gzipBytes(path), 0));
    requests.push(fetched.length);
    const kinds = new Map<string, number>();
    for (const path of fetched) kinds.set(kindOf(path), (kinds.get(kindOf(path)) ?? 0) + gzipBytes(path));
    for (const [k, n] of kinds) byKind.set(k, (byKind.get(k) ?? 0) + n);
    each.push({ query, bytes: bytes.at(-1)!, kinds });
  }
  const perKind = (m: Map<string, number>, over: number) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${kb(n / over)}`).join(', ');
  const heaviest = each.sort((a, b) => b.bytes - a.bytes).slice(0, Number(args.heaviest))
    .map((q) => `    ${JSON.stringify(q.query)} ${kb(q.bytes)}: ${perKind(q.kinds, 1)}`);
  return { bytes, requests, kinds: perKind(byKind, list.length), heaviest };
}
const coldCount = Math.min(Number(args.cold), items.length);
const coldItems = await firstResultBytes([...items.slice(0, coldCount).map((q) => q.query), ...items.slice(0, coldCount).map((q) => q.typo)]);
const readers = await firstResultBytes(readerQueries(readStoryFacts(resolve(import.meta.dirname, '../content/articles'))).map((q) => q.query));
console.log(`bytes before the first result (index files, gzipped) median / p95 / max:`);
console.log(`  known-item queries (${coldItems.bytes.length}): ${spread(coldItems.bytes, kb)}; requests ${spread(coldItems.requests, String)}`);
console.log(`  reader queries (${readers.bytes.length}):      ${spread(readers.bytes, kb)}; requests ${spread(readers.requests, String)}`);
console.log(`  mean per query by file kind: known-item ${coldItems.kinds}; reader ${readers.kinds}`);
if (coldItems.heaviest.length) console.log(['  heaviest known-item queries:', ...coldItems.heaviest, '  heaviest reader queries:', ...readers.heaviest].join('\n'));

if (args.compare) {
  // The same stories with every position in the postings: the ranking before positions were shipped apart.
  const whole = buildSearchIndex(documents, { ...withChanges(siteIndexOptions(), changes), positionsApartBytes: Infinity }).files;
  const open = (from: Map<string, string> | SearchFiles) => SearchEngine.open(async (path) => {
    const text = from instanceof Map ? from.get(path) : from.read(path);
    if (text === undefined) throw new Error(`no search file ${path}`);
    return JSON.parse(text) as unknown;
  });
  const outcome = (r: SearchResult) => JSON.stringify([r.total, r.partialTotal, r.hits.map((h) => h.url)]);
  /** The queries whose first ten results or counts differ, and each build's reciprocal ranks of the story sought. */
  const differing = async (list: string[], relevant: (i: number) => string[] = () => []) => {
    const out: string[] = [];
    const rr = [0, 0];
    let firstDiffers = 0;
    for (const [i, query] of list.entries()) {
      const results = await Promise.all([open(files), open(whole)].map(async (e) => (await e).search({ query, limit: 10 })));
      if (outcome(results[0]!) !== outcome(results[1]!)) out.push(query);
      if (results[0]!.hits[0]?.url !== results[1]!.hits[0]?.url) firstDiffers++;
      results.forEach((r, k) => {
        const rank = r.hits.findIndex((h) => relevant(i).includes(h.url));
        if (rank >= 0) rr[k]! += 1 / (rank + 1);
      });
    }
    return { out, firstDiffers, mrr: rr.map((x) => (x / list.length).toFixed(3)) };
  };
  const known = await differing(queries, (i) => items[i % items.length]!.relevant);
  const reader = await differing(readerQueries(readStoryFacts(resolve(import.meta.dirname, '../content/articles'))).map((q) => q.query));
  console.log(`first ten results and counts against positions shipped whole: ${known.out.length} of ${queries.length} known-item queries differ ` +
    `(${known.firstDiffers} in the first result), ${reader.out.length} reader queries (${reader.firstDiffers})` +
    (known.out.length + reader.out.length ? ` (${[...known.out, ...reader.out].slice(0, 5).map((q) => `"${q}"`).join(', ')})` : ''));
  console.log(`known-item MRR@10, each query first on a fresh engine: ${known.mrr[0]} this index, ${known.mrr[1]} positions shipped whole`);
}

// Latency, as in the browser once the index has loaded: the prefetch done, one query run.
await engine.prefetch();
await engine.searchWithSnippets({ query: 'warm up', limit: 10 });
const perQuery = queries.map(() => [] as number[]);
const perQueryCpu = queries.map(() => [] as number[]);
const perSnippets = queries.map(() => [] as number[]);
for (let round = 0; round < Number(args.rounds); round++) {
  for (const [i, query] of queries.entries()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await engine.search({ query, limit: 10 });
    const t1 = performance.now();
    const cpu = process.cpuUsage(c0);
    await engine.snippets(result);
    perQuery[i]!.push(t1 - t0);
    perQueryCpu[i]!.push((cpu.user + cpu.system) / 1000);
    perSnippets[i]!.push(performance.now() - t1);
  }
}
// The first round meets each query new, as a reader's browser does (postings
// decoded for the first time); later rounds find them decoded. The fastest
// round is the engine's cost with the machine's noise left out.
const first = perQuery.map((t) => t[0]!);
const times = perQuery.map((t) => Math.min(...t));
console.log(`${manifest.docCount} articles, ${queries.length} queries (${items.length} clean, ${items.length} one typo), ${args.rounds} rounds; prefetch "${manifest.prefetch}"`);
console.log(`engine latency median / p95 / max, first round: ${spread(first, ms)}`);
console.log(`engine latency median / p95 / max, best round:  ${spread(times, ms)}`);
console.log(`engine CPU time median / p95 / max, first round: ${spread(perQueryCpu.map((t) => t[0]!), ms)}`);
console.log(`text snippets after it, first round:              ${spread(perSnippets.map((t) => t[0]!), ms)}`);
const memory = process.memoryUsage();
console.log(`memory: heap used ${mb(memory.heapUsed)}, rss ${mb(memory.rss)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`);
const slowest = first.map((t, i) => ({ t, q: queries[i]! })).sort((a, b) => b.t - a.t).slice(0, 8);
console.log(`slowest: ${slowest.map((s) => `"${s.q}" ${ms(s.t)}`).join(', ')}`);
