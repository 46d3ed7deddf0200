// harness/: what tests, benchmarks and scripts share: site builds under one lock, static and real web servers, Chromium, page loading.
/**
 * Builds a content folder into a static site with the real Astro build, the
 * way `CONTENT_DIR=<folder> npm run build` does, and reports what happened.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { lock } from 'proper-lockfile';
import { basename, join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '..');

/** Astro's command-line entry point, run with this process's Node. */
export const astroCli = join(projectRoot, 'node_modules/astro/bin/astro.mjs');

/**
 * Build cache for the sample site (content/): the repository's own content,
 * like `npm run build`'s, so its processed images are kept between test runs
 * and screenshot runs instead of being redrawn each time.
 */
export const sampleSiteEnv = { DISPATCH_CACHE_DIR: join(projectRoot, 'node_modules/.astro/test-sample-site') };

export interface BuildOptions {
  outDir?: string;
  env?: Record<string, string>;
  /** Keep Astro's log (builds are `--silent` otherwise: errors only). */
  log?: boolean;
}

export interface BuildResult {
  ok: boolean;
  outDir: string;
  /** stdout and stderr together, in order. */
  output: string;
}

/**
 * Runs `astro build` for `contentDir` into `outDir` (a new folder under
 * tests/.tmp by default), one build at a time across all test workers: every
 * Astro build of this project writes the content collection's modules to the
 * same `<root>/.astro/` folder (and builds into folders outside the project
 * use it for their server half), so two builds at once can read each other's
 * files. Tests that do not build still run in parallel.
 */
export async function buildSite(
  contentDir: string,
  options: BuildOptions = {},
): Promise<BuildResult> {
  return withBuildLock(() => runBuild(contentDir, options));
}

/**
 * Runs `work` (an Astro build of this project) while no other build of the
 * project runs: test workers and benchmarks take turns through one lock file.
 */
export async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const release = await acquireBuildLock();
  try {
    return await work();
  } finally {
    await release();
  }
}

/** Waits for the build lock (see `withBuildLock`) and returns its release. */
export async function acquireBuildLock(): Promise<() => Promise<void>> {
  const lockFile = join(projectRoot, 'tests/.tmp/build.lock');
  mkdirSync(join(projectRoot, 'tests/.tmp'), { recursive: true });
  writeFileSync(lockFile, '');
  return lock(lockFile, { retries: { retries: 10_000, minTimeout: 50, maxTimeout: 250 }, stale: 120_000 });
}

/**
 * The environment for an Astro child process. Vitest exports DEV, PROD, MODE
 * and its own flags; a child must not inherit them, or Vite would build in
 * development mode.
 */
export function childProcessEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DEV|PROD|MODE|SSR|BASE_URL|TEST|VITEST.*)$/.test(k)));
}

function runBuild(contentDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const sites = join(projectRoot, 'tests/.tmp/sites');
  mkdirSync(sites, { recursive: true });
  const outDir = options.outDir ?? mkdtempSync(join(sites, 'site-'));
  return runNode([astroCli, 'build', '--outDir', outDir, ...(options.log ? [] : ['--silent'])], {
    // Throwaway content gets a throwaway cache, wiped with tests/.tmp at the start of each run.
    DISPATCH_CACHE_DIR: join(projectRoot, 'tests/.tmp/cache', basename(outDir)),
    CONTENT_DIR: resolve(contentDir),
    DISPATCH_NOW: '2026-01-01T00:00:00Z', ...options.env, NODE_ENV: 'production',
  }).then((run) => ({ ...run, outDir }));
}

/**
 * Runs `args` with this process's Node in the project folder, with
 * `childProcessEnv()` and `env`: whether it succeeded, and its stdout and
 * stderr together, in order.
 */
export function runNode(args: string[], env: Record<string, string | undefined>): Promise<{ ok: boolean; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...childProcessEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => done({ ok: code === 0, output }));
  });
}
