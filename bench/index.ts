/**
 * `npm run bench -- [command] [options]`: Dispatch's benchmarks, one entry point
 * (every one of them when no command is given).
 * Prints tables with ratios and writes the figures as JSON to bench/results/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, projectRoot, sampleSiteEnv } from '../harness/build-site';
import { BUILD_TARGETS, benchBuild, breakdownTable, buildTable, growthLine, type CorpusResult } from './build';
import { benchLighthouse, failingAudits, lighthouseTable } from './lighthouse';
import { scriptLines, weighSite, weightTable, weightVerdicts } from './weight';
import { megabytes, times } from './lib/table';
import { benchDir, ensureBenchTools } from './lib/tools';
import { benchScale, coldTable, phaseTable, publishStepsTable, publishTable, scaleVerdicts, type ScaleOptions, type ScaleProject } from './scale';
import { benchLoad, benchPrecompress, loadTable, loadVerdicts, precompressTable } from './serve';

const USAGE = `Usage: npm run bench -- [command] [options]

Commands (default: all):
  build        build time: Dispatch against the bare Astro baseline (bench/baseline),
               cold (median of --runs) and warm, on the BBC corpus and synthetic corpora
  weight       bytes a reader downloads for the front page, an article and search
  lighthouse   Lighthouse scores, LCP, CLS and TBT of the same three pages
  related      the related-stories benchmark (bench/related.ts)
  search       the search benchmark (bench/search.ts)
  serve        precompression's build-time cost, and nginx with the generated config
               under load on loopback (--duration s each), against on-the-fly gzip
  scale        cold builds of large synthetic corpora (--sizes, default 10000,40000,100000)
               for Dispatch and the baseline, one each, with memory per phase; then on the
               smallest built site, --runs rounds (default 5) of add, edit and delete one
               story, each followed by a build of both projects. --projects
               dispatch,baseline,sliced picks what is built (sliced: npm run build:archive
               with --slice-size, default 10000, and --jobs, default 1; the publishing
               operations run on the others). --keep keeps the smallest corpus and its
               built sites, --reuse publishes on them instead of building them cold again
  all          every one of the above but scale (hours at its default sizes)

Options:
  --corpus <dir>   the BBC corpus folder (build, related, search, scale; required for them)
  --sizes <list>   synthetic corpus sizes for build (default 1000,5000,10000) and scale
  --runs <n>       cold builds of each project per corpus (default 3); Lighthouse runs per page (default 3);
                   rounds of scale's publishing operations (default 5)
  --no-bbc         build: leave out the imported BBC corpus
  --site <dir>     weight, lighthouse, serve: an already built site (default: build content/)
  --duration <s>   serve: seconds of load per server (default 30)
  --help           this text

Figures go to bench/results/<command>.json.`;

const RESULTS = join(projectRoot, 'bench/results');

function machine() {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).stdout.trim();
  return {
    date: new Date().toISOString(),
    commit: commit || undefined,
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function save(name: string, figures: unknown, startLoad: number[]): void {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.json`);
  const meta = machine();
  writeFileSync(file, `${JSON.stringify({ ...meta, loadAverageAtStart: startLoad, loadAverageAtEnd: meta.loadAverage, figures }, null, 2)}\n`);
  console.log(`\nFigures written to ${file}`);
}

const loadLine = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`;

async function build(options: { corpus?: string; sizes: number[]; runs: number; bbc: boolean }): Promise<void> {
  if (!options.corpus) throw new UsageError('build needs --corpus <BBC corpus folder>');
  const startLoad = loadavg();
  console.log(`Build benchmark: ${options.runs} cold builds of each project per corpus, alternating; ${loadLine()}`);
  const results = await benchBuild({ ...options, corpus: options.corpus }, (line) => console.log(line));
  console.log(`\nBuild time, cold: median of ${options.runs} (D = Dispatch, B = bare Astro baseline; peak = largest resident memory of the build)`);
  console.log(buildTable(results));
  const growth = growthLine(results);
  if (growth) console.log(growth);
  console.log(`\nWhere the time goes (median of the cold runs; "dispatch:" steps run inside the pages phase)`);
  console.log(breakdownTable(results));
  console.log('');
  for (const line of buildVerdicts(results)) console.log(line);
  console.log(`Finished with ${loadLine()}`);
  save('build', results, startLoad);
}

function buildVerdicts(results: readonly CorpusResult[]): string[] {
  const lines: string[] = [];
  const verdict = (ok: boolean, text: string) => lines.push(`${ok ? 'met ' : 'MISS'}  ${text}`);
  for (const r of results) {
    if (r.name === 'bbc' || r.articles >= 10_000) {
      for (const [kind, value] of [['wall', r.ratio.wall], ['CPU', r.ratio.cpu]] as const) {
        verdict(value <= BUILD_TARGETS.ratio, `${r.name}: Dispatch / baseline, ${kind} time ${times(value)} (target ≤ ${times(BUILD_TARGETS.ratio)})`);
      }
      if (Number.isFinite(r.ratio.warm)) {
        verdict(r.ratio.warm <= BUILD_TARGETS.warm, `${r.name}: Dispatch / baseline, warm rebuild after one edit, CPU time ${times(r.ratio.warm)} (target ≤ ${times(BUILD_TARGETS.warm)})`);
      }
    }
    if (r.articles >= 10_000) {
      const peak = r.summary.dispatch.peakRssBytes;
      verdict(peak <= BUILD_TARGETS.peakRssBytes, `${r.name}: peak memory ${megabytes(peak)} (target ≤ ${megabytes(BUILD_TARGETS.peakRssBytes)})`);
    }
  }
  const synthetic = results.filter((r) => r.name.startsWith('syn-')).sort((a, b) => a.articles - b.articles);
  const [small, large] = [synthetic[0], synthetic[synthetic.length - 1]];
  if (small && large && small !== large) {
    // Near-linear: the CPU cost of one article at the largest size within BUILD_TARGETS.growth of that at the smallest.
    const perArticle = (r: CorpusResult) => r.summary.dispatch.coldCpuMs / r.articles;
    const growth = perArticle(large) / perArticle(small);
    verdict(growth <= BUILD_TARGETS.growth, `Dispatch CPU per article ${small.name} → ${large.name}: ${times(growth)} (near-linear: ≤ ${times(BUILD_TARGETS.growth)})`);
  }
  return lines;
}

let builtSample: Promise<string> | undefined;

/** The sample site (content/), built into bench/.tmp once per run unless `--site` names one. */
function sampleSite(site: string | undefined): Promise<string> {
  if (site) return Promise.resolve(resolve(site));
  builtSample ??= buildSample();
  return builtSample;
}

async function buildSample(): Promise<string> {
  const outDir = join(projectRoot, 'bench/.tmp/sample-site');
  console.log('Building the sample site (content/)…');
  const result = await buildSite(join(projectRoot, 'content'), { outDir, env: sampleSiteEnv });
  if (!result.ok) throw new Error(`the sample site did not build:\n${result.output}`);
  return outDir;
}

async function weight(site: string | undefined): Promise<void> {
  const startLoad = loadavg();
  const dir = await sampleSite(site);
  const pages = weighSite(dir);
  console.log('\nPage weight before any interaction (gzip as a host sends it; eager images: the candidate a 1280 px wide, DPR 1 viewport picks, counted apart)');
  console.log(weightTable(pages));
  for (const page of pages) {
    if (page.js.length > 0) console.log(`\nJavaScript of ${page.name} ${page.path} before any interaction:\n${scriptLines(page).join('\n')}`);
  }
  console.log('');
  for (const line of weightVerdicts(pages)) console.log(line);
  save('weight', pages, startLoad);
}

async function lighthouseCommand(site: string | undefined, runs: number): Promise<void> {
  ensureBenchTools();
  const startLoad = loadavg();
  const dir = await sampleSite(site);
  const [front, article, search] = weighSite(dir);
  const pages = [front!, article!, search!].map(({ name, path }) => ({ name, path }));
  console.log(`\nLighthouse ${lighthouseVersion()} (mobile preset: simulated slow 4G, 4× CPU slowdown), ${runs} runs per page, served gzipped on loopback; ${loadLine()}`);
  const results = await benchLighthouse(dir, pages, runs, (line) => console.log(line));
  console.log(`\nLighthouse, median of ${runs} runs`);
  console.log(lighthouseTable(results));
  const failing = failingAudits(results);
  console.log(failing.length === 0 ? 'No audit cost a point.' : `Audits short of full marks (a category still shows 100 when they are close):\n${failing.map((l) => `  ${l}`).join('\n')}`);
  save('lighthouse', results, startLoad);
}

async function serve(site: string | undefined, runs: number, seconds: number): Promise<void> {
  ensureBenchTools();
  const startLoad = loadavg();
  const dir = await sampleSite(site);
  console.log(`\nPrecompression (.br and .gz beside every text file), median of ${runs} runs over ${dir}; ${loadLine()}`);
  const precompress = await benchPrecompress(dir, runs);
  console.log(precompressTable(precompress));
  console.log(`\nLoad on loopback: nginx with the generated config (${seconds} s each, 10 connections); ${loadLine()}`);
  const load = await benchLoad(dir, seconds, (line) => console.log(line));
  console.log(loadTable(load));
  console.log('');
  for (const line of loadVerdicts(load)) console.log(line);
  console.log(`Finished with ${loadLine()}`);
  save('serve', { precompress, load }, startLoad);
}

/** `--projects dispatch,baseline,sliced`: what scale builds cold at each size. */
function scaleProjects(list: string): ScaleProject[] {
  const known: ScaleProject[] = ['dispatch', 'baseline', 'sliced'];
  const projects = list.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = projects.filter((p) => !known.includes(p as ScaleProject));
  if (unknown.length > 0) throw new UsageError(`--projects: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return projects as ScaleProject[];
}

async function scale(options: ScaleOptions): Promise<void> {
  if (!options.corpus) throw new UsageError('scale needs --corpus <BBC corpus folder>');
  const startLoad = loadavg();
  console.log(`Scale benchmark: cold builds of ${options.sizes.join(', ')} synthetic stories, one of each project per size, one at a time; ${options.runs} round${options.runs === 1 ? '' : 's'} of publishing; ${loadLine()}`);
  const result = await benchScale({ ...options, corpus: options.corpus }, (line) => console.log(line));
  console.log(`\nCold builds (D = Dispatch, B = bare Astro baseline; peak = largest resident memory of the build's processes)`);
  console.log(coldTable(result.cold));
  console.log(`\nPeak memory by phase (sampled once a second; the phase's start in brackets)`);
  console.log(phaseTable(result.cold));
  if (result.publishCorpus) {
    console.log(`\nPublishing on the built ${result.publishCorpus} site, median of ${options.runs}: each change, then a build of each project over its previous site with a warm cache (Dispatch: incremental, README "Publishing fast"); then the same changes published by the desk (npm run desk), from the change written to its "published" line`);
    console.log(publishTable(result.publish));
    console.log(`\nWhere Dispatch's publishing builds spend their time (median of ${options.runs}; 'of which' lines are the corpus-wide steps begun in the pages phase, the search index's thread running beside the pages; the desk's start is its wait for quiet and Astro's start)`);
    console.log(publishStepsTable(result.publish));
  }
  console.log('');
  for (const line of scaleVerdicts(result)) console.log(line);
  console.log(`Finished with ${loadLine()}`);
  save('scale', result, startLoad);
}

function lighthouseVersion(): string {
  return (createRequire(join(benchDir, 'package.json'))('lighthouse/package.json') as { version: string }).version;
}

/** Runs another benchmark script of bench/ with the same options, if this checkout has it. */
function delegate(script: string, args: string[]): void {
  const file = join(projectRoot, 'bench', script);
  if (!existsSync(file)) {
    console.log(`bench/${script} is not in this checkout; skipped.`);
    return;
  }
  const result = spawnSync(join(projectRoot, 'node_modules/.bin/tsx'), [file, ...args], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`bench/${script} failed (exit ${result.status})`);
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      projects: { type: 'string', default: 'dispatch,baseline' },
      'slice-size': { type: 'string', default: '10000' },
      jobs: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      'no-bbc': { type: 'boolean', default: false },
      site: { type: 'string' },
      duration: { type: 'string', default: '30' },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0] ?? 'all';
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = Number(values.runs ?? (command === 'scale' ? 5 : 3));
  const sizes = (values.sizes ?? (command === 'scale' ? '10000,40000,100000' : '1000,5000,10000')).split(',').filter(Boolean).map(Number);
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError('--runs and --sizes take whole numbers');
  const corpusArgs = values.corpus ? ['--corpus', values.corpus] : [];
  const commands: Record<string, () => Promise<void> | void> = {
    build: () => build({ corpus: values.corpus, sizes, runs, bbc: !values['no-bbc'] }),
    weight: () => weight(values.site),
    lighthouse: () => lighthouseCommand(values.site, runs),
    related: () => delegate('related.ts', corpusArgs),
    search: () => delegate('search.ts', corpusArgs),
    serve: () => serve(values.site, runs, Number(values.duration)),
    scale: () => scale({ corpus: values.corpus ?? '', sizes, runs, projects: scaleProjects(values.projects), sliceSize: Number(values['slice-size']), jobs: Number(values.jobs), keep: values.keep, reuse: values.reuse }),
  };
  const chosen = command === 'all' ? Object.keys(commands).filter((name) => name !== 'scale') : [command];
  for (const name of chosen) {
    const run = commands[name];
    if (!run) throw new UsageError(`unknown command "${name}"`);
    if (command === 'all') console.log(`\n=== ${name} ===`);
    await run();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
