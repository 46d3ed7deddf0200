/**
 * The build benchmark: Dispatch's full build against the bare Astro baseline
 * (bench/baseline/), on the BBC corpus and on synthetic corpora, side by side
 * in the same run. Each corpus gets `runs` cold builds of each, alternating
 * (Dispatch, baseline, Dispatch, …) so both see the same machine noise, then
 * one warm rebuild of each after one article is edited.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importSources } from '../src/lib/import/import-sources';
import { findSection } from '../src/site.config';
import { projectRoot } from '../tests/helpers/build-site';
import { readBbcCorpus } from './lib/bbc';
import { parseBuildLog, type BuildPhases } from './lib/build-log';
import { runAstroBuild, type BuildRun } from './lib/run-build';
import { median, ratio } from './lib/stats';
import { writeSyntheticCorpus } from './lib/synthetic-corpus';
import { formatTable, megabytes, seconds, times, type Cell } from './lib/table';

const TMP = join(projectRoot, 'bench/.tmp');
const BASELINE_ROOT = join(projectRoot, 'bench/baseline');
/** After every corpus date, so every article is published. */
const NOW = '2026-01-01T00:00:00Z';

export const BUILD_TARGETS = { ratio: 1.3, peakRssBytes: 4 * 2 ** 30 };

export interface BuildBenchOptions {
  /** The BBC corpus folder (source of the import and of the synthetic corpora). */
  corpus: string;
  /** Synthetic corpus sizes. */
  sizes: number[];
  /** Cold builds of each project per corpus. */
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
  ratio: { wall: number; cpu: number; warm: number };
}

export interface ProjectSummary {
  pages?: number;
  coldWallMs: number;
  coldCpuMs: number;
  peakRssBytes: number;
  warmWallMs?: number;
  /** Median of each phase over the cold runs. */
  phases: Record<string, number>;
}

interface Corpus {
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
function synthetic(corpus: string, count: number): Corpus {
  const dir = join(TMP, `corpora/syn-${count}`);
  writeSyntheticCorpus(readBbcCorpus(corpus), dir, {
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

function buildOnce(project: Project, corpus: Corpus, cold: boolean): Promise<BuildRun> {
  if (project === 'dispatch') {
    const cacheDir = join(TMP, 'cache', corpus.name);
    if (cold) rmSync(cacheDir, { recursive: true, force: true });
    return runAstroBuild({
      root: projectRoot,
      outDir: join(TMP, 'out/dispatch'),
      env: { CONTENT_DIR: corpus.dir, DISPATCH_CACHE_DIR: cacheDir, DISPATCH_NOW: NOW, DISPATCH_PROFILE: '1' },
    });
  }
  // The baseline's cacheDir is its own .cache folder (bench/baseline/astro.config.mjs).
  if (cold) rmSync(join(BASELINE_ROOT, '.cache'), { recursive: true, force: true });
  return runAstroBuild({ root: BASELINE_ROOT, outDir: join(BASELINE_ROOT, 'dist'), env: { CONTENT_DIR: corpus.dir } });
}

/** Phases of one run as flat named figures (ms), for medians and the breakdown table. */
export function phaseFigures(run: { wallMs: number; phases: BuildPhases }): Record<string, number> {
  const p = run.phases;
  const figures: Record<string, number> = {};
  const known = [p.syncMs, p.serverBundleMs, p.clientBundleMs, p.routesMs, p.imagesMs];
  if (p.syncMs !== undefined) figures['content sync (load + render Markdown)'] = p.syncMs;
  if (p.serverBundleMs !== undefined) figures['server bundle (vite)'] = p.serverBundleMs;
  if (p.clientBundleMs !== undefined) figures['client bundle (vite)'] = p.clientBundleMs;
  for (const r of p.routes) figures[`  ${r.route.replace(/^src\/pages\//, '')}`] = r.ms;
  if (p.routesMs !== undefined) figures['pages and endpoints'] = p.routesMs;
  if (p.imagesMs !== undefined) figures['images'] = p.imagesMs;
  if (p.totalMs !== undefined) {
    figures['rest (output, hooks, sitemap)'] = p.totalMs - known.reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
    figures['node start and config'] = run.wallMs - p.totalMs;
  }
  for (const [step, ms] of Object.entries(p.profile)) figures[`dispatch: ${step}`] = ms;
  return figures;
}

function summarise(runs: MeasuredRun[], project: Project): ProjectSummary {
  const cold = runs.filter((r) => r.project === project && r.kind === 'cold');
  const warm = runs.find((r) => r.project === project && r.kind === 'warm');
  const figures = cold.map(phaseFigures);
  const names = [...new Set(figures.flatMap((f) => Object.keys(f)))];
  return {
    pages: cold[0]?.phases.pages,
    coldWallMs: median(cold.map((r) => r.wallMs)),
    coldCpuMs: median(cold.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]))),
    peakRssBytes: Math.max(...cold.map((r) => r.peakRssBytes), warm?.peakRssBytes ?? 0),
    warmWallMs: warm?.wallMs,
    phases: Object.fromEntries(names.map((n) => [n, median(figures.flatMap((f) => (n in f ? [f[n]!] : [])))])),
  };
}

/** Appends a paragraph to one article (the middle one by file name); returns how to undo it. */
function editOneArticle(dir: string): () => void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const file = join(dir, files[files.length >> 1]!);
  const original = readFileSync(file);
  writeFileSync(file, `${original.toString('utf8').trimEnd()}\n\nThis paragraph was added by the warm-rebuild benchmark.\n`);
  return () => writeFileSync(file, original);
}

async function measure(project: Project, corpus: Corpus, kind: 'cold' | 'warm', log: (line: string) => void): Promise<MeasuredRun> {
  const run = await buildOnce(project, corpus, kind === 'cold');
  if (!run.ok) {
    const logFile = join(TMP, `failed-${project}-${corpus.name}.log`);
    writeFileSync(logFile, run.log);
    throw new Error(`the ${project} build of ${corpus.name} failed; its log is in ${logFile}:\n${run.log.slice(-3000)}`);
  }
  log(`  ${corpus.name} ${project} ${kind}: ${seconds(run.wallMs)}, CPU ${seconds(run.cpuMs)}, peak ${megabytes(run.peakRssBytes)}`);
  return { project, kind, wallMs: run.wallMs, cpuMs: run.cpuMs, peakRssBytes: run.peakRssBytes, phases: parseBuildLog(run.log) };
}

async function benchCorpus(corpus: Corpus, runs: number, log: (line: string) => void): Promise<CorpusResult> {
  const measured: MeasuredRun[] = [];
  for (let i = 0; i < runs; i++) {
    for (const project of ['dispatch', 'baseline'] as const) measured.push(await measure(project, corpus, 'cold', log));
  }
  const undo = editOneArticle(corpus.dir);
  try {
    for (const project of ['dispatch', 'baseline'] as const) measured.push(await measure(project, corpus, 'warm', log));
  } finally {
    undo();
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
      warm: ratio(dispatch.warmWallMs, baseline.warmWallMs),
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
    rmSync(join(BASELINE_ROOT, 'dist'), { recursive: true, force: true });
  }
  return results;
}

/** The main table: cold medians, ratios, memory and warm rebuilds per corpus. */
export function buildTable(results: readonly CorpusResult[]): string {
  const rows: Cell[][] = results.map((r) => {
    const d = r.summary.dispatch;
    const b = r.summary.baseline;
    return [
      r.name, r.articles.toLocaleString('en'), `${d.pages ?? '?'}/${b.pages ?? '?'}`,
      seconds(d.coldWallMs), seconds(b.coldWallMs), times(r.ratio.wall), times(r.ratio.cpu),
      megabytes(d.peakRssBytes), megabytes(b.peakRssBytes),
      seconds(d.warmWallMs), seconds(b.warmWallMs), times(r.ratio.warm),
    ];
  });
  return formatTable(
    ['corpus', 'articles', 'pages D/B', 'Dispatch', 'baseline', 'ratio', 'CPU ratio', 'peak D', 'peak B', 'warm D', 'warm B', 'warm ratio'],
    rows,
  );
}

/** How cost grows from the smallest to the largest synthetic corpus. */
export function growthLine(results: readonly CorpusResult[]): string | undefined {
  const synthetic = results.filter((r) => r.name.startsWith('syn-')).sort((a, b) => a.articles - b.articles);
  const small = synthetic[0];
  const large = synthetic[synthetic.length - 1];
  if (!small || !large || small === large) return undefined;
  const perArticle = (r: CorpusResult, p: Project) => r.summary[p].coldWallMs / r.articles;
  const growth = (p: Project) => ratio(large.summary[p].coldWallMs, small.summary[p].coldWallMs);
  return (
    `Growth ${small.name} → ${large.name} (${(large.articles / small.articles).toFixed(0)}× the articles): ` +
    `Dispatch ${times(growth('dispatch'))} the time (${perArticle(small, 'dispatch').toFixed(1)} → ${perArticle(large, 'dispatch').toFixed(1)} ms per article), ` +
    `baseline ${times(growth('baseline'))} (${perArticle(small, 'baseline').toFixed(1)} → ${perArticle(large, 'baseline').toFixed(1)} ms per article)`
  );
}

/** Where the time goes: median phases of the cold builds, Dispatch beside the baseline, per corpus. */
export function breakdownTable(results: readonly CorpusResult[]): string {
  const names: string[] = [];
  for (const r of results) {
    for (const p of ['dispatch', 'baseline'] as const) {
      for (const name of Object.keys(r.summary[p].phases)) if (!names.includes(name)) names.push(name);
    }
  }
  // Astro's phases in build order, each route under "pages and endpoints", Dispatch's own steps last.
  const rank = (n: string) =>
    ['node start', 'content sync', 'server bundle', 'client bundle', 'pages and endpoints', '  ', 'images', 'rest', 'dispatch:']
      .findIndex((prefix) => n.startsWith(prefix));
  const sorted = names.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map(({ n }) => n);
  const header = ['phase (median of cold runs)', ...results.flatMap((r) => [`${r.name} D`, `${r.name} B`])];
  const rows = sorted
    .filter((n) => results.some((r) => (r.summary.dispatch.phases[n] ?? 0) >= 50 || (r.summary.baseline.phases[n] ?? 0) >= 50))
    .map((n) => [n, ...results.flatMap((r) => [seconds(r.summary.dispatch.phases[n]), seconds(r.summary.baseline.phases[n])])]);
  return formatTable(header, rows);
}
