/**
 * The publishing desk (`npm run desk`, scripts/desk.ts) under the scale
 * benchmark: started on a built site, it is handed one change at a time and
 * timed from the change written to its "published" line. Its lines are
 * stamped like a build's (bench/lib/run-build.ts), with the CPU time of the
 * desk and its builder, so a publish is broken down into the same steps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../harness/build-site';
import type { LogLine } from './build-log';
import { processTreeStats, type BuildRun } from './run-build';

/** The desk's line that ends a publish, whichever way it went. */
const PUBLISHED = /^\[desk\] (published|not published)\b/;
/** The desk's line when a new builder takes over after a publish. */
const RENEWED = /^\[desk\] the builder holds .* a new one takes over/;

export interface DeskSession {
  /** Makes `change` and waits for the publish that follows it: its lines, wall and CPU time from the change on. */
  publish(change: () => void): Promise<BuildRun>;
  /** Largest resident memory of the desk and its builder so far. */
  peakRssBytes(): number;
  stop(): Promise<void>;
}

/** Starts the desk on `outDir` with `env` and waits for its first publish (the site as it is). */
export async function startDesk(outDir: string, env: Record<string, string>): Promise<DeskSession> {
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'scripts/desk.ts'), '--outDir', outDir], {
    cwd: projectRoot,
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines: LogLine[] = [];
  let start = performance.now();
  let cpuAtStart = 0;
  let peak = 0;
  let waiting: ((line: LogLine) => void) | undefined;
  let exited = false;
  const stats = () => {
    const tree = processTreeStats(child.pid!);
    peak = Math.max(peak, tree.rssBytes);
    return tree;
  };
  const poll = setInterval(stats, 250);
  const pending = { stdout: '', stderr: '' };
  const onData = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
    const complete = (pending[stream] + data.toString('utf8')).split('\n');
    pending[stream] = complete.pop() ?? '';
    if (complete.length === 0) return;
    const stamp = { wallMs: performance.now() - start, cpuMs: stats().cpuMs - cpuAtStart };
    for (const text of complete) {
      const line = { text, ...stamp };
      lines.push(line);
      if (PUBLISHED.test(text)) waiting?.(line);
    }
  };
  child.stdout!.on('data', onData('stdout'));
  child.stderr!.on('data', onData('stderr'));
  const ended = new Promise<void>((done) => child.once('exit', () => {
    exited = true;
    clearInterval(poll);
    done();
  }));

  const nextPublish = () => new Promise<LogLine>((done, fail) => {
    waiting = done;
    void ended.then(() => fail(new Error(`the desk stopped; its last lines:\n${lines.slice(-20).map((l) => l.text).join('\n')}`)));
  });

  await nextPublish();
  return {
    async publish(change) {
      lines = [];
      start = performance.now();
      cpuAtStart = stats().cpuMs;
      const published = nextPublish();
      change();
      const last = await published;
      const run = {
        // A builder that stopped (a new one took over) takes its CPU time out of the sum.
        ok: last.text.startsWith('[desk] published'), wallMs: last.wallMs, cpuMs: last.cpuMs !== undefined && last.cpuMs >= 0 ? last.cpuMs : undefined,
        peakRssBytes: peak, lines: [...lines], rssSamples: [],
      };
      // A new builder taking over publishes once as it starts: the next change waits for it, untimed.
      if (lines.some((line) => RENEWED.test(line.text))) await nextPublish();
      return run;
    },
    peakRssBytes: () => peak,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await ended;
    },
  };
}
