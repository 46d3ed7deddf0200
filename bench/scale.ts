/**
 * The scale benchmark (issue 16): cold builds of large synthetic corpora,
 * Dispatch beside the bare Astro baseline, one build at a time; then the
 * publishing operations on the smallest built site (add a story, edit one
 * story's body, delete the story), each a build over the previous site with
 * a warm cache, timed for both projects, with what each build rewrote; then
 * the same operations through the publishing desk (`npm run desk`), which
 * publishes each change from a builder process that stays up.
 *
 * A build that dies (out of heap) is a result, reported as a row.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { buildOnce, dispatchEnv, editOneArticle, OUT_DIRS, synthetic, type Corpus, type Project } from './build';
import { startDesk } from './lib/desk-session';
import { parseBuildLog, PHASES, type Phase } from './lib/build-log';
import { timedBuild, type BuildRun, type RssSample } from './lib/run-build';
import { projectRoot, withBuildLock } from '../harness/build-site';
import { median, ratio } from './lib/stats';
import { formatTable, megabytes, seconds, times, type Cell } from './lib/table';

/** Dispatch's build time: after the last story of the largest corpus (12 a day from 2015). */
const NOW = '2050-01-01T00:00:00Z';
const PROJECTS: readonly Project[] = ['dispatch', 'baseline'];
/** What a cold build builds: one of the projects, or Dispatch in time slices (`npm run build:archive`). */
export type ScaleProject = Project | 'sliced';
/** What publishes a change: a build of one of the projects, or Dispatch's publishing desk. */
export type Publisher = Project | 'desk';
const NAMES: Record<ScaleProject | Publisher, string> = { dispatch: 'Dispatch', baseline: 'baseline', sliced: 'Dispatch sliced', desk: 'Dispatch desk' };

export const SCALE_TARGETS = {
  /** Peak resident memory of Dispatch's build at 100k stories. */
  peakRssBytes: 8 * 2 ** 30,
  /** CPU per article at the largest size against the smallest. */
  growth: 1.25,
  /** Wall time of adding or editing one story on the built site. */
  publishWallMs: 10_000,
};

export interface ColdBuild {
  project: ScaleProject;
  corpus: string;
  articles: number;
  ok: boolean;
  /** Why the build died ("out of heap", or its first error line). */
  failure?: string;
  wallMs: number;
  cpuMs?: number;
  peakRssBytes: number;
  pages?: number;
  /** Largest resident memory seen in each phase, in build order. */
  phasePeaks: PhasePeak[];
}

export interface PhasePeak {
  phase: Phase;
  /** When the phase began (its first occurrence), wall ms since the build started. */
  startMs: number;
  peakRssBytes: number;
}

export type Operation = 'add' | 'edit' | 'delete';
const OPERATIONS: Record<Operation, string> = { add: 'add one story', edit: "edit one story's body", delete: 'delete one story' };

/** What a build did to the site folder. */
export interface SiteChange {
  /** Files in the site after the build. */
  files: number;
  /** Files the build wrote (modified since it started), changed or not. */
  written: number;
  /** Files whose bytes differ from before, new files included. */
  changed: number;
  /** Files the build removed. */
  removed: number;
}

export interface PublishRun extends SiteChange {
  project: Publisher;
  operation: Operation;
  ok: boolean;
  wallMs: number;
  cpuMs?: number;
  /** Dispatch's account of what it rendered and why, and what it changed in the site folder. */
  rebuilt: string[];
  /** Where the build's time went, step by step (wall and CPU ms). */
  steps: { step: string; wallMs: number; cpuMs?: number }[];
}

/** Lines that close a step of the build after its images, in the order the integrations run. */
const AFTER_PAGES: [RegExp, string][] = [
  [/\[@astrojs\/sitemap\]/, 'sitemap'],
  [/\[dispatch:publication-check\]/, 'search files, pruning, publication check'],
  [/\[dispatch:server-files\]/, 'server files + precompression'],
  [/\[dispatch:incremental-publish\].*files written/, 'site folder sync'],
];

/**
 * Where a build's time went: Astro's phases (bench/lib/build-log.ts), the
 * corpus-wide steps inside the pages phase (DISPATCH_PROFILE), and the
 * integrations after the images, each from the log line that ends it.
 */
export function buildSteps(run: BuildRun): PublishRun['steps'] {
  const phases = parseBuildLog(run.lines, run);
  const steps: PublishRun['steps'] = [];
  const phase = (name: Phase, as: string = name) => {
    const span = phases.phases[name];
    if (span) steps.push({ step: as, ...span });
  };
  phase('node start and config', 'start and config');
  phase('content sync (read + render Markdown)', 'content sync');
  phase('server bundle (vite)', 'server bundle');
  phase('client bundle (vite)', 'client bundle');
  phase('pages and endpoints', 'pages (getStaticPaths, corpus, rendering)');
  for (const [step, ms] of Object.entries(phases.profile)) steps.push({ step: `  of which ${step}`, wallMs: ms });
  phase('images');
  const text = (l: { text: string }) => l.text.replace(/\u001b\[[0-9;]*m/g, '');
  let from = run.lines.findLast((l) => /\[build\] ✓ Completed in/.test(text(l)));
  for (const [re, step] of AFTER_PAGES) {
    const to = run.lines.find((l) => re.test(text(l)));
    if (!from || !to) continue;
    steps.push({ step, wallMs: to.wallMs - from.wallMs, ...(to.cpuMs !== undefined && from.cpuMs !== undefined && { cpuMs: to.cpuMs - from.cpuMs }) });
    from = to;
  }
  return steps;
}

/** One line: each step's wall time, and its CPU time when known. */
export function stepsLine(steps: PublishRun['steps']): string {
  return steps.map((s) => `${s.step.trim()} ${seconds(s.wallMs)}${s.cpuMs === undefined ? '' : ` (CPU ${seconds(s.cpuMs)})`}`).join(', ');
}

export interface PublishSummary extends SiteChange {
  project: Publisher;
  operation: Operation;
  runs: number;
  wallMs: number;
  cpuMs: number;
  /** Median of each step of the build (Dispatch only). */
  steps: PublishRun['steps'];
}

export interface ScaleResult {
  cold: ColdBuild[];
  publishCorpus?: string;
  publish: PublishSummary[];
}

/**
 * Why a build died, from its log: "out of heap" for V8's fatal allocation
 * failure, "string too long" when one string (Astro's single-file content
 * store) would pass V8's limit of 2^29 - 24 characters.
 */
export function failureReason(lines: readonly { text: string }[], exitOk: boolean): string | undefined {
  if (exitOk) return undefined;
  if (lines.some((l) => /heap out of memory|Allocation failed|Reached heap limit/i.test(l.text))) return 'out of heap';
  if (lines.some((l) => /RangeError: Invalid string length|Cannot create a string longer/.test(l.text))) return 'string too long';
  const error = lines.find((l) => /error/i.test(l.text));
  return error ? error.text.trim().slice(0, 120) : 'failed';
}

/**
 * The largest resident memory in each phase, from once-a-second samples and
 * the phases' starting times; a phase that occurs more than once (Astro's
 * hooks between the others) takes the largest of its occurrences.
 */
export function phasePeaks(starts: readonly { phase: Phase; wallMs: number }[], samples: readonly RssSample[]): PhasePeak[] {
  const peaks = new Map<Phase, PhasePeak>();
  starts.forEach(({ phase, wallMs }, i) => {
    const end = starts[i + 1]?.wallMs ?? Number.POSITIVE_INFINITY;
    const within = samples.filter((s) => s.wallMs >= wallMs && s.wallMs < end).map((s) => s.rssBytes);
    const peak = peaks.get(phase) ?? { phase, startMs: wallMs, peakRssBytes: 0 };
    peaks.set(phase, { ...peak, peakRssBytes: Math.max(peak.peakRssBytes, ...within) });
  });
  return [...peaks.values()];
}

interface FileState {
  mtimeMs: number;
  digest: string;
}

/** Every file of a site folder with its modification time and a digest of its bytes. */
export function siteFiles(dir: string): Map<string, FileState> {
  const files = new Map<string, FileState>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), {
      mtimeMs: statSync(path).mtimeMs,
      digest: createHash('sha1').update(readFileSync(path)).digest('hex'),
    });
  }
  return files;
}

/** What a build that started at `sinceMs` (epoch ms) did, from the site's files before and after. */
export function siteChange(before: ReadonlyMap<string, FileState>, after: ReadonlyMap<string, FileState>, sinceMs: number): SiteChange {
  let written = 0;
  let changed = 0;
  for (const [path, state] of after) {
    if (state.mtimeMs >= sinceMs) written++;
    if (before.get(path)?.digest !== state.digest) changed++;
  }
  const removed = [...before.keys()].filter((path) => !after.has(path)).length;
  return { files: after.size, written, changed, removed };
}

function coldBuild(project: ScaleProject, corpus: Corpus, run: BuildRun): ColdBuild {
  const phases = parseBuildLog(run.lines, run);
  return {
    project, corpus: corpus.name, articles: corpus.articles, ok: run.ok, failure: failureReason(run.lines, run.ok),
    wallMs: run.wallMs, cpuMs: run.cpuMs, peakRssBytes: run.peakRssBytes, pages: phases.pages,
    phasePeaks: phasePeaks(phases.starts, run.rssSamples),
  };
}

function saveFailedLog(project: ScaleProject, corpus: Corpus, run: BuildRun): string {
  const file = join(projectRoot, 'bench/.tmp', `failed-${project}-${corpus.name}.log`);
  writeFileSync(file, run.lines.map((l) => `${(l.wallMs / 1000).toFixed(1)} s  ${l.text}`).join('\n'));
  return file;
}

/** A breaking story: the newest story's fields under a new headline, an hour later, as its own file. */
const BREAKING_FILE = 'zz-breaking.md';
function breakingStory(dir: string): { file: string; text: string } {
  const newest = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== BREAKING_FILE).sort().at(-1)!;
  const [, yaml, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(join(dir, newest), 'utf8'))!;
  const fields = parse(yaml!) as Record<string, unknown>;
  const date = new Date(new Date(String(fields.date)).getTime() + 3_600_000);
  const story = { ...fields, title: `Breaking: ${String(fields.title)}`, date: date.toISOString().replace('.000Z', '+00:00') };
  return { file: join(dir, BREAKING_FILE), text: `---\n${stringify(story, { lineWidth: 0 })}---\n${body}` };
}

/** One change published by `project` (`publish` makes the change, then builds or waits for the desk), with what it did to the site. */
async function publishOnce(project: Publisher, corpus: Corpus, operation: Operation, publish: () => Promise<BuildRun>): Promise<PublishRun> {
  const outDir = OUT_DIRS[project === 'desk' ? 'dispatch' : project];
  const before = siteFiles(outDir);
  const since = Date.now();
  const run = await publish();
  if (!run.ok) throw new Error(`${NAMES[project]}: publishing after "${OPERATIONS[operation]}" failed; its log is in ${saveFailedLog(project === 'desk' ? 'dispatch' : project, corpus, run)}`);
  // File times have whole-millisecond (or coarser) resolution: a file written in the build's first moment still counts.
  const change = siteChange(before, siteFiles(outDir), since - 1000);
  const rebuilt = run.lines.map((l) => l.text).filter((t) => /\[dispatch:incremental-publish\]|\[progress\] built in/.test(t)).map((t) => t.replace(/^.*?\] /, ''));
  return { project, operation, ok: run.ok, wallMs: run.wallMs, cpuMs: run.cpuMs, ...change, rebuilt, steps: project === 'baseline' ? [] : buildSteps(run) };
}

/**
 * `runs` rounds of add, edit and delete on the built `corpus`, each change
 * followed by a build of each project, so every build sees exactly one change
 * and each round ends where it began (but for the edited story, put back at the end).
 * With Dispatch among them, the desk then publishes `runs` rounds of its own on Dispatch's site.
 */
async function benchPublish(corpus: Corpus, runs: number, projects: readonly Project[], log: (line: string) => void): Promise<PublishSummary[]> {
  const measured: PublishRun[] = [];
  const report = (run: PublishRun) => {
    log(`  ${corpus.name} ${NAMES[run.project]} ${OPERATIONS[run.operation]}: ${seconds(run.wallMs)}, CPU ${seconds(run.cpuMs)}; wrote ${run.written.toLocaleString('en')} of ${run.files.toLocaleString('en')} files, ${run.changed} changed, ${run.removed} removed`);
    for (const line of run.rebuilt) log(`      ${line}`);
    if (run.steps.length > 0) log(`      where the time went: ${stepsLine(run.steps)}`);
    measured.push(run);
  };
  const measure = async (operation: Operation) => {
    for (const project of projects) {
      report(await publishOnce(project, corpus, operation, () => buildOnce(project, corpus, false, { now: NOW, keepOutDir: true })));
    }
  };
  const story = breakingStory(corpus.dir);
  let undoEdit: (() => void) | undefined;
  const change: Record<Operation, () => void> = {
    add: () => writeFileSync(story.file, story.text),
    edit: () => {
      const undo = editOneArticle(corpus.dir);
      undoEdit ??= undo;
    },
    delete: () => rmSync(story.file),
  };
  try {
    // A reused site from a stopped run may still hold the breaking story: taking it out is a delete.
    if (existsSync(story.file)) {
      change.delete();
      await measure('delete');
    }
    for (let round = 0; round < runs; round++) {
      for (const operation of Object.keys(OPERATIONS) as Operation[]) {
        change[operation]();
        await measure(operation);
      }
    }
    if (projects.includes('dispatch')) {
      await withBuildLock(async () => {
        const desk = await startDesk(OUT_DIRS.dispatch, dispatchEnv(corpus, NOW));
        try {
          for (let round = 0; round < runs; round++) {
            for (const operation of Object.keys(OPERATIONS) as Operation[]) {
              report(await publishOnce('desk', corpus, operation, () => desk.publish(change[operation])));
            }
          }
          log(`  ${corpus.name} Dispatch desk: largest memory of the desk and its builder ${megabytes(desk.peakRssBytes())}`);
        } finally {
          await desk.stop();
        }
      });
    }
  } finally {
    rmSync(story.file, { force: true });
    undoEdit?.();
  }
  const publishers: Publisher[] = projects.includes('dispatch') ? [...projects, 'desk'] : [...projects];
  return publishers.flatMap((project) =>
    (Object.keys(OPERATIONS) as Operation[]).map((operation) => {
      const runsOf = measured.filter((r) => r.project === project && r.operation === operation);
      const mid = (key: keyof SiteChange) => median(runsOf.map((r) => r[key]));
      return {
        project, operation, runs: runsOf.length,
        wallMs: median(runsOf.map((r) => r.wallMs)),
        cpuMs: median(runsOf.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]))),
        files: mid('files'), written: mid('written'), changed: mid('changed'), removed: mid('removed'),
        steps: (runsOf[0]?.steps ?? []).map(({ step }) => {
          const of = runsOf.flatMap((r) => r.steps.filter((s) => s.step === step));
          const cpu = of.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
          return { step, wallMs: median(of.map((s) => s.wallMs)), ...(cpu.length > 0 && { cpuMs: median(cpu) }) };
        }),
      };
    }),
  );
}

export interface ScaleOptions {
  /** The BBC corpus folder, source of the synthetic stories. */
  corpus: string;
  sizes: number[];
  /** Rounds of the publishing operations. */
  runs: number;
  /** What to build cold at each size (default Dispatch and the baseline). */
  projects?: readonly ScaleProject[];
  /** The sliced build's slice size and parallel builds. */
  sliceSize?: number;
  jobs?: number;
  /** Keep the smallest corpus and its built sites and caches afterwards, for `reuse`. */
  keep?: boolean;
  /** Publish on the smallest corpus's sites left by an earlier run (`keep`, or a stopped one) instead of generating and building them cold. */
  reuse?: boolean;
}

const SLICED_OUT = join(projectRoot, 'bench/.tmp/out/sliced');

/** Dispatch built in time slices by `npm run build:archive`, cold (its work folder emptied first). */
function slicedBuild(corpus: Corpus, sliceSize: number, jobs: number): Promise<BuildRun> {
  const workDir = join(projectRoot, 'bench/.tmp/archive', corpus.name);
  rmSync(workDir, { recursive: true, force: true });
  rmSync(SLICED_OUT, { recursive: true, force: true });
  const driver = [join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), join(projectRoot, 'scripts/build-archive.ts'),
    '--content', corpus.dir, '--out', SLICED_OUT, '--work-dir', workDir, '--slice-size', String(sliceSize), '--jobs', String(jobs)];
  return withBuildLock(() => timedBuild({ root: projectRoot, outDir: SLICED_OUT, env: { DISPATCH_NOW: NOW }, command: driver }));
}

/** Runs the scale benchmark; `log` gets a line per build. */
export async function benchScale(options: ScaleOptions, log: (line: string) => void): Promise<ScaleResult> {
  const source = resolve(options.corpus);
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const result: ScaleResult = { cold: [], publish: [] };
  const written: Corpus[] = [];
  const projects = options.projects ?? PROJECTS;
  /** The projects built one at a time, which the publishing operations run on (not the sliced build). */
  const publishing = projects.filter((p): p is Project => p !== 'sliced');
  try {
    for (const [i, size] of sizes.entries()) {
      const reused = i === 0 && options.reuse === true && publishing.length > 0 && existsSync(synthetic(source, size, false).dir) && publishing.every((p) => existsSync(OUT_DIRS[p]));
      const corpus = synthetic(source, size, !reused);
      if (!options.keep || i > 0) written.push(corpus);
      log(`${corpus.name}: ${corpus.articles} articles (${corpus.description})${reused ? '; reusing the corpus and the sites an earlier run built' : ''}`);
      if (reused) {
        result.publishCorpus = corpus.name;
        result.publish = await benchPublish(corpus, options.runs, publishing, log);
        continue;
      }
      for (const project of projects) {
        const run = project === 'sliced'
          ? await slicedBuild(corpus, options.sliceSize ?? 10_000, options.jobs ?? 1)
          : await buildOnce(project, corpus, true, { now: NOW });
        const cold = coldBuild(project, corpus, run);
        result.cold.push(cold);
        log(`  ${corpus.name} ${project} cold: ${cold.ok ? 'built' : `DIED (${cold.failure}; log in ${saveFailedLog(project, corpus, run)})`}`
          + ` after ${seconds(run.wallMs)}, CPU ${seconds(run.cpuMs)}, peak ${megabytes(run.peakRssBytes)}`);
      }
      // The smallest corpus's sites stay built for the publishing operations.
      if (i === 0 && publishing.length > 0 && result.cold.every((c) => c.ok)) {
        result.publishCorpus = corpus.name;
        result.publish = await benchPublish(corpus, options.runs, publishing, log);
      }
      if (!options.keep || i > 0) rmSync(corpus.dir, { recursive: true, force: true });
    }
  } finally {
    for (const dir of [...written.flatMap((c) => [c.dir, join(projectRoot, 'bench/.tmp/cache', c.name), join(projectRoot, 'bench/.tmp/archive', c.name)]), ...(options.keep ? [] : Object.values(OUT_DIRS)), SLICED_OUT]) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return result;
}

/** One row per cold build: how it ended, time, memory and cost per article. */
export function coldTable(cold: readonly ColdBuild[]): string {
  const rows: Cell[][] = cold.map((c) => [
    c.corpus, c.articles.toLocaleString('en'), NAMES[c.project], c.ok ? 'built' : `died: ${c.failure}`,
    c.pages?.toLocaleString('en') ?? '–', seconds(c.wallMs), seconds(c.cpuMs), megabytes(c.peakRssBytes),
    c.ok ? (c.wallMs / c.articles).toFixed(1) : '–', c.ok && c.cpuMs !== undefined ? (c.cpuMs / c.articles).toFixed(1) : '–',
  ]);
  return formatTable(['corpus', 'articles', 'project', 'result', 'pages', 'wall', 'CPU', 'peak', 'wall ms/article', 'CPU ms/article'], rows);
}

/** Peak memory of each phase (in build order; the hooks between phases and after the pages as "rest"), one column per cold build. */
export function phaseTable(cold: readonly ColdBuild[]): string {
  const phases = PHASES.filter((phase) => cold.some((c) => c.phasePeaks.some((p) => p.phase === phase)));
  const header = ['phase: peak memory (started at)', ...cold.map((c) => `${c.corpus} ${({ dispatch: 'D', baseline: 'B', sliced: 'S' } as const)[c.project]}`)];
  const rows = phases.map((phase) => [
    phase,
    ...cold.map((c) => {
      const peak = c.phasePeaks.find((p) => p.phase === phase);
      return peak ? `${megabytes(peak.peakRssBytes)} (${seconds(peak.startMs)})` : '–';
    }),
  ]);
  return formatTable(header, rows);
}

/** The publishing operations, Dispatch beside the baseline. */
export function publishTable(publish: readonly PublishSummary[]): string {
  const rows: Cell[][] = publish.map((p) => [
    OPERATIONS[p.operation], NAMES[p.project], seconds(p.wallMs), seconds(p.cpuMs),
    `${p.written.toLocaleString('en')} of ${p.files.toLocaleString('en')}`, p.changed.toLocaleString('en'), p.removed.toLocaleString('en'),
  ]);
  return formatTable(['operation', 'project', 'wall', 'CPU', 'files written', 'changed', 'removed'], rows);
}

/** Where Dispatch's publishing builds spend their time: median wall and CPU of each step, one column per operation. */
export function publishStepsTable(publish: readonly PublishSummary[]): string {
  const ops = publish.filter((p) => p.project !== 'baseline' && p.steps.length > 0);
  const steps = [...new Set(ops.flatMap((p) => p.steps.map((s) => s.step)))];
  const rows: Cell[][] = steps.map((step) => [step, ...ops.map((p) => {
    const s = p.steps.find((x) => x.step === step);
    return s ? `${seconds(s.wallMs)}${s.cpuMs === undefined ? '' : ` (${seconds(s.cpuMs)})`}` : '–';
  })]);
  return formatTable(['step: wall (CPU)', ...ops.map((p) => `${OPERATIONS[p.operation]}${p.project === 'desk' ? ' (desk)' : ''}`)], rows);
}

/** Targets met or missed, one line each. */
export function scaleVerdicts(result: ScaleResult): string[] {
  const lines: string[] = [];
  for (const project of ['dispatch', 'sliced'] as const) lines.push(...coldVerdicts(result.cold.filter((c) => c.project === project)));
  for (const p of result.publish.filter((s) => s.project !== 'baseline' && s.operation !== 'delete')) {
    lines.push(`${p.wallMs <= SCALE_TARGETS.publishWallMs ? 'met ' : 'MISS'}  ${OPERATIONS[p.operation]} on ${result.publishCorpus}: ${NAMES[p.project]} ${seconds(p.wallMs)} wall (target ≤ ${seconds(SCALE_TARGETS.publishWallMs)})`);
  }
  return lines;
}

/** The memory and growth targets for one way of building Dispatch. */
function coldVerdicts(builds: readonly ColdBuild[]): string[] {
  const lines: string[] = [];
  const verdict = (ok: boolean, text: string) => lines.push(`${ok ? 'met ' : 'MISS'}  ${text}`);
  const dispatch = [...builds].sort((a, b) => a.articles - b.articles);
  for (const c of dispatch) {
    const peak = `peak ${megabytes(c.peakRssBytes)} (target ≤ ${megabytes(SCALE_TARGETS.peakRssBytes)})`;
    verdict(c.ok && c.peakRssBytes <= SCALE_TARGETS.peakRssBytes, `${c.corpus}: ${NAMES[c.project]} ${c.ok ? 'builds' : `dies (${c.failure}) after ${seconds(c.wallMs)}`}, ${peak}`);
  }
  const [small, large] = [dispatch[0], dispatch.at(-1)];
  if (small && large && small !== large) {
    const perArticle = (c: ColdBuild) => (c.cpuMs ?? Number.NaN) / c.articles;
    const growth = ratio(perArticle(large), perArticle(small));
    verdict(large.ok && growth <= SCALE_TARGETS.growth, large.ok
      ? `${NAMES[large.project]} CPU per article ${small.corpus} → ${large.corpus}: ${times(growth)} (target ≤ ${times(SCALE_TARGETS.growth)})`
      : `${NAMES[large.project]} CPU per article ${small.corpus} → ${large.corpus}: ${large.corpus} did not build (target ≤ ${times(SCALE_TARGETS.growth)})`);
  }
  return lines;
}
