/**
 * Results of the build's corpus-wide steps kept between builds: a step whose
 * inputs and code are the same as the last build's takes its result from the
 * build cache instead of computing it again (README: "Publishing fast").
 *
 * A result is keyed by a digest of the step's inputs, of the code that
 * computes it (the bundle file the step runs from, whose text names every
 * chunk it imports by a hash of that chunk's code) and of the lockfile (the
 * packages it imports). A missing, unreadable or malformed cache file, or one
 * with another key, means the step is computed, as in a first build; the file
 * is written under a temporary name and renamed, so a stopped build leaves
 * the last whole one.
 *
 * A step that can bring its last result up to date (the search index) names
 * its `settings`: when only the rest of its input changed and the settings
 * are the same, `compute` is handed the kept result to update; a kept result
 * that does not decode is said so in one line and not handed on. The
 * settings must name the code the update depends on (`sourceDigest`): the
 * bundle file changes with the content too (it names the content's chunks).
 *
 * `astro build --force` computes every step afresh. Only builds keep
 * results: `astro build` names the folder
 * (src/integrations/build-data.ts sets `DISPATCH_BUILD_CACHE`); the dev server
 * and tests that call the steps directly always compute.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable naming the build cache (Astro's `cacheDir`), set for builds only. */
export const BUILD_CACHE_ENV = 'DISPATCH_BUILD_CACHE';
/** The environment variable naming the related engine's worker module, set by builds (src/lib/related/worker.ts). */
export const RELATED_WORKER_ENV = 'DISPATCH_RELATED_WORKER';
/** The environment variable naming the search index's worker module, set by builds (src/lib/search/index-worker.ts). */
export const SEARCH_WORKER_ENV = 'DISPATCH_SEARCH_WORKER';

/** The build cache this build keeps results in; undefined outside `astro build`. */
export function buildCache(): string | undefined {
  return process.env[BUILD_CACHE_ENV] || undefined;
}

/** The folder of the kept results, where a codec may keep files of its own beside its step's; undefined outside `astro build`. */
export function stepsFolder(): string | undefined {
  const cache = buildCache();
  return cache && join(cache, 'steps');
}

export interface StepCodec<T> {
  /**
   * What to keep of `value`: data for JSON, or a Buffer kept as it is (a
   * large result that JSON would escape and parse slowly); undefined keeps
   * nothing (a result too large to be worth it).
   */
  encode(value: T): unknown;
  /** The value back from what `encode` gave (parsed from JSON, or the Buffer); throws when it is not that shape. */
  decode(kept: unknown): T;
}

const codeDigests = new Map<string, string>();

/** A digest of the module file at `moduleUrl` (the calling step's `import.meta.url`) and of the project's lockfile. */
function codeDigest(moduleUrl: string): string {
  let digest = codeDigests.get(moduleUrl);
  if (digest === undefined) {
    const hash = createHash('sha256');
    const file = moduleUrl.startsWith('file:') ? fileURLToPath(moduleUrl) : moduleUrl;
    hash.update(existsSync(file) ? readFileSync(file) : moduleUrl);
    const lockfile = join(process.cwd(), 'package-lock.json');
    if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
    codeDigests.set(moduleUrl, (digest = hash.digest('hex')));
  }
  return digest;
}

/**
 * A digest of the project's files at `paths` (relative to the project root;
 * a folder is read whole, in name order) and of its lockfile: the code a
 * step's `settings` name.
 */
export function sourceDigest(paths: readonly string[]): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    if (!existsSync(path)) hash.update(path).update('\0missing\0');
    else if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const path of [...paths, 'package-lock.json']) add(join(process.cwd(), path));
  return hash.digest('hex');
}

/**
 * The result of `step`: the kept one when the last build's key matches
 * (`inputs`, in parts, and the code at `moduleUrl`), else `compute()`'s,
 * which is kept for the next build. `inputs` is only called when there is a
 * folder to keep results in. Says in one line when a result is reused.
 * With `settings` (the part of the input an update cannot follow), a kept
 * result of the same code and settings is handed to `compute` to update.
 * Its lines go to `say` (a worker thread's are said by the build's thread).
 */
export function keptOrComputed<T>(
  step: string, moduleUrl: string, inputs: () => Iterable<string>, compute: (kept?: T) => T, codec: StepCodec<T>, settings?: string,
  say: (line: string) => void = console.info,
): T {
  const found = lookUp(step, moduleUrl, inputs, codec, settings, say);
  if ('value' in found) return found.value;
  const value = compute(found.previous);
  found.keep(value);
  return value;
}

/**
 * `keptOrComputed` for a step computed asynchronously (in a worker thread).
 * A step without `settings` never updates a kept result, so it is started
 * before its key is worked out (hashing every story's input takes a few
 * hundred milliseconds of this thread at 10,000 stories) and stopped through
 * `signal` if the kept result is taken instead.
 */
export async function keptOrComputedAsync<T>(
  step: string, moduleUrl: string, inputs: () => Iterable<string>, compute: (kept?: T, signal?: AbortSignal) => Promise<T>, codec: StepCodec<T>, settings?: string,
): Promise<T> {
  const abort = new AbortController();
  const early = settings === undefined && buildCache() ? compute(undefined, abort.signal) : undefined;
  // Its failure is reported where it is awaited below; a stopped one is never awaited.
  early?.catch(() => {});
  const found = lookUp(step, moduleUrl, inputs, codec, settings);
  if ('value' in found) {
    abort.abort();
    return found.value;
  }
  const value = await (early ?? compute(found.previous));
  found.keep(value);
  return value;
}

/** The kept result of `step` when its key matches; else the result to update (if any) and how to keep the new one. */
function lookUp<T>(
  step: string, moduleUrl: string, inputs: () => Iterable<string>, codec: StepCodec<T>, settings?: string, say: (line: string) => void = console.info,
): { value: T } | { previous?: T; keep: (value: T) => void } {
  const dir = stepsFolder();
  if (!dir) return { keep: () => {} };
  const base = settings === undefined ? undefined : createHash('sha256').update(settings).digest('hex');
  const hash = createHash('sha256').update(codeDigest(moduleUrl)).update('\0').update(settings ?? '');
  for (const part of inputs()) hash.update(`\0${part}`);
  const key = hash.digest('hex');
  const file = stepFile(dir, step);
  // `astro build --force` asks for everything afresh, as Astro's own caches do.
  const force = process.argv.includes('--force');
  let previous: T | undefined;
  try {
    const kept = readKept(file);
    if (!force && kept.key === key) {
      const value = codec.decode(kept.value());
      say(`[dispatch] ${step}: the same as the last build's, reused from the build cache`);
      return { value };
    }
    if (!force && settings !== undefined && kept.base === base) {
      try {
        previous = codec.decode(kept.value());
      } catch (error) {
        say(`[dispatch] ${step}: the last build's is damaged (${(error as Error).message}), computed whole`);
      }
    }
  } catch {
    // No kept result, or not a whole one: computed below.
  }
  const keep = (value: T) => {
    const kept = codec.encode(value);
    mkdirSync(dir, { recursive: true });
    if (kept === undefined) rmSync(file, { force: true });
    else {
      const bytes = Buffer.isBuffer(kept);
      // Header and value written one after the other: joining them first would copy a large value.
      const fd = openSync(`${file}.next`, 'w');
      try {
        writeFileSync(fd, `${JSON.stringify({ key, base, bytes })}\n`);
        writeFileSync(fd, bytes ? kept : JSON.stringify(kept));
      } finally {
        closeSync(fd);
      }
      renameSync(`${file}.next`, file);
    }
  };
  return previous === undefined ? { keep } : { previous, keep };
}

/** The file keeping `step`'s result in the steps folder `dir`. */
export const stepFile = (dir: string, step: string) => join(dir, `${step.replace(/[^a-z0-9]+/gi, '-')}.json`);

/**
 * A kept result's file: a line of JSON (its key, its settings' digest,
 * whether bytes follow), then the value, as JSON or as bytes, read only
 * when asked for.
 */
function readKept(file: string): { key?: unknown; base?: unknown; value: () => unknown } {
  const data = readFileSync(file);
  const end = data.indexOf(0x0a);
  if (end < 0) throw new Error('no header line');
  const { key, base, bytes } = JSON.parse(data.subarray(0, end).toString('utf8')) as { key?: unknown; base?: unknown; bytes?: unknown };
  const rest = data.subarray(end + 1);
  return { key, base, value: () => (bytes === true ? rest : JSON.parse(rest.toString('utf8'))) };
}
