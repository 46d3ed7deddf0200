/**
 * One timed `astro build` in a child process: wall time, CPU time, peak
 * memory, and the log with every line stamped with the wall and CPU time of
 * the moment it arrived (for the phase breakdown, bench/lib/build-log.ts).
 *
 * CPU time and memory are read from /proc for the whole process tree (Vite
 * runs esbuild as a child process; sharp and Astro use threads, which count
 * in their process). Memory is sampled every 100 ms and also taken from GNU
 * time's exact peak of the largest process when /usr/bin/time exists; the
 * larger of the two is kept.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { astroCli, projectRoot, withBuildLock } from '../../harness/build-site';
import type { LogLine } from './build-log';

const GNU_TIME = '/usr/bin/time';
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;
const HAS_PROC = existsSync('/proc/self/stat');

export interface BuildRequest {
  /** The Astro project (its root folder); the build runs there. */
  root: string;
  /** Output folder, inside `root` (see the README on output folders). */
  outDir: string;
  env: Record<string, string>;
  /** What Node runs instead of `astro build --root <root> --outDir <outDir>` (the archive build's driver). */
  command?: string[];
}

export interface BuildRun {
  ok: boolean;
  wallMs: number;
  /** User + system CPU time of the build and its children. */
  cpuMs?: number;
  /** Peak resident memory in bytes. */
  peakRssBytes: number;
  lines: LogLine[];
  /** Resident memory of the process tree once a second (wall ms since the start, bytes). */
  rssSamples: RssSample[];
}

export interface RssSample {
  wallMs: number;
  rssBytes: number;
}

interface TreeStats {
  rssBytes: number;
  cpuMs: number;
}

/** Resident memory and CPU time so far of `pid` and its descendants (zeros once it has exited). */
export function processTreeStats(pid: number): TreeStats {
  const stats: TreeStats = { rssBytes: 0, cpuMs: 0 };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    stats.rssBytes += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    // Fields after the command name: state is 3rd; utime, stime, cutime, cstime are 14th to 17th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)\s/s, '').split(' ');
    stats.cpuMs += fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) * TICK_MS;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : []) {
        const sub = processTreeStats(Number(child));
        stats.rssBytes += sub.rssBytes;
        stats.cpuMs += sub.cpuMs;
      }
    }
  } catch {
    // The process ended between two reads.
  }
  return stats;
}

/**
 * Runs `astro build` for `request` once, taking turns with test builds of the
 * project (harness/build-site.ts). The output folder is emptied first,
 * outside the timing: Astro would otherwise spend the first seconds deleting
 * the previous run's pages. `keepOutDir` builds over the previous site
 * instead, as `npm run build` does (Astro empties it inside the timing).
 */
export function runAstroBuild(request: BuildRequest, options: { keepOutDir?: boolean } = {}): Promise<BuildRun> {
  if (!options.keepOutDir) rmSync(request.outDir, { recursive: true, force: true });
  return withBuildLock(() => timedBuild(request));
}

/** One timed run of `request`, without the build lock (callers hold it). */
export function timedBuild({ root, outDir, env, command: script }: BuildRequest): Promise<BuildRun> {
  mkdirSync(join(projectRoot, 'bench/.tmp'), { recursive: true });
  const timeFile = join(projectRoot, 'bench/.tmp', `time-${process.pid}.txt`);
  const astro = script ?? [astroCli, 'build', '--root', root, '--outDir', outDir];
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
    const lines: LogLine[] = [];
    let peakRssBytes = 0;
    let lastCpuMs = 0;
    const rssSamples: RssSample[] = [];
    const sample = () => {
      if (!HAS_PROC) return undefined;
      const stats = processTreeStats(child.pid!);
      peakRssBytes = Math.max(peakRssBytes, stats.rssBytes);
      const wallMs = performance.now() - start;
      if (stats.rssBytes > 0 && wallMs - (rssSamples.at(-1)?.wallMs ?? -Infinity) >= 1000) rssSamples.push({ wallMs, rssBytes: stats.rssBytes });
      // Children that exit take their CPU time out of the sum until they are waited for.
      lastCpuMs = Math.max(lastCpuMs, stats.cpuMs);
      return lastCpuMs;
    };
    const poll = setInterval(sample, 100);
    let pending = { stdout: '', stderr: '' };
    const onData = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
      const text = pending[stream] + data.toString('utf8');
      const complete = text.split('\n');
      pending = { ...pending, [stream]: complete.pop() ?? '' };
      if (complete.length === 0) return;
      const stamp = { wallMs: performance.now() - start, cpuMs: sample() };
      for (const line of complete) lines.push({ text: line, ...stamp });
    };
    child.stdout.on('data', onData('stdout'));
    child.stderr.on('data', onData('stderr'));
    child.on('error', (error) => {
      clearInterval(poll);
      fail(error);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      clearInterval(poll);
      for (const rest of [pending.stdout, pending.stderr]) if (rest) lines.push({ text: rest, wallMs, cpuMs: HAS_PROC ? lastCpuMs : undefined });
      let cpuMs = HAS_PROC ? lastCpuMs : undefined;
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
      done({ ok: code === 0, wallMs, cpuMs, peakRssBytes, lines, rssSamples });
    });
  });
}
