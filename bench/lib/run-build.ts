/**
 * One timed `astro build` in a child process: wall time, CPU time, peak
 * memory and the full log (for the phase breakdown).
 *
 * Peak memory is measured two ways and the larger kept: GNU time's maximum
 * resident set (exact, but of the largest single process) and, every 100 ms,
 * the sum of the resident sets of the whole process tree from /proc (Vite
 * runs esbuild as a child process; sharp and Astro use threads, which share
 * the parent's figure).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withBuildLock, projectRoot } from '../../tests/helpers/build-site';

const GNU_TIME = '/usr/bin/time';

export interface BuildRequest {
  /** The Astro project (its root folder). */
  root: string;
  /** Output folder, inside `root` (see the README on output folders). */
  outDir: string;
  env: Record<string, string>;
}

export interface BuildRun {
  ok: boolean;
  wallMs: number;
  /** User + system CPU time of the build and its children; undefined without GNU time. */
  cpuMs?: number;
  /** Peak resident memory in bytes. */
  peakRssBytes: number;
  log: string;
}

/** Resident set of `pid` and its descendants, in bytes (0 once it has exited). */
function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : []) total += treeRss(Number(child));
    }
  } catch {
    // The process ended between two reads.
  }
  return total;
}

/**
 * Runs `astro build` for `request` once, taking turns with test builds of the
 * project (tests/helpers/build-site.ts). The output folder is emptied first,
 * outside the timing: Astro would otherwise spend the first seconds deleting
 * the previous run's pages.
 */
export function runAstroBuild(request: BuildRequest): Promise<BuildRun> {
  rmSync(request.outDir, { recursive: true, force: true });
  return withBuildLock(() => timedBuild(request));
}

function timedBuild({ root, outDir, env }: BuildRequest): Promise<BuildRun> {
  const timeFile = join(projectRoot, 'bench/.tmp', `time-${process.pid}.txt`);
  const astro = [join(projectRoot, 'node_modules/astro/astro.js'), 'build', '--root', root, '--outDir', outDir];
  const gnuTime = existsSync(GNU_TIME);
  const [command, args] = gnuTime
    ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, process.execPath, ...astro]]
    : [process.execPath, astro];
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let peakRssBytes = 0;
    const poll = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, treeRss(child.pid!))), 100);
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', (error) => {
      clearInterval(poll);
      fail(error);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      clearInterval(poll);
      let cpuMs: number | undefined;
      if (gnuTime && existsSync(timeFile)) {
        // The file ends with the format's line; a failing command adds one before it.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const [user, system, maxKb] = last.split(' ').map(Number);
        if (user !== undefined && system !== undefined && maxKb !== undefined && !Number.isNaN(maxKb)) {
          cpuMs = (user + system) * 1000;
          peakRssBytes = Math.max(peakRssBytes, maxKb * 1024);
        }
        rmSync(timeFile, { force: true });
      }
      done({ ok: code === 0, wallMs, cpuMs, peakRssBytes, log });
    });
  });
}
