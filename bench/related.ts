/**
 * `npm run bench:related -- --corpus <bbc folder> [--imported <folder>] [--runs 5]
 *   [--sizes 1000,2000,5000,10000] [--out bench/results/related.json]`
 *
 * Quality and cost of the related-stories engine:
 * 1. imports the BBC corpus with the project's importer (`npm run import`)
 *    into a temp folder: all articles in one section, no tags, one date, so
 *    the engine never sees the folder labels (`--imported` reuses an import);
 * 2. P@1, P@5, P@10 of the engine's lists against the folder labels, over
 *    all articles, beside the plain baseline (TF-IDF cosine over the story
 *    text, all pairs) in the same run. An article's exact copies (the same
 *    text, re-sent) are never counted: the engine leaves them out by design,
 *    and the baseline's lists have them removed before they are cut to k;
 * 3. the engine's time for all lists (median of `--runs`, wall and CPU) and
 *    peak memory, on the import and on synthetic corpora of each size, each
 *    measured in a fresh child process so its peak memory is its own; the
 *    baseline's time on the same corpus, once, for the ratio.
 * Prints a table and writes the figures as JSON.
 *
 * `npm run bench:related -- --corpus <bbc folder> --synthetic 100000[,…] [--runs 1]`
 * times only the engine over synthetic stories made in memory (no files, no
 * Markdown), each size in its own process: CPU time and peak memory of all
 * lists, against the targets for 100,000 stories (30 s of CPU, 2 GB).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computeRelated, type RelatedInput, type RelatedOptions } from '../src/lib/related/index';
import { words } from '../src/lib/related/tokenize';
import { site } from '../src/site.config';
import { readArticleFolder, type FolderArticle } from './lib/article-folder';
import { readBbcCorpus } from './lib/bbc';
import { labelsFromSources } from './lib/bbc-labels';
import { syntheticStories, writeSyntheticCorpus } from './lib/synthetic-corpus';
import { tfidfNeighbours } from './lib/tfidf-baseline';

const projectRoot = resolve(import.meta.dirname, '..');
const K = [1, 5, 10] as const;
const TARGETS = { p5: 0.95, bbcSeconds: 0.5, tenThousandSeconds: 3, tenThousandMegabytes: 1024, hundredThousandSeconds: 30, hundredThousandMegabytes: 2048 };

interface Measurement {
  articles: number;
  runs: number;
  medianWallMs: number;
  medianCpuMs: number;
  wallMs: number[];
  cpuMs: number[];
  /** Resident memory after reading the corpus, before the engine. */
  rssBeforeMb: number;
  /** Peak resident memory of the process up to the end of the engine runs. */
  peakRssMb: number;
  /** One run of the all-pairs baseline on the same corpus. */
  baselineMs?: number;
  /** digestOf the lists (synthetic corpora only). */
  listsDigest?: string;
}

/** A digest of every list (ids, reasons, similarities) by article id: equal digests mean equal output. */
const digestOf = (related: Map<string, unknown>) =>
  createHash('sha256').update(JSON.stringify([...related].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))).digest('hex').slice(0, 16);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const megabytes = (kb: number) => Math.round(kb / 1024);

/** The story text a baseline reads: what is under the headline (summary + body). */
const storyText = (a: RelatedInput) => `${a.summary}\n${a.text}`;
/** Exact copies: the same folded words under the headline. */
const copyKey = (a: FolderArticle) => words(storyText(a)).join(' ');

function engineOptions(articles: readonly RelatedInput[], count: number): RelatedOptions {
  return { ...site.related, count, now: new Date(Math.max(...articles.map((a) => a.date.getTime()))) };
}

/** The related engine's input for `count` synthetic stories, made in memory (12 a day from 2015, five sections). */
function syntheticArticles(corpus: string, count: number): RelatedInput[] {
  const sections = site.sections.map((s) => s.id);
  const categories = [...new Set(readBbcCorpus(corpus).map((s) => s.category))].sort();
  const section = (category: string) => sections[categories.indexOf(category) % sections.length]!;
  return Array.from(
    syntheticStories(readBbcCorpus(corpus), { count, section, seed: 1, start: new Date('2015-01-01T00:00:00Z'), spreadMinutes: 120, tagsPerArticle: 2 }),
    (s) => ({ id: s.id, title: s.title, summary: s.summary, text: s.body, section: s.section, tags: s.tags, date: s.date, pinned: [] }),
  );
}

/** Child mode: time the engine (and once the baseline) on one folder, or on `synthetic` stories; prints one JSON line. */
function measure(folder: string, runs: number, count: number, withBaseline: boolean, synthetic?: number): void {
  const articles: RelatedInput[] = synthetic ? syntheticArticles(folder, synthetic) : readArticleFolder(folder);
  const options = engineOptions(articles, count);
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  let related = new Map<string, unknown>();
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const lists = computeRelated(articles, options);
    wallMs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    if (i === runs - 1) related = lists;
  }
  const peakRssMb = megabytes(process.resourceUsage().maxRSS);
  let baselineMs: number | undefined;
  if (withBaseline) {
    const start = performance.now();
    tfidfNeighbours(articles.map(storyText), { k: count, sublinear: true });
    baselineMs = performance.now() - start;
  }
  const result: Measurement = {
    articles: articles.length, runs, medianWallMs: median(wallMs), medianCpuMs: median(cpuMs),
    wallMs, cpuMs, rssBeforeMb, peakRssMb, baselineMs, listsDigest: synthetic ? digestOf(related) : undefined,
  };
  console.log(JSON.stringify(result));
}

/**
 * A fixed reference workload (sorting a million numbers, median of three),
 * printed beside the timings so that figures from a loaded or slow machine
 * can be read for what they are.
 */
function referenceMs(): number {
  const random = seededNumbers(1_000_000);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const copy = random.slice();
    const start = performance.now();
    copy.sort();
    times.push(performance.now() - start);
  }
  return median(times);
}

function seededNumbers(n: number): Float64Array {
  const out = new Float64Array(n);
  let x = 123456789;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x / 2 ** 32;
  }
  return out;
}

function measureInChild(folder: string, runs: number, count: number, withBaseline: boolean, synthetic?: number): Measurement {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv, import.meta.filename, '--measure', folder, '--runs', String(runs), '--count', String(count),
      ...(withBaseline ? ['--baseline'] : []), ...(synthetic ? ['--synthetic', String(synthetic)] : []),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  if (child.status !== 0) throw new Error(`measuring ${folder} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measurement;
}

function importCorpus(corpus: string): string {
  const out = mkdtempSync(join(tmpdir(), 'dispatch-bench-bbc-'));
  console.log(`Importing ${corpus} with the project's importer into ${out} …`);
  const run = spawnSync('npm', ['run', '--silent', 'import', '--', corpus, '--out', out, '--section', 'news', '--date', '2005-01-01'], {
    cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 2 ** 20,
  });
  // Exit 1 means some sources were skipped (reported below); 2 means nothing was imported.
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => /^(Imported|Skipped) /.test(l));
  for (const line of lines) console.log(`  importer: ${line.trim()}`);
  if (run.status !== 0 && run.status !== 1) throw new Error(`the importer failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return out;
}

interface Precision {
  p1: number;
  p5: number;
  p10: number;
}

function precision(lists: readonly (readonly string[])[], articles: readonly FolderArticle[], labels: Map<string, string>): Precision {
  const sums = [0, 0, 0];
  articles.forEach((article, i) => {
    const list = lists[i]!;
    K.forEach((k, j) => {
      let hits = 0;
      for (const id of list.slice(0, k)) if (labels.get(id) === labels.get(article.id)) hits++;
      sums[j]! += hits / k;
    });
  });
  const [p1, p5, p10] = sums.map((s) => s / articles.length) as [number, number, number];
  return { p1, p5, p10 };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      imported: { type: 'string' },
      runs: { type: 'string', default: '5' },
      sizes: { type: 'string', default: '1000,2000,5000,10000' },
      out: { type: 'string', default: join(projectRoot, 'bench/results/related.json') },
      measure: { type: 'string' },
      count: { type: 'string', default: '10' },
      baseline: { type: 'boolean', default: false },
      'baseline-max': { type: 'string', default: '2224' },
      synthetic: { type: 'string' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  if (values.measure) return measure(values.measure, runs, Number(values.count), values.baseline, values.synthetic ? Number(values.synthetic) : undefined);
  if (values.corpus && values.synthetic) return syntheticScale(resolve(values.corpus), values.synthetic.split(',').map(Number), runs);
  if (!values.corpus) {
    console.error('Usage: npm run bench:related -- --corpus <bbc folder> [--imported <folder>] [--runs 5] [--sizes 1000,2000,5000,10000]');
    process.exitCode = 2;
    return;
  }
  const corpus = resolve(values.corpus);
  const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
  // The all-pairs baseline grows with the square of the corpus: timed only up to this size.
  const baselineMax = Number(values['baseline-max']);
  const temps: string[] = [];
  try {
    const imported = values.imported ? resolve(values.imported) : importCorpus(corpus);
    if (!values.imported) temps.push(imported);

    // Quality.
    const stories = readBbcCorpus(corpus);
    const articles = readArticleFolder(imported);
    const { labels, unmatched } = labelsFromSources(articles, stories);
    if (unmatched.length > 0) throw new Error(`no BBC source found for ${unmatched.length} imported articles: ${unmatched.slice(0, 5).join(', ')}`);
    const keys = articles.map(copyKey);
    const copiesOf = new Map<string, number>();
    for (const k of keys) copiesOf.set(k, (copiesOf.get(k) ?? 0) + 1);
    const withCopies = keys.filter((k) => copiesOf.get(k)! > 1).length;

    const count = Math.max(...K);
    const related = computeRelated(articles, engineOptions(articles, count));
    const engineLists = articles.map((a) => related.get(a.id)!.map((l) => l.id));
    const filled = articles.filter((a) => related.get(a.id)!.some((l) => l.reason === 'latest')).length;
    const keyOf = new Map(articles.map((a, i) => [a.id, keys[i]!]));
    const engineCopies = articles.filter((a, i) => related.get(a.id)!.some((l) => keyOf.get(l.id) === keys[i])).length;
    const exclude = (a: number, b: number) => keys[a] === keys[b];
    const texts = articles.map(storyText);
    const baselines = {
      raw: tfidfNeighbours(texts, { k: count, sublinear: false, exclude }).map((l) => l.map((i) => articles[i]!.id)),
      sublinear: tfidfNeighbours(texts, { k: count, sublinear: true, exclude }).map((l) => l.map((i) => articles[i]!.id)),
    };
    const quality = {
      engine: precision(engineLists, articles, labels),
      baselineSublinear: precision(baselines.sublinear, articles, labels),
      baselineRaw: precision(baselines.raw, articles, labels),
    };

    // A digest of every list (ids, reasons, similarities): equal digests mean the engine's output did not change.
    const listsDigest = digestOf(related);
    const qualityReport = { articles: articles.length, withCopies, filled, engineCopies, quality, listsDigest };
    const printedQuality = qualityLines(qualityReport);
    console.log(printedQuality.join('\n'));

    // Cost, each corpus in its own process.
    console.log(`Timing the engine (${runs} runs each) …`);
    const bbcTime = measureInChild(imported, runs, site.related.count, true);
    const synthetic = sizes.map((size) => {
      const folder = mkdtempSync(join(tmpdir(), `dispatch-bench-syn-${size}-`));
      temps.push(folder);
      writeSyntheticCorpus(stories, folder, { count: size, section: 'news', seed: 1, spreadMinutes: 60 });
      return { size, ...measureInChild(folder, runs, site.related.count, size <= baselineMax) };
    });

    const machine = { referenceSortMs: referenceMs(), loadAverage: loadavg().map((l) => Number(l.toFixed(2))) };
    const timing = [
      ...timingLines(qualityReport, bbcTime, synthetic, runs),
      `machine: sorting 1M numbers took ${machine.referenceSortMs.toFixed(0)} ms; load average ${machine.loadAverage.join(' ')} on ${availableParallelism()} cores`,
    ];
    console.log(timing.join('\n'));
    mkdirSync(dirname(values.out), { recursive: true });
    const json = {
      corpus: 'bbc', date: new Date().toISOString(), node: process.version, tuning: site.related,
      articles: articles.length, articlesWithExactCopy: withCopies, listsFilledWithLatest: filled, listsWithExactCopy: engineCopies, listsDigest,
      quality, timing: { bbc: bbcTime, synthetic }, machine, targets: TARGETS, printed: [...printedQuality, ...timing].filter(Boolean),
    };
    writeFileSync(values.out, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`written ${values.out}`);
  } finally {
    for (const t of temps) rmSync(t, { recursive: true, force: true });
  }
}

/** `--synthetic`: the engine alone over synthetic stories made in memory, each size in its own process. */
function syntheticScale(corpus: string, sizes: number[], runs: number): void {
  console.log(`All lists (k=${site.related.count}) over synthetic stories made in memory, median of ${runs} runs, each size in its own process`);
  const tw = [18, 10, 10, 10, 14, 18];
  console.log(row(['corpus', 'wall', 'cpu', 'peak RSS', 'cpu / article', 'lists digest'], tw));
  for (const size of sizes) {
    const m = measureInChild(corpus, runs, site.related.count, false, size);
    console.log(row([`synthetic ${size}`, seconds(m.medianWallMs), seconds(m.medianCpuMs), `${m.peakRssMb} MB`, `${((1000 * m.medianCpuMs) / size).toFixed(0)} µs`, m.listsDigest ?? '–'], tw));
    if (size === 100_000) {
      const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
      console.log(`targets at 100k: ≤ ${TARGETS.hundredThousandSeconds} s cpu: ${verdict(m.medianCpuMs <= TARGETS.hundredThousandSeconds * 1000)}; ` +
        `≤ ${TARGETS.hundredThousandMegabytes / 1024} GB: ${verdict(m.peakRssMb <= TARGETS.hundredThousandMegabytes)}`);
    }
  }
}

interface QualityReport {
  articles: number;
  withCopies: number;
  filled: number;
  engineCopies: number;
  listsDigest: string;
  quality: { engine: Precision; baselineSublinear: Precision; baselineRaw: Precision };
}

const f3 = (x: number) => x.toFixed(3);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

function qualityLines(r: QualityReport): string[] {
  const q = r.quality;
  const qw = [38, 6, 6, 6];
  const d = (a: number, b: number) => `${a >= b ? '+' : ''}${(a - b).toFixed(3)}`;
  return [
    '',
    `BBC: ${r.articles} articles imported as one section, no tags, one date; ${r.withCopies} have an exact copy (never counted)`,
    row(['list', 'P@1', 'P@5', 'P@10'], qw),
    row(['engine (site tuning, k=10)', f3(q.engine.p1), f3(q.engine.p5), f3(q.engine.p10)], qw),
    row(['baseline tf-idf, 1 + ln tf, all pairs', f3(q.baselineSublinear.p1), f3(q.baselineSublinear.p5), f3(q.baselineSublinear.p10)], qw),
    row(['baseline tf-idf, raw tf, all pairs', f3(q.baselineRaw.p1), f3(q.baselineRaw.p5), f3(q.baselineRaw.p10)], qw),
    row(['engine − baseline (1 + ln tf)', d(q.engine.p1, q.baselineSublinear.p1), d(q.engine.p5, q.baselineSublinear.p5), d(q.engine.p10, q.baselineSublinear.p10)], qw),
    `engine lists filled with "latest" stories: ${r.filled}; lists holding an exact copy of their article: ${r.engineCopies}`,
    `engine lists (k=10) digest: ${r.listsDigest}`,
  ];
}

function timingLines(r: QualityReport, bbcTime: Measurement, synthetic: (Measurement & { size: number })[], runs: number): string[] {
  const tw = [16, 10, 10, 10, 13, 8];
  const timeRow = (name: string, m: Measurement) =>
    row([name, seconds(m.medianWallMs), seconds(m.medianCpuMs), `${m.peakRssMb} MB`, m.baselineMs ? seconds(m.baselineMs) : '–', m.baselineMs ? `${(m.baselineMs / m.medianWallMs).toFixed(1)}×` : '–'], tw);
  const lines = [
    '',
    `All lists (k=${site.related.count}), median of ${runs} runs; each corpus in its own process; baseline: one all-pairs run`,
    row(['corpus', 'wall', 'cpu', 'peak RSS', 'baseline', 'ratio'], tw),
    timeRow(`BBC ${bbcTime.articles}`, bbcTime),
    ...synthetic.map((m) => timeRow(`synthetic ${m.size}`, m)),
  ];
  if (synthetic.length >= 2) {
    const [first, last] = [synthetic[0]!, synthetic.at(-1)!];
    lines.push(`growth ${first.size} → ${last.size} articles (×${last.size / first.size}): cpu ×${(last.medianCpuMs / first.medianCpuMs).toFixed(1)}`);
  }
  const ten = synthetic.find((m) => m.size === 10_000);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const p5 = r.quality.engine.p5;
  lines.push(
    `targets: P@5 ≥ ${TARGETS.p5}: ${verdict(p5 >= TARGETS.p5)} (${f3(p5)}); ` +
      `BBC ≤ ${TARGETS.bbcSeconds} s: ${verdict(bbcTime.medianCpuMs <= TARGETS.bbcSeconds * 1000)} (cpu ${seconds(bbcTime.medianCpuMs)}); ` +
      (ten
        ? `10k ≤ ${TARGETS.tenThousandSeconds} s: ${verdict(ten.medianCpuMs <= TARGETS.tenThousandSeconds * 1000)} (cpu ${seconds(ten.medianCpuMs)}); ` +
          `10k ≤ 1 GB: ${verdict(ten.peakRssMb <= TARGETS.tenThousandMegabytes)} (${ten.peakRssMb} MB)`
        : '10k not measured'),
  );
  return lines;
}

main();
