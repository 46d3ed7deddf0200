/**
 * `npm run desk`: the publishing desk (README "Publishing fast"). It publishes
 * the site once, then watches the articles and publishes each change as it is
 * saved, until Ctrl+C.
 *
 * Each publish is the build `npm run build` runs, over the same site folder
 * and build cache, so it leaves the same files. What differs is where it runs:
 * in one builder process that stays up between publishes (a child of this
 * one), so a publish starts on warm code instead of starting Node, loading
 * Astro and compiling the project's code again. On a 10,000-story site that
 * start is about half of a one-story publish.
 *
 * - A change under `src/` or `public/`, to `astro.config.mjs` or to
 *   `package.json` or `package-lock.json` starts a new builder before the
 *   next publish, so no publish runs old code.
 * - The builder keeps some memory from each build. When its resident memory
 *   after a publish is more than twice what it was after its first
 *   (`DISPATCH_DESK_MEMORY_MB` sets a limit in MB instead), a new builder
 *   takes over, and publishes once as it starts.
 * - A build that stops (bad content, a failed publication check) leaves the
 *   site folder as it was; its lines say why. A new builder takes the next change.
 * - An archive above the size one build holds (README "Large archives") is
 *   published by `npm run build` in a process of its own each time.
 *
 * The arguments are `--outDir <dir>` (the site folder, `dist/` by default).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, watch } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { articleFiles } from '../src/lib/content/article-files.ts';
import { slicesAbove } from '../src/lib/content/large-archive.ts';

/** What the builder reports of a publish. */
type Report = { ok: true; rss: number } | { ok: false; message: string };

/** A change is published once no other has come for this long: an editor's save, or an import, arrives as several events. */
const QUIET_MS = 200;
/** What under the project, once changed, needs a new builder: the site's code, its static files, its configuration. */
const CODE = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json'];
/** Names editors and tools write beside a file while saving it, which change nothing published. */
const SCRATCH = /^[.#]|~$|\.(swp|swx|tmp|part|crdownload)$/;

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

if (args[0] === '--builder') {
  // The builder: one Astro build per message, in this process, reported back.
  const { build } = await import('astro');
  const outDir = args[1];
  let builds = 0;
  process.on('message', async () => {
    let report: Report;
    // Each build's bundle is a new module for Node (src/integrations/content-store-file.ts).
    process.env.DISPATCH_DESK_BUILD = String(++builds);
    try {
      await build(outDir ? { root, outDir } : { root });
      report = { ok: true, rss: process.memoryUsage().rss };
    } catch (error) {
      report = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    process.send!(report);
  });
  // The desk gone (stopped, or killed without a word): so is its builder.
  process.once('disconnect', () => process.exit(0));
  process.send!('ready');
} else {
  await desk();
}

async function desk(): Promise<void> {
  const outAt = args.findIndex((arg) => arg === '--outDir' || arg.startsWith('--outDir='));
  const outDir = outAt < 0 ? undefined : args[outAt]!.includes('=') ? args[outAt]!.split('=')[1] : args[outAt + 1];
  const contentDir = resolve(process.env.CONTENT_DIR ?? './content');
  if (!existsSync(contentDir)) {
    console.error(`[desk] the content folder ${contentDir} does not exist (CONTENT_DIR)`);
    process.exit(1);
  }
  const memoryLimit = Number(process.env.DISPATCH_DESK_MEMORY_MB) * 1e6 || undefined;

  let builder: { child: ChildProcess; ready: Promise<boolean>; firstRss?: number } | undefined;
  let changed: string[] = [];
  let codeChanged = false;
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  function startBuilder() {
    const child = fork(import.meta.filename, ['--builder', ...(outDir ? [resolve(outDir)] : [])], { cwd: root, stdio: 'inherit' });
    const ready = new Promise<boolean>((done) => {
      child.once('message', () => done(true));
      child.once('exit', () => done(false));
    });
    builder = { child, ready };
  }

  function stopBuilder() {
    builder?.child.kill();
    builder = undefined;
  }

  /** One build in the builder (started if there is none), or in a process of its own above the one-build limit. */
  async function build(): Promise<Report> {
    const stories = (await articleFiles(contentDir)).length;
    if (stories > slicesAbove(process.env.DISPATCH_SLICES_ABOVE)) {
      stopBuilder();
      const child = spawn(process.execPath, [join(root, 'scripts/build.ts'), ...args], { cwd: root, stdio: 'inherit' });
      const code = await new Promise<number | null>((done) => child.once('exit', done));
      return code === 0 ? { ok: true, rss: 0 } : { ok: false, message: `npm run build stopped (exit code ${code})` };
    }
    if (!builder) startBuilder();
    const { child, ready } = builder!;
    if (!(await ready)) return { ok: false, message: 'the builder stopped as it started' };
    return new Promise<Report>((done) => {
      const onExit = (code: number | null, signal: string | null) =>
        done({ ok: false, message: `the builder stopped during the build (${signal ?? `exit code ${code}`})` });
      child.once('exit', onExit);
      child.once('message', (report: Report) => {
        child.off('exit', onExit);
        done(report);
      });
      child.send('build');
    });
  }

  async function publish(): Promise<void> {
    if (running) return;
    running = true;
    const since = performance.now();
    const what = changed.length === 0 ? 'the site' : changed.length === 1 ? changed[0] : `${changed.length} changes`;
    changed = [];
    if (codeChanged) stopBuilder();
    codeChanged = false;
    const report = await build();
    const seconds = ((performance.now() - since) / 1000).toFixed(1);
    if (report.ok) {
      // A builder's first publish sets its measure; a later one past the limit renews it.
      const first = builder?.firstRss;
      if (builder) builder.firstRss ??= report.rss;
      const limit = memoryLimit ?? 2 * (first ?? Infinity);
      const renew = first !== undefined && report.rss > limit;
      // One write, so that whoever reads the desk's lines sees the new builder's publish coming with it.
      console.info(`[desk] published ${what} in ${seconds} s${renew ? `\n[desk] the builder holds ${Math.round(report.rss / 1e6)} MB (limit ${Math.round(limit / 1e6)} MB): a new one takes over and publishes as it starts` : ''}`);
      if (renew) {
        stopBuilder();
        changed.push('the site');
      }
    } else {
      console.error(`[desk] not published (${what}): ${report.message}`);
      console.error('[desk] the site folder is as it was; the next saved change is published');
      // A build that threw may leave Astro's state half-way: the next runs in a new builder.
      stopBuilder();
    }
    running = false;
    if (changed.length > 0 || codeChanged) schedule();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(publish, QUIET_MS);
  }

  function noticed(name: string, code: boolean) {
    if (SCRATCH.test(basename(name))) return;
    if (code) codeChanged = true;
    if (!changed.includes(name)) changed.push(name);
    if (!running) schedule();
  }

  watch(contentDir, { recursive: true }, (_event, file) => file && noticed(relative(root, join(contentDir, file)), false));
  for (const path of CODE.map((name) => join(root, name)).filter((path) => existsSync(path))) {
    const folder = statSync(path).isDirectory();
    watch(path, { recursive: folder }, (_event, file) => noticed(relative(root, folder && file ? join(path, file) : path), true));
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopBuilder();
      process.exit(0);
    });
  }
  console.info(`[desk] watching ${relative(root, contentDir) || contentDir}: every change is published as it is saved (Ctrl+C stops)`);
  await publish();
}
