/**
 * The build benchmark: Dispatch's full build against the bare Astro baseline
 * (bench/baseline/), on the BBC corpus and on synthetic corpora, side by side
 * in the same run. Each corpus gets `runs` cold builds of each, alternating
 * (Dispatch, baseline, Dispatch, …) so both see the same machine noise, then
 * as many warm rebuilds of each, one more article edited before each. A cold
 * build starts from an empty cache and site folder (a fresh clone); a warm
 * rebuild builds over the previous site, as an editor's `npm run build` does.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importSources } from '../src/lib/import/import-sources';
import { findSection } from '../src/site.config';
import { projectRoot } from '../harness/build-site';
import { readBbcCorpus } from './lib/bbc';
import { parseBuildLog, PHASES, type BuildPhases, type Span } from './lib/build-log';
import { runAstroBuild, type BuildRun } from './lib/run-build';
import { median, ratio } from './lib/stats';
import { writeSyntheticCorpus } from './lib/synthetic-corpus';
import { formatTable, megabytes, seconds, times, type Cell } from './lib/table';

const TMP = join(projectRoot, 'bench/.tmp');
const BASELINE_ROOT = join(projectRoot, 'bench/baseline');
/** After every corpus date, so every article is published. */
const NOW = '2026-01-01T00:00:00Z';

export const BUILD_TARGETS = {
  /** Dispatch's cold build against the bare Astro baseline's (BBC and 10k). */
  ratio: 1.3,
  /** Dispatch's warm rebuild after one story is edited against the baseline's, CPU (BBC). */
  warm: 1.5,
  /** Peak resident memory at 10k. */
  peakRssBytes: 4 * 2 ** 30,
  /** "Near-linear": CPU per article at the largest synthetic size against the smallest. */
  growth: 1.25,
};

export interface BuildBenchOptions {
  /** The BBC corpus folder (source of the import and of the synthetic corpora). */
  corpus: string;
  /** Synthetic corpus sizes. */
  sizes: number[];
  /** Cold builds of each project per corpus, and as many warm rebuilds after one edit each. */
  runs: number;
  /** Include the imported BBC corpus. */
  bbc: boolean;
}

export type Project = 'dispatch' | 'baseline';

export interface MeasuredRun {
  project: Project;
  kind: 'cold' | 'warm';
  wallMs: number;
  cpuMs?: number;
  peakRssBytes: number;
  phases: BuildPhases;
}

export interface CorpusResult {
  name: string;
  articles: number;
  description: string;
  runs: MeasuredRun[];
  summary: Record<Project, ProjectSummary>;
  /** Dispatch / baseline: cold wall and CPU, warm CPU. */
  ratio: { wall: number; cpu: number; warm: number };
}

export interface ProjectSummary {
  pages?: number;
  coldWallMs: number;
  coldCpuMs: number;
  peakRssBytes: number;
  /** Medians of the warm rebuilds. */
  warmWallMs?: number;
  warmCpuMs?: number;
  /** Median of each phase over the cold runs (wall and CPU ms). */
  phases: Record<string, { wallMs: number; cpuMs?: number }>;
}

export interface Corpus {
  name: string;
  dir: string;
  articles: number;
  description: string;
}

/** Imports the BBC corpus with the project's importer: each folder its section, all dated 2005-01-01. */
async function importBbc(corpus: string): Promise<Corpus> {
  const dir = join(TMP, 'corpora/bbc');
  rmSync(dir, { recursive: true, force: true });
  const report = await importSources([corpus], { out: dir, date: '2005-01-01', encoding: 'windows-1252' });
  if (report.skipped.length > 0) {
    throw new Error(`the BBC import skipped ${report.skipped.length} sources: ${report.skipped.map((s) => `${s.source}: ${s.reason}`).join('; ')}`);
  }
  return { name: 'bbc', dir, articles: report.articles.length, description: 'BBC corpus via the importer; sections by folder, one date' };
}

/** A synthetic corpus: 12 stories a day from 2015-01-01, five sections, two tags each from 200. */
export function synthetic(corpus: string, count: number, write = true): Corpus {
  const dir = join(TMP, `corpora/syn-${count}`);
  if (write) writeSyntheticCorpus(readBbcCorpus(corpus), dir, {
    count,
    section: (category) => findSection(category)?.id ?? 'news',
    start: new Date('2015-01-01T00:00:00Z'),
    spreadMinutes: 120,
    tagsPerArticle: 2,
    tagPool: 40,
  });
  const label = count % 1000 === 0 ? `${count / 1000}k` : String(count);
  return { name: `syn-${label}`, dir, articles: count, description: `${count} synthetic stories, 12 a day from 2015-01-01, 5 sections, 2 tags each from 200` };
}

/** Where `buildOnce` writes each project's site. */
export const OUT_DIRS: Record<Project, string> = { dispatch: join(TMP, 'out/dispatch'), baseline: join(BASELINE_ROOT, 'dist') };

/** What Dispatch builds `corpus` with: its content, its own build cache, the build time, the profile lines. */
export function dispatchEnv(corpus: Corpus, now = NOW) {
  return { CONTENT_DIR: corpus.dir, DISPATCH_CACHE_DIR: join(TMP, 'cache', corpus.name), DISPATCH_NOW: now, DISPATCH_PROFILE: '1' };
}

/**
 * One build of `project` over `corpus`: cold empties its build cache first.
 * `now` is Dispatch's build time (articles dated later are left out);
 * `keepOutDir` builds over the previous site, as `npm run build` does.
 */
export function buildOnce(project: Project, corpus: Corpus, cold: boolean, options: { now?: string; keepOutDir?: boolean } = {}): Promise<BuildRun> {
  const run = { keepOutDir: options.keepOutDir };
  if (project === 'dispatch') {
    const env = dispatchEnv(corpus, options.now);
    if (cold) rmSync(env.DISPATCH_CACHE_DIR, { recursive: true, force: true });
    return runAstroBuild({ root: projectRoot, outDir: OUT_DIRS.dispatch, env }, run);
  }
  // The baseline's cacheDir is its own .cache folder (bench/baseline/astro.config.mjs).
  if (cold) rmSync(join(BASELINE_ROOT, '.cache'), { recursive: true, force: true });
  return runAstroBuild({ root: BASELINE_ROOT, outDir: OUT_DIRS.baseline, env: { CONTENT_DIR: corpus.dir } }, run);
}

/** Phases of one run as flat named figures (wall and CPU ms), for medians and the breakdown table. */
export function phaseFigures(phases: BuildPhases): Record<string, Span> {
  const figures: Record<string, Span> = {};
  for (const phase of PHASES) {
    const span = phases.phases[phase];
    if (span) figures[phase] = span;
    if (phase === 'pages and endpoints') for (const r of phases.routes) figures[`  ${r.route.replace(/^src\/pages\//, '')}`] = r;
  }
  for (const [step, ms] of Object.entries(phases.profile)) figures[`dispatch: ${step}`] = { wallMs: ms };
  return figures;
}

function summarise(runs: MeasuredRun[], project: Project): ProjectSummary {
  const cold = runs.filter((r) => r.project === project && r.kind === 'cold');
  const warm = runs.filter((r) => r.project === project && r.kind === 'warm');
  const figures = cold.map((r) => phaseFigures(r.phases));
  const names = [...new Set(figures.flatMap((f) => Object.keys(f)))];
  const medianOf = (name: string, key: keyof Span) => {
    const values = figures.flatMap((f) => (f[name]?.[key] === undefined ? [] : [f[name]![key]!]));
    return values.length > 0 ? median(values) : undefined;
  };
  return {
    pages: cold[0]?.phases.pages,
    coldWallMs: median(cold.map((r) => r.wallMs)),
    coldCpuMs: median(cold.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]))),
    peakRssBytes: Math.max(...cold.map((r) => r.peakRssBytes), ...warm.map((r) => r.peakRssBytes)),
    warmWallMs: warm.length > 0 ? median(warm.map((r) => r.wallMs)) : undefined,
    warmCpuMs: warm.some((r) => r.cpuMs !== undefined) ? median(warm.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]))) : undefined,
    phases: Object.fromEntries(names.map((n) => [n, { wallMs: medianOf(n, 'wallMs') ?? Number.NaN, cpuMs: medianOf(n, 'cpuMs') }])),
  };
}

/** Appends a paragraph to one article (the middle one by file name, or the `nth` after it); returns how to undo it. */
export function editOneArticle(dir: string, nth = 0): () => void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const file = join(dir, files[((files.length >> 1) + nth) % files.length]!);
  const original = readFileSync(file);
  writeFileSync(file, `${original.toString('utf8').trimEnd()}\n\nThis paragraph was added by a benchmark.\n`);
  return () => writeFileSync(file, original);
}

async function measure(project: Project, corpus: Corpus, kind: 'cold' | 'warm', log: (line: string) => void): Promise<MeasuredRun> {
  const run = await buildOnce(project, corpus, kind === 'cold', { keepOutDir: kind === 'warm' });
  if (!run.ok) {
    const logFile = join(TMP, `failed-${project}-${corpus.name}.log`);
    const log = run.lines.map((l) => l.text).join('\n');
    writeFileSync(logFile, log);
    throw new Error(`the ${project} build of ${corpus.name} failed; its log is in ${logFile}:\n${log.slice(-3000)}`);
  }
  log(`  ${corpus.name} ${project} ${kind}: ${seconds(run.wallMs)}, CPU ${seconds(run.cpuMs)}, peak ${megabytes(run.peakRssBytes)}`);
  return { project, kind, wallMs: run.wallMs, cpuMs: run.cpuMs, peakRssBytes: run.peakRssBytes, phases: parseBuildLog(run.lines, run) };
}

async function benchCorpus(corpus: Corpus, runs: number, log: (line: string) => void): Promise<CorpusResult> {
  const measured: MeasuredRun[] = [];
  for (let i = 0; i < runs; i++) {
    for (const project of ['dispatch', 'baseline'] as const) measured.push(await measure(project, corpus, 'cold', log));
  }
  // Each warm round edits one more story, so every rebuild follows exactly one edit.
  const undo: (() => void)[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      undo.push(editOneArticle(corpus.dir, i));
      for (const project of ['dispatch', 'baseline'] as const) measured.push(await measure(project, corpus, 'warm', log));
    }
  } finally {
    for (const u of undo.reverse()) u();
  }
  const dispatch = summarise(measured, 'dispatch');
  const baseline = summarise(measured, 'baseline');
  return {
    name: corpus.name,
    articles: corpus.articles,
    description: corpus.description,
    runs: measured,
    summary: { dispatch, baseline },
    ratio: {
      wall: ratio(dispatch.coldWallMs, baseline.coldWallMs),
      cpu: ratio(dispatch.coldCpuMs, baseline.coldCpuMs),
      warm: ratio(dispatch.warmCpuMs, baseline.warmCpuMs),
    },
  };
}

/** Runs the build benchmark over every corpus; `log` gets progress lines. */
export async function benchBuild(options: BuildBenchOptions, log: (line: string) => void): Promise<CorpusResult[]> {
  const corpus = resolve(options.corpus);
  const results: CorpusResult[] = [];
  const corpora: (() => Corpus | Promise<Corpus>)[] = [
    ...(options.bbc ? [() => importBbc(corpus)] : []),
    ...options.sizes.map((n) => () => synthetic(corpus, n)),
  ];
  try {
    for (const prepare of corpora) {
      const c = await prepare();
      log(`${c.name}: ${c.articles} articles (${c.description})`);
      results.push(await benchCorpus(c, options.runs, log));
    }
  } finally {
    for (const dir of ['out', 'cache', 'corpora']) rmSync(join(TMP, dir), { recursive: true, force: true });
    rmSync(OUT_DIRS.baseline, { recursive: true, force: true });
  }
  return results;
}

/** The main table: cold medians (wall and CPU), ratios, memory and warm rebuilds (CPU) per corpus. */
export function buildTable(results: readonly CorpusResult[]): string {
  const rows: Cell[][] = results.map((r) => {
    const d = r.summary.dispatch;
    const b = r.summary.baseline;
    return [
      r.name, r.articles.toLocaleString('en'), `${d.pages ?? '?'}/${b.pages ?? '?'}`,
      seconds(d.coldWallMs), seconds(b.coldWallMs), times(r.ratio.wall),
      seconds(d.coldCpuMs), seconds(b.coldCpuMs), times(r.ratio.cpu),
      megabytes(d.peakRssBytes), megabytes(b.peakRssBytes),
      seconds(d.warmCpuMs), seconds(b.warmCpuMs), times(r.ratio.warm),
    ];
  });
  return formatTable(
    ['corpus', 'articles', 'pages D/B', 'wall D', 'wall B', 'ratio', 'CPU D', 'CPU B', 'CPU ratio', 'peak D', 'peak B', 'warm CPU D', 'warm CPU B', 'warm CPU ratio'],
    rows,
  );
}

/** How cost grows from the smallest to the largest synthetic corpus, in wall and CPU time per article. */
export function growthLine(results: readonly CorpusResult[]): string | undefined {
  const synthetic = results.filter((r) => r.name.startsWith('syn-')).sort((a, b) => a.articles - b.articles);
  const small = synthetic[0];
  const large = synthetic[synthetic.length - 1];
  if (!small || !large || small === large) return undefined;
  const figure = (p: Project, key: 'coldWallMs' | 'coldCpuMs') => {
    const perArticle = (r: CorpusResult) => (r.summary[p][key] / r.articles).toFixed(1);
    return `${times(ratio(large.summary[p][key], small.summary[p][key]))} (${perArticle(small)} → ${perArticle(large)} ms per article)`;
  };
  return [
    `Growth ${small.name} → ${large.name}, ${(large.articles / small.articles).toFixed(0)}× the articles:`,
    `  Dispatch wall ${figure('dispatch', 'coldWallMs')}, CPU ${figure('dispatch', 'coldCpuMs')}`,
    `  baseline wall ${figure('baseline', 'coldWallMs')}, CPU ${figure('baseline', 'coldCpuMs')}`,
  ].join('\n');
}

/**
 * Where the time goes: median CPU seconds of each phase over the cold runs,
 * Dispatch beside the baseline, per corpus. CPU time, because wall time on a
 * shared machine also counts other people's work; Dispatch's own steps
 * (wall ms, inside the pages phase) come last.
 */
export function breakdownTable(results: readonly CorpusResult[]): string {
  const names: string[] = [];
  for (const r of results) {
    for (const p of ['dispatch', 'baseline'] as const) {
      for (const name of Object.keys(r.summary[p].phases)) if (!names.includes(name)) names.push(name);
    }
  }
  // Phases in build order, each route under "pages and endpoints", Dispatch's own steps last.
  const pagesAt = PHASES.indexOf('pages and endpoints');
  const rank = (n: string) =>
    n.startsWith('dispatch:') ? PHASES.length : n.startsWith('  ') ? pagesAt + 0.5 : PHASES.indexOf(n as (typeof PHASES)[number]);
  const sorted = names.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map(({ n }) => n);
  const figure = (r: CorpusResult, p: Project, n: string) => {
    const span = r.summary[p].phases[n];
    return n.startsWith('dispatch:') ? span?.wallMs : span?.cpuMs;
  };
  const header = ['phase: CPU s (dispatch: steps wall s)', ...results.flatMap((r) => [`${r.name} D`, `${r.name} B`])];
  const rows = sorted
    .filter((n) => !n.startsWith('  ') || results.some((r) => (figure(r, 'dispatch', n) ?? 0) >= 100 || (figure(r, 'baseline', n) ?? 0) >= 100))
    .map((n) => [n, ...results.flatMap((r) => [seconds(figure(r, 'dispatch', n)), seconds(figure(r, 'baseline', n))])]);
  rows.push(['total CPU', ...results.flatMap((r) => [seconds(r.summary.dispatch.coldCpuMs), seconds(r.summary.baseline.coldCpuMs)])]);
  return formatTable(header, rows);
}
