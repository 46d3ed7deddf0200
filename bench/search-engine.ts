/**
 * The search engine alone, in Node: loads a built site's search index once,
 * then runs the search benchmark's known-item queries (clean, then with one
 * typo) through the engine as the search page's worker does: ten results with
 * suggestions, then snippets from the stories' text (whose records stay
 * cached, as in the browser). Times the ranked result (what the benchmark's
 * latency measures, less messaging and rendering) and the snippets after it.
 * No browser, no network: the engine's own work, to profile with `--cpu-prof`.
 *
 *   npm run bench:engine -- --built <site folder> [--queries 300] [--seed 7] [--rounds 3]
 *   node_modules/.bin/node --cpu-prof --import tsx bench/search-engine.ts --built <site folder>   (a profile of it)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { builtSearch } from './lib/built-search';
import { knownItemQueries } from './lib/search-queries';
import { median, quantile } from './lib/stats';

const { values: args } = parseArgs({
  options: {
    built: { type: 'string' },
    queries: { type: 'string', default: '300' },
    seed: { type: 'string', default: '7' },
    rounds: { type: 'string', default: '3' },
  },
});
if (!args.built) {
  console.error('usage: npm run bench:engine -- --built <site folder> [--queries 300] [--seed 7] [--rounds 3]');
  process.exit(2);
}

const site = builtSearch(resolve(args.built));
const { manifest } = site;
const docs = site.docs();
const items = knownItemQueries(docs, Number(args.queries), Number(args.seed));
const queries = [...items.map((q) => q.query), ...items.map((q) => q.typo)];

const engine = await site.open();
// As in the browser once the index has loaded: the prefetch done, one query run.
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
const ms = (x: number) => `${x.toFixed(2)} ms`;
const line = (times: number[]) => `${ms(median(times))} / ${ms(quantile(times, 0.95))} / ${ms(Math.max(...times))}`;
// The first round meets each query new, as a reader's browser does (postings
// decoded for the first time); later rounds find them decoded. The fastest
// round is the engine's cost with the machine's noise left out.
const first = perQuery.map((t) => t[0]!);
const times = perQuery.map((t) => Math.min(...t));
console.log(`${manifest.docCount} articles, ${queries.length} queries (${items.length} clean, ${items.length} one typo), ${args.rounds} rounds`);
console.log(`engine latency median / p95 / max, first round: ${line(first)}`);
console.log(`engine latency median / p95 / max, best round:  ${line(times)}`);
console.log(`engine CPU time median / p95 / max, first round: ${line(perQueryCpu.map((t) => t[0]!))}`);
console.log(`text snippets after it, first round:              ${line(perSnippets.map((t) => t[0]!))}`);
const slowest = first.map((t, i) => ({ t, q: queries[i]! })).sort((a, b) => b.t - a.t).slice(0, 8);
console.log(`slowest: ${slowest.map((s) => `"${s.q}" ${ms(s.t)}`).join(', ')}`);
