/**
 * Search benchmark: Dispatch's search against Pagefind on the same built site,
 * in headless Chromium.
 *
 *   npm run bench:search -- --corpus /work/shared/corpora/bbc [--imported <folder>]
 *       [--queries 300] [--large 10000 | --no-large] [--out bench/results/search.json]
 *       [--built <site folder>] [--built-large <site folder>]   (measure sites built before)
 *
 * 1. Imports the corpus into one section with the project's importer (or takes
 *    an already imported folder), builds the site, runs Pagefind over its
 *    article pages, and serves it on loopback with gzip as static hosts do.
 * 2. Generates known-item queries from the built index (bench/lib/search-queries.ts):
 *    clean, and with one typo in a word of five or more letters.
 * 3. Runs every query in both engines and prints MRR@10 and recall@10; latency
 *    from the query reaching the engine to the top ten rendered (no debounce);
 *    time and bytes from the first keystroke on a fresh page to the first
 *    results; index bytes per article; the longest main-thread task while typing.
 * 4. Repeats the latency measures on a synthetic corpus of --large articles.
 *
 * First, the reader-query benchmark (bench/lib/reader-queries.ts): searches
 * our readers type, over the sample newsroom (content/articles, built here or
 * taken from --sample-built), run through the engine in Node; success@1 and
 * recall@10 per class. `--readers-only` stops after it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { buildSite, projectRoot } from '../harness/build-site';
import { serveStatic, type StaticServer } from '../harness/static-server';
import { readBbcCorpus } from './lib/bbc';
import { builtSearch, indexRecords, openBuiltSearch } from './lib/built-search';
import { readStoryFacts, readerQueries, scoreReaderQueries, type ClassScore } from './lib/reader-queries';
import { knownItemQueries, type KnownItem } from './lib/search-queries';
import { quantile } from './lib/stats';
import { writeSyntheticCorpus } from './lib/synthetic-corpus';
import { benchToolBin, ensureBenchTools } from './lib/tools';
import { COPY_ENDING } from '../src/lib/build/precompress';

type Engine = 'dispatch' | 'pagefind';
const ENGINES: Engine[] = ['dispatch', 'pagefind'];
const DEBOUNCE_MS = 120;

interface BuiltSite {
  name: string;
  dir: string;
  articles: number;
  docs: { url: string; title: string; text: string }[];
}

interface QualityRun {
  mrr: number;
  recall: number;
  /** Query sent → ranked results on screen. */
  latencies: number[];
  /** Query sent → results and text snippets on screen (Pagefind shows both at once). */
  complete: number[];
}

interface SizeResult {
  articles: number;
  quality: Record<Engine, { clean: QualityRun; typo: QualityRun }>;
  latency: Record<Engine, { median: number; p95: number; completeMedian: number; completeP95: number; queries: number }>;
  firstResult: Record<Engine, { ms: number; bytes: number; requests: number }>;
  indexBytes: Record<Engine, { total: number; perArticle: number; code: number }>;
  longestTask: Record<Engine, { ms: number; over50: number }>;
}

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string' },
    imported: { type: 'string' },
    queries: { type: 'string', default: '300' },
    large: { type: 'string', default: '10000' },
    'no-large': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/search.json' },
    seed: { type: 'string', default: '7' },
    built: { type: 'string' },
    'built-large': { type: 'string' },
    'sample-built': { type: 'string' },
    'readers-only': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const median = (xs: number[]) => quantile(xs, 0.5);

/** The project's importer: `npm run import -- <corpus> --out <dir> --section news --date 2005-01-01`. */
function importCorpus(corpus: string, out: string): string {
  if (!existsSync(join(projectRoot, 'scripts/import.ts'))) {
    fail('This branch has no importer (scripts/import.ts) yet: import the corpus elsewhere and pass --imported <folder>.');
  }
  const run = spawnSync('npm', ['run', '--silent', 'import', '--', corpus, '--out', out, '--section', 'news', '--date', '2005-01-01'], {
    cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0 && run.status !== 1) fail(`the importer failed (exit ${run.status})`);
  return out;
}

/** Harness for Pagefind: same lazy load on focus, same debounce, top ten rendered. */
const PAGEFIND_HARNESS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind benchmark harness</title></head>
<body>
<label for="q">Search</label> <input id="q" type="search" autocomplete="off">
<ol id="results"></ol>
<script type="module" src="/bench-pagefind/harness.js"></script>
</body></html>
`;

const PAGEFIND_HARNESS_JS = `let loading;
const load = () => (loading ??= import('/pagefind/pagefind.js').then(async (pf) => { await pf.options({ excerptLength: 30 }); await pf.init(); return pf; }));
const list = document.getElementById('results');
function render(data) {
  list.replaceChildren(...data.map((d) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = (d.meta && d.meta.title) || d.url;
    const p = document.createElement('p');
    p.innerHTML = d.excerpt;
    li.append(a, p);
    return li;
  }));
}
let latest = 0;
window.pfSearch = async (q) => {
  const pf = await load();
  const id = ++latest;
  const t0 = performance.now();
  const search = await pf.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  if (id !== latest) return null;
  render(data);
  const t1 = performance.now();
  performance.measure('pagefind:search', { start: t0, end: t1, detail: { query: q, total: search.results.length } });
  return { ms: t1 - t0, total: search.results.length, urls: data.map((d) => d.url) };
};
const input = document.getElementById('q');
let timer;
input.addEventListener('focus', () => load(), { once: true });
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => { if (input.value.trim()) window.pfSearch(input.value); }, ${DEBOUNCE_MS});
});
`;

// Pagefind compiles WebAssembly (in its page and its worker), which the site's
// policy (script-src 'self') does not allow; its pages and files get this one.
const PAGEFIND_POLICY = "  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";
const PAGEFIND_HEADERS = `\n/bench-pagefind/*\n${PAGEFIND_POLICY}\n/pagefind/*\n${PAGEFIND_POLICY}\n`;

async function prepareSite(name: string, contentDir: string, work: string, built?: string): Promise<BuiltSite> {
  const dir = built ?? join(work, `${name}-site`);
  let started = Date.now();
  if (!built) {
    const build = await buildSite(contentDir, { outDir: dir });
    if (!build.ok) fail(`the ${name} site did not build:\n${build.output.slice(-3000)}`);
    console.log(`  built ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  started = Date.now();
  const pagefind = spawnSync(benchToolBin('pagefind'), [
    '--site', dir, '--glob', 'articles/**/*.html', '--root-selector', 'article.article', '--exclude-selectors', '.neighbours', '--quiet',
  ], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (pagefind.status !== 0) fail(`pagefind failed on ${dir}`);
  console.log(`  pagefind indexed ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  mkdirSync(join(dir, 'bench-pagefind'), { recursive: true });
  writeFileSync(join(dir, 'bench-pagefind/index.html'), PAGEFIND_HARNESS_HTML);
  writeFileSync(join(dir, 'bench-pagefind/harness.js'), PAGEFIND_HARNESS_JS);
  const headers = join(dir, '_headers');
  if (existsSync(headers) && !readFileSync(headers, 'utf8').includes('/bench-pagefind/')) writeFileSync(headers, readFileSync(headers, 'utf8') + PAGEFIND_HEADERS);

  const docs = await indexRecords(builtSearch(dir));
  return { name, dir, articles: docs.length, docs: docs.map(({ url, title, text }) => ({ url, title, text })) };
}

/** Bytes the server sent, recorded while `counting` is on. */
class Meter {
  counting = false;
  sent: { path: string; bytes: number; at: number }[] = [];
  lastSent = 0;
  record = (path: string, bytes: number) => {
    this.lastSent = Date.now();
    if (this.counting) this.sent.push({ path, bytes, at: this.lastSent });
  };
  /** Waits until the server has sent nothing for `ms` (background loading done). */
  async quiet(ms: number) {
    while (Date.now() - this.lastSent < ms) await new Promise((r) => setTimeout(r, 100));
  }
  start() {
    this.sent = [];
    this.counting = true;
  }
  /** Search code and data sent before `until` (epoch ms): not the HTML page, styles, images. */
  stop(until: number) {
    this.counting = false;
    const counted = this.sent.filter((s) => s.at <= until && !/(\/|\.html|\.css|\.(png|jpe?g|webp|avif|gif|svg|ico))$/.test(s.path));
    if (process.env.BENCH_DEBUG) console.log(counted.map((s) => `${s.path} ${s.bytes}`).join('\n'));
    return { bytes: counted.reduce((a, s) => a + s.bytes, 0), requests: counted.length };
  }
}

const normalise = (url: string) => url.replace(/index\.html$/, '').replace(/\/?$/, '/');

interface QueryRun {
  urls: string[];
  ms: number;
  complete: number;
}

/** Runs each query with no debounce; returns the top-ten URLs and the in-page times. */
async function runQueries(page: Page, engine: Engine, queries: string[]): Promise<QueryRun[]> {
  const out: QueryRun[] = [];
  for (const query of queries) {
    const r = engine === 'dispatch'
      ? await page.evaluate((q) => new Promise<QueryRun>((done) => {
          let shown: Omit<QueryRun, 'complete'> | undefined;
          const observer = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              if ((e as PerformanceMeasure).detail?.query !== q) continue;
              if (e.name === 'dispatch:search') {
                const urls = [...document.querySelectorAll('#search-results a.search-hit-link')].slice(0, 10).map((a) => a.getAttribute('href') ?? '');
                shown = { urls, ms: e.duration };
              } else if (e.name === 'dispatch:search:complete' && shown) {
                observer.disconnect();
                done({ ...shown, complete: e.duration });
              }
            }
          });
          observer.observe({ type: 'measure' });
          setTimeout(() => done({ urls: [], ms: NaN, complete: NaN }), 15_000);
          const input = document.getElementById('search-input') as HTMLInputElement;
          input.value = q;
          (document.getElementById('search-page-form') as HTMLFormElement).requestSubmit();
        }), query)
      : await page.evaluate(async (q) => {
          const r = await (window as unknown as { pfSearch(q: string): Promise<{ urls: string[]; ms: number }> }).pfSearch(q);
          return { urls: r.urls, ms: r.ms, complete: r.ms };
        }, query);
    if (Number.isNaN(r.ms)) throw new Error(`${engine}: no results shown for "${query}" within 15 s`);
    out.push({ ...r, urls: r.urls.map(normalise) });
  }
  return out;
}

function score(items: KnownItem[], runs: QueryRun[]): QualityRun {
  let mrr = 0, found = 0;
  items.forEach((item, i) => {
    const relevant = item.relevant.map(normalise);
    const rank = runs[i]!.urls.findIndex((url) => relevant.includes(url));
    if (rank >= 0) {
      mrr += 1 / (rank + 1);
      found++;
    }
  });
  return { mrr: mrr / items.length, recall: found / items.length, latencies: runs.map((r) => r.ms), complete: runs.map((r) => r.complete) };
}

const PAGES: Record<Engine, string> = { dispatch: '/search/', pagefind: '/bench-pagefind/' };
const INPUTS: Record<Engine, string> = { dispatch: '#search-input', pagefind: '#q' };
const MEASURES: Record<Engine, string> = { dispatch: 'dispatch:search', pagefind: 'pagefind:search' };

/** Records the first keydown and every long task (≥ 50 ms) after it. */
const PAGE_PROBES = () => {
  const w = window as unknown as { __firstKey?: number; __longTasks: number[] };
  w.__longTasks = [];
  addEventListener('keydown', () => (w.__firstKey ??= performance.now()), true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (w.__firstKey !== undefined && e.startTime >= w.__firstKey) w.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
};

/** Fresh browser context (empty cache): first keystroke → first results on screen, and the bytes it took. */
async function firstResult(browser: Browser, server: StaticServer, meter: Meter, engine: Engine, query: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBES);
  meter.start();
  await page.goto(server.url + PAGES[engine], { waitUntil: 'load' });
  const shown = page.evaluate((name) => new Promise<number>((done) => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === name && ((e as PerformanceMeasure).detail?.total ?? 0) > 0) done(e.startTime + e.duration);
      }
    }).observe({ type: 'measure' });
  }), MEASURES[engine]);
  await page.locator(INPUTS[engine]).focus();
  await page.keyboard.type(query);
  const at = await shown;
  const { firstKey, origin } = await page.evaluate(() => ({ firstKey: (window as unknown as { __firstKey: number }).__firstKey, origin: performance.timeOrigin }));
  const { bytes, requests } = meter.stop(origin + at);
  await context.close();
  return { ms: at - firstKey, bytes, requests };
}

/** Types queries key by key at a brisk pace and returns the long tasks seen meanwhile. */
async function typingTasks(browser: Browser, server: StaticServer, engine: Engine, queries: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBES);
  await page.goto(server.url + PAGES[engine], { waitUntil: 'load' });
  const input = page.locator(INPUTS[engine]);
  for (const query of queries) {
    await input.fill('');
    await input.focus();
    await page.keyboard.type(query, { delay: 35 });
    await page.waitForTimeout(DEBOUNCE_MS + 150);
  }
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  await context.close();
  return { ms: tasks.length ? Math.max(...tasks) : 0, over50: tasks.filter((t) => t > 50).length };
}

function folderBytes(dir: string, gzip: boolean): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    // The build's precompressed copies (.br, .gz) are other encodings of the same files.
    if (COPY_ENDING.test(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) total += folderBytes(path, gzip);
    else total += gzip ? gzipSync(readFileSync(path)).length : statSync(path).size;
  }
  return total;
}

function indexBytes(site: BuiltSite) {
  const astro = join(site.dir, '_astro');
  const worker = readdirSync(astro).filter((f) => /^worker.*\.js$/.test(f)).map((f) => gzipSync(readFileSync(join(astro, f))).length);
  const ours = folderBytes(join(site.dir, 'search'), true);
  const pf = join(site.dir, 'pagefind');
  const pfData = folderBytes(join(pf, 'index'), false) + folderBytes(join(pf, 'fragment'), false)
    + readdirSync(pf).filter((f) => f.endsWith('.pf_meta')).reduce((a, f) => a + statSync(join(pf, f)).size, 0);
  const pfCode = ['pagefind.js', 'pagefind-worker.js'].filter((f) => existsSync(join(pf, f))).reduce((a, f) => a + gzipSync(readFileSync(join(pf, f))).length, 0)
    + statSync(join(pf, 'wasm.en.pagefind')).size;
  return {
    dispatch: { total: ours, perArticle: ours / site.articles, code: worker.reduce((a, b) => a + b, 0) },
    pagefind: { total: pfData, perArticle: pfData / site.articles, code: pfCode },
  };
}

async function measureSite(site: BuiltSite, browser: Browser, queryCount: number, seed: number): Promise<SizeResult> {
  const items = knownItemQueries(site.docs, queryCount, seed);
  const meter = new Meter();
  const server = await serveStatic(site.dir, { gzip: true, onSent: meter.record });
  const result = { articles: site.articles, quality: {}, latency: {}, firstResult: {}, longestTask: {}, indexBytes: indexBytes(site) } as SizeResult;
  try {
    for (const engine of ENGINES) {
      const page = await browser.newPage();
      await page.goto(server.url + PAGES[engine], { waitUntil: 'load' });
      // One query first, so that loading the index is not counted as a query's
      // latency; then let background loading (Dispatch's prefetch) finish.
      await runQueries(page, engine, ['warm up']);
      await meter.quiet(1000);
      const clean = score(items, await runQueries(page, engine, items.map((q) => q.query)));
      const typo = score(items, await runQueries(page, engine, items.map((q) => q.typo)));
      await page.close();
      const all = [...clean.latencies, ...typo.latencies];
      const complete = [...clean.complete, ...typo.complete];
      result.quality[engine] = { clean, typo };
      result.latency[engine] = {
        median: median(all), p95: quantile(all, 0.95), completeMedian: median(complete), completeP95: quantile(complete, 0.95), queries: all.length,
      };
      console.log(`  ${engine}: ${all.length} queries run`);
    }
    const coldQueries = items.slice(0, 7).map((q) => q.query);
    for (const engine of ENGINES) {
      const runs = [];
      for (const q of coldQueries) runs.push(await firstResult(browser, server, meter, engine, q));
      result.firstResult[engine] = {
        ms: median(runs.map((r) => r.ms)), bytes: median(runs.map((r) => r.bytes)), requests: median(runs.map((r) => r.requests)),
      };
      result.longestTask[engine] = await typingTasks(browser, server, engine, items.slice(10, 22).map((q) => q.typo));
    }
  } finally {
    await server.close();
  }
  return result;
}

function table(small: SizeResult, large: SizeResult | undefined, queries: number): string[] {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const pad = (s: string, n: number) => s.padEnd(n);
  const row = (label: string, f: (e: Engine) => string) => `${pad(label, 44)}${pad(f('dispatch'), 20)}${f('pagefind')}`;
  const lines = [
    row('', (e) => (e === 'dispatch' ? 'Dispatch' : 'Pagefind')),
    row(`MRR@10, clean (${queries} queries)`, (e) => small.quality[e].clean.mrr.toFixed(3)),
    row('MRR@10, one typo', (e) => small.quality[e].typo.mrr.toFixed(3)),
    row('recall@10, clean', (e) => small.quality[e].clean.recall.toFixed(3)),
    row('recall@10, one typo', (e) => small.quality[e].typo.recall.toFixed(3)),
  ];
  for (const r of large ? [small, large] : [small]) {
    lines.push(
      row(`latency median / p95, ${r.articles} articles`, (e) => `${ms(r.latency[e].median)} / ${ms(r.latency[e].p95)}`),
      row(`  … with text snippets, ${r.articles}`, (e) => `${ms(r.latency[e].completeMedian)} / ${ms(r.latency[e].completeP95)}`),
    );
  }
  for (const r of large ? [small, large] : [small]) {
    lines.push(
      row(`first keystroke → first results, ${r.articles}`, (e) => ms(r.firstResult[e].ms)),
      row(`bytes before first result, ${r.articles}`, (e) => `${kb(r.firstResult[e].bytes)} (${r.firstResult[e].requests} req)`),
      row(`index bytes per article, ${r.articles}`, (e) => `${r.indexBytes[e].perArticle.toFixed(0)} B`),
      row(`longest main-thread task typing, ${r.articles}`, (e) => (r.longestTask[e].ms ? ms(r.longestTask[e].ms) : 'none ≥ 50 ms')),
    );
  }
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const q = small.quality;
  lines.push(
    '',
    `target MRR@10 ≥ 0.9 clean and above Pagefind: ${verdict(q.dispatch.clean.mrr >= 0.9 && q.dispatch.clean.mrr > q.pagefind.clean.mrr)}`,
    `target MRR@10 ≥ 0.8 one typo and above Pagefind: ${verdict(q.dispatch.typo.mrr >= 0.8 && q.dispatch.typo.mrr > q.pagefind.typo.mrr)}`,
    `target p95 ≤ 16 ms at ${small.articles}: ${verdict(small.latency.dispatch.p95 <= 16)}`,
  );
  if (large) lines.push(`target p95 ≤ 50 ms at ${large.articles}: ${verdict(large.latency.dispatch.p95 <= 50)}`);
  const tasksOk = [small, large].every((r) => !r || r.longestTask.dispatch.over50 === 0);
  const bytesOk = [small, large].every((r) => !r || r.firstResult.dispatch.bytes <= r.firstResult.pagefind.bytes);
  lines.push(`target no main-thread task over 50 ms while typing: ${verdict(tasksOk)}`);
  lines.push(`target bytes before first result ≤ Pagefind's: ${verdict(bytesOk)}`);
  return lines;
}

/** The reader-query benchmark over the built sample newsroom: per-class lines, and whether every target is met. */
async function readerBenchmark(siteDir: string): Promise<{ lines: string[]; scores: ClassScore[] }> {
  const engine = await openBuiltSearch(siteDir);
  const queries = readerQueries(readStoryFacts(join(projectRoot, 'content/articles')));
  const ranked: string[][] = [];
  for (const q of queries) {
    const result = await engine.search({ query: q.query, limit: 10, snippets: false, suggestions: false });
    ranked.push(result.hits.map((h) => h.url.replace(/^\/articles\/|\/$/g, '')));
  }
  const scores = scoreReaderQueries(queries, ranked);
  const pad = (x: string, n: number) => x.padEnd(n);
  const lines = [
    `Reader queries on the sample newsroom (${queries.length} queries; targets success@1 ≥ 0.95, recall@10 ≥ 0.9 per class)`,
    `${pad('class', 18)}${pad('queries', 10)}${pad('success@1', 12)}${pad('recall@10', 12)}`,
    ...scores.map((c) => `${pad(c.kind, 18)}${pad(String(c.queries), 10)}${pad(c.successAt1.toFixed(3), 12)}${pad(c.recallAt10.toFixed(3), 12)}${c.successAt1 >= 0.95 && c.recallAt10 >= 0.9 ? 'met' : 'MISSED'}`),
  ];
  return { lines, scores };
}

async function main() {
  const work0 = mkdtempSync(join(tmpdir(), 'dispatch-bench-readers-'));
  let sampleDir = args['sample-built'] && resolve(args['sample-built']);
  if (!sampleDir) {
    const build = await buildSite(join(projectRoot, 'content'), { outDir: join(work0, 'sample-site') });
    if (!build.ok) fail(`the sample site did not build:\n${build.output.slice(-3000)}`);
    sampleDir = build.outDir;
  }
  const readers = await readerBenchmark(sampleDir);
  console.log(`\n${readers.lines.join('\n')}`);
  if (process.env.BENCH_DEBUG || args['readers-only']) for (const c of readers.scores) for (const m of c.misses) console.log(`  ${c.kind}: ${m}`);
  if (args['readers-only']) return;
  if (!args.corpus && !args.imported && !args.built) fail('usage: npm run bench:search -- --corpus <BBC corpus folder> [--imported <folder>] [--queries N] [--large N | --no-large]');
  ensureBenchTools();
  const queryCount = Number(args.queries);
  const seed = Number(args.seed);
  const work = mkdtempSync(join(tmpdir(), 'dispatch-bench-search-'));
  console.log(`Search benchmark (work folder ${work}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  const imported = args.built ? '' : args.imported ? resolve(args.imported) : importCorpus(resolve(args.corpus!), join(work, 'imported'));
  const small = await prepareSite('corpus', imported, work, args.built && resolve(args.built));
  let largeSite: BuiltSite | undefined;
  if (args['built-large']) largeSite = await prepareSite('synthetic', '', work, resolve(args['built-large']));
  else if (!args['no-large']) {
    if (!args.corpus) fail('--large needs --corpus (the synthetic corpus recombines its stories); or pass --no-large');
    const synthetic = join(work, 'synthetic');
    writeSyntheticCorpus(readBbcCorpus(resolve(args.corpus)), synthetic, { count: Number(args.large), section: 'news' });
    largeSite = await prepareSite('synthetic', synthetic, work);
  }
  const browser = await launchBrowser();
  let smallResult: SizeResult, largeResult: SizeResult | undefined;
  try {
    console.log(`Measuring ${small.articles} articles`);
    smallResult = await measureSite(small, browser, queryCount, seed);
    if (largeSite) {
      console.log(`Measuring ${largeSite.articles} articles`);
      largeResult = await measureSite(largeSite, browser, queryCount, seed);
    }
  } finally {
    await browser.close();
  }
  const lines = [...readers.lines, '', ...table(smallResult, largeResult, queryCount)];
  console.log(`\n${lines.join('\n')}`);
  const out = resolve(projectRoot, args.out!);
  mkdirSync(dirname(out), { recursive: true });
  const strip = (r: SizeResult) => ({
    ...r,
    quality: Object.fromEntries(ENGINES.map((e): [Engine, unknown] => [e, {
      clean: { mrr: r.quality[e].clean.mrr, recall: r.quality[e].clean.recall },
      typo: { mrr: r.quality[e].typo.mrr, recall: r.quality[e].typo.recall },
    }])),
  });
  writeFileSync(out, `${JSON.stringify({
    date: new Date().toISOString(), loadAverage: loadavg(), queries: queryCount, seed,
    readers: readers.scores.map(({ misses: _misses, ...c }) => c),
    small: strip(smallResult), large: largeResult && strip(largeResult), printed: lines,
  }, null, 2)}\n`);
  console.log(`\nWritten to ${args.out}`);
}

await main();
