/**
 * `npm run build:archive`: a large archive built in time slices (README
 * "Large archives", decision 013). The corpus index step reads every story
 * once and computes the corpus-wide parts; then each slice is an ordinary
 * `astro build` of its stories' pages, and one index part builds the front
 * page, listings, feeds, sitemaps and search; the parts are merged into one
 * site, checked, and swapped in whole: a failed part leaves the previous site
 * as it was.
 *
 *   npm run build:archive -- [--slice-size 10000] [--jobs 1] [--out dist] [--content <dir>]
 */
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { childProcessEnv, projectRoot } from '../harness/build-site';
import { buildCorpusIndex } from '../src/lib/archive/corpus-index';
import { mergeParts, swapIn } from '../src/lib/archive/merge';
import { planParts } from '../src/lib/archive/plan';
import { BodyTextCache } from '../src/lib/archive/text-cache';
import { BODY_CODE } from '../src/lib/content/body-texts';
import { sourceDigest } from '../src/lib/build/step-cache';
import { builtArticleUrls, publicationProblems } from '../src/lib/build/publication-check';
import { ContentError } from '../src/lib/content/content-error';
import { writeServerFiles } from '../src/integrations/server-files';
import { articleUrl } from '../src/lib/model/urls';
import { site } from '../src/site.config';

/** What a lane (the folder a part builds in) copies of the project; node_modules is linked. */
const PROJECT_FILES = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

export interface ArchiveOptions {
  contentDir: string;
  out: string;
  sliceSize: number;
  jobs: number;
  /** Scratch folder (corpus index, parts' output, caches); kept between builds for their caches. */
  workDir: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Builds the archive in slices into `options.out`; throws, leaving `out` as it was, when any step fails. */
export async function buildArchive(options: ArchiveOptions): Promise<void> {
  const started = performance.now();
  const { workDir, jobs } = options;
  const now = new Date(process.env.DISPATCH_NOW ?? Date.now());
  mkdirSync(workDir, { recursive: true });
  const files = { corpusIndex: join(workDir, 'corpus-index.json'), texts: join(workDir, 'texts.jsonl') };
  const textCache = new BodyTextCache(join(workDir, 'body-texts.jsonl'), sourceDigest(BODY_CODE));
  const index = await buildCorpusIndex(options.contentDir, files.texts, now, textCache);
  writeFileSync(files.corpusIndex, JSON.stringify(index));
  const parts = planParts(index, options.sliceSize, files);
  console.info(`[archive] corpus index: ${index.stories.length} published stories (${index.drafts} drafts, ${index.scheduled} scheduled left out) in ${seconds(performance.now() - started)}; ${parts.length - 1} slices of up to ${options.sliceSize}, ${jobs} at a time`);

  const outs = parts.map((part, k) => ({ part, dir: join(workDir, 'out', String(k)) }));
  const env = {
    ...childProcessEnv(),
    CONTENT_DIR: resolve(options.contentDir),
    DISPATCH_NOW: now.toISOString(),
  };
  // The index part first: it is the largest, so it should not be the one left running alone at the end.
  const queue = [outs.length - 1, ...outs.keys()].filter((k, i, all) => all.indexOf(k) === i);
  let failure: Error | undefined;
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, async (_, lane) => {
    const root = laneRoot(workDir, lane);
    while (queue.length > 0 && !failure) {
      const k = queue.shift()!;
      const { part, dir } = outs[k]!;
      const partFile = join(workDir, 'parts', `${k}.json`);
      mkdirSync(join(workDir, 'parts'), { recursive: true });
      writeFileSync(partFile, JSON.stringify(part));
      const partStarted = performance.now();
      const result = await runPart(root, dir, join(workDir, 'logs', `${k}.log`), {
        ...env,
        DISPATCH_ARCHIVE_PART: partFile,
        DISPATCH_CACHE_DIR: join(workDir, 'cache', part.kind === 'index' ? 'index' : `slice-${k}`),
      });
      if (!result.ok) {
        failure ??= new Error(`${part.name} failed (${result.exit}); nothing was published. The end of its log (${result.log}):\n${result.tail}`);
      } else console.info(`[archive] ${part.name}: built in ${seconds(performance.now() - partStarted)}`);
    }
  }));
  if (failure) throw failure;

  const staging = `${options.out}.archive-new`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const merged = mergeParts(outs, staging);
    const published = index.stories.map((s) => articleUrl(s.id));
    const problems = publicationProblems(published, builtArticleUrls(staging));
    if (problems.length > 0) {
      throw new Error(`publication check failed: the merged site does not hold every published article exactly once:\n  ${problems.join('\n  ')}`);
    }
    const compressed = await writeServerFiles(staging, join(workDir, 'cache', 'precompressed'));
    swapIn(staging, options.out);
    console.info(`[archive] ${merged.files} files merged (${merged.shared} assets built by more than one part, identical)${compressed ? `; ${compressed}` : ''}`);
    console.info(`[archive] ${published.length} published articles, each once as a page, a search record, a sitemap entry and a feed item; site in ${options.out}, built in ${seconds(performance.now() - started)}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * A folder to run one `astro build` in: a copy of the project's sources, with
 * its node_modules linked. Astro writes the collection's modules into
 * `<root>/.astro/`, so two builds at once need two roots.
 */
function laneRoot(workDir: string, lane: number): string {
  const root = join(workDir, 'lanes', String(lane));
  for (const name of PROJECT_FILES) {
    rmSync(join(root, name), { recursive: true, force: true });
    cpSync(join(projectRoot, name), join(root, name), { recursive: true });
  }
  if (!existsSync(join(root, 'node_modules'))) symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

interface PartResult {
  ok: boolean;
  exit: string;
  log: string;
  tail: string;
}

async function runPart(root: string, outDir: string, log: string, env: Record<string, string | undefined>): Promise<PartResult> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(log, '..'), { recursive: true });
  const file = createWriteStream(log);
  const child = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(file, { end: false });
  child.stderr.pipe(file, { end: false });
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  file.end();
  await once(file, 'finish');
  const tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-25).map((l) => `  ${l}`).join('\n');
  return { ok: code === 0, exit: signal ? `killed by ${signal}` : `exit code ${code}`, log, tail };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'slice-size': { type: 'string', default: '10000' },
      jobs: { type: 'string', default: '1' },
      out: { type: 'string', default: 'dist' },
      content: { type: 'string', default: site.contentDir },
      'work-dir': { type: 'string' },
    },
  });
  const number = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number, at least 1 (not "${text}")`);
    return n;
  };
  const contentDir = resolve(values.content);
  const key = createHash('sha1').update(contentDir).digest('hex').slice(0, 10);
  await buildArchive({
    contentDir,
    out: resolve(values.out),
    sliceSize: number('slice-size', values['slice-size']),
    jobs: number('jobs', values.jobs),
    workDir: resolve(values['work-dir'] ?? join(projectRoot, 'node_modules/.astro', `archive-${key}`)),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof ContentError || error instanceof Error ? `[archive] ${error.message}` : error);
    process.exit(1);
  });
}
