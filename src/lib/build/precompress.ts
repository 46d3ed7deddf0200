/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the built site,
 * for servers that send a precompressed copy instead of compressing every
 * response (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`).
 * Netlify and Cloudflare Pages compress on their own and ignore the copies.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { COPY_ENDING, lookAt, makeNew, placeLinked, removeFile, sameFile, walkFiles, type Looks } from './sync-site.ts';

export { COPY_ENDING };

/** Text files worth compressing, by ending. */
const TEXT = /\.(html|css|js|mjs|json|xml|svg|txt|webmanifest)$/;
/** Below this size a compressed copy saves less than a network packet's headers. */
const MIN_BYTES = 256;
/** gzip's level: 9 makes the site's HTML and JSON smaller than 6 by a few bytes a file, at the same speed. */
const GZIP_LEVEL = 9;

export interface PrecompressResult {
  files: number;
  /** Of those, files whose copies came from the cache (unchanged since the last build). */
  reused: number;
  /** Of those, files whose copies were begun ahead (`compressAhead`) and taken. */
  ahead: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
  /** The files whose copies were left as the last run placed them (with the cache). */
  kept: Set<string>;
}

/** The compressed copies of one file's content: `undefined` where the copy would not be smaller. */
interface Copies {
  br?: Buffer;
  gz?: Buffer;
}

/**
 * Compressed with zlib's synchronous calls: its asynchronous ones cost a
 * third more CPU for a site's thousands of small files (a stream and a
 * hand-off each), and the build's CPU time is what counts on a shared
 * machine. Many files are spread over worker threads (`compressAll`), each
 * compressing synchronously, so a publish's new pages use every core.
 */
function compress(data: Buffer, brotliQuality: number): Copies {
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  const gz = gzipSync(data, { level: GZIP_LEVEL });
  return { ...(br.length < data.length && { br }), ...(gz.length < data.length && { gz }) };
}

/**
 * The same work as `compress`, in a worker thread: it is handed a file's path
 * (or the bytes the file is to hold) and answers with its copies and the
 * content key of those bytes (`CopyCache.key`).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { brotliCompressSync, constants, gzipSync } = require('node:zlib');
parentPort.on('message', ({ id, file, bytes, stop }) => {
  if (stop) return parentPort.close();
  try {
    const data = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : readFileSync(file);
    const key = createHash('sha256').update(data).update('q' + workerData.brotliQuality).digest('hex');
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: workerData.brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    const gz = gzipSync(data, { level: ${GZIP_LEVEL} });
    parentPort.postMessage({ id, key, br: br.length < data.length ? br : undefined, gz: gz.length < data.length ? gz : undefined });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

/** A worker's answer: a file's copies and the content key of the bytes they were made from. */
interface Answer {
  id: number;
  key?: string;
  br?: Uint8Array;
  gz?: Uint8Array;
  error?: string;
}

/**
 * A worker thread running `WORKER`. `stop` asks it to end once it has
 * answered every file sent before, and settles when it has. It is never
 * terminated from outside: Node 24 aborts the whole process (`close before
 * init`) when a worker is stopped inside a zlib call, as `terminate()`,
 * or the process's exit with the worker busy, can do.
 */
function compressor(brotliQuality: number): { worker: Worker; stop: () => Promise<void> } {
  const worker = new Worker(WORKER, { eval: true, workerData: { brotliQuality } });
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    worker,
    stop: () => {
      // An unreferenced worker is waited for once asked to stop.
      worker.ref();
      worker.postMessage({ stop: true });
      return ended;
    },
  };
}

const copiesOf = ({ br, gz }: Answer): Copies => ({
  ...(br && { br: Buffer.from(br.buffer, br.byteOffset, br.byteLength) }),
  ...(gz && { gz: Buffer.from(gz.buffer, gz.byteOffset, gz.byteLength) }),
});

/** Below this many bytes to compress, starting worker threads costs more than it saves. */
const PARALLEL_BYTES = 1 << 20;

/**
 * The copies of each of `files`, handed to `done` as each is ready (in no set
 * order): in this thread for a few files, else across one worker thread per
 * core (at most four).
 */
async function compressAll(files: readonly { file: string; size: number }[], brotliQuality: number, done: (index: number, copies: Copies) => void): Promise<void> {
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const threads = Math.min(4, availableParallelism(), Math.ceil(files.length / 8));
  if (bytes < PARALLEL_BYTES || threads < 2) {
    files.forEach(({ file }, i) => done(i, compress(readFileSync(file), brotliQuality)));
    return;
  }
  let next = 0;
  const run = (worker: Worker) => new Promise<void>((resolve, reject) => {
    const send = () => {
      if (next >= files.length) return resolve();
      const id = next++;
      worker.postMessage({ id, file: files[id]!.file });
    };
    worker.on('message', (answer: Answer) => {
      if (answer.error !== undefined) return reject(new Error(`${files[answer.id]!.file}: ${answer.error}`));
      done(answer.id, copiesOf(answer));
      send();
    });
    worker.on('error', reject);
    send();
  });
  const workers = Array.from({ length: threads }, () => compressor(brotliQuality));
  try {
    await Promise.all(workers.map(({ worker }) => run(worker)));
  } finally {
    await Promise.all(workers.map(({ stop }) => stop()));
  }
}

/**
 * Copies begun ahead of `precompressSite` (`compressAhead`), by file: each
 * settles with the copies and the content key of the bytes they were made
 * from, or `undefined` when the file could not be read.
 */
const ahead = new Map<string, Promise<{ key: string; copies: Copies } | undefined>>();
/** The worker making them, and what waits for its answers, by the number of the file asked for. */
let aheadWorker: { worker: Worker; stop: () => Promise<void>; waiting: Map<number, (answer: Answer | undefined) => void>; next: number; bytes: number } | undefined;
/** Whether a `precompressSite` of this process will take what is begun ahead (`openAhead`). */
let aheadOpen = false;
/**
 * At most this many bytes are begun ahead: about what one core compresses
 * before `precompressSite` runs. A build that renders more (a first build)
 * leaves the rest to `precompressSite`, which spreads it over every core.
 */
const AHEAD_BYTES = 24 << 20;

/**
 * Lets `compressAhead` begin copies in this process, for a build that ends
 * with `precompressSite` (not an archive part's, whose site is compressed
 * once merged, by another process).
 */
export function openAhead(): void {
  aheadOpen = true;
}

/**
 * Starts compressing `files` (absolute paths, each final for this build:
 * pages Astro has rendered, or search files with the `bytes` they are about
 * to be written with) in one worker thread, while the build's main thread
 * renders pages or goes through its other last steps on the other core;
 * `precompressSite` then takes the copies of each file whose bytes are
 * still the ones they were made from, and compresses the rest itself. A
 * publish's new pages were compressed after every other step, on both
 * cores: 1,130 files, three quarters of a second, at 10,000 stories.
 * Nothing is begun unless `openAhead` was called, or once `precompressSite` has run.
 */
export function compressAhead(files: Iterable<{ file: string; size: number; bytes?: Uint8Array }>, brotliQuality: number): void {
  if (!aheadOpen) return;
  for (const { file, size, bytes } of files) {
    if (!TEXT.test(file) || size < MIN_BYTES || ahead.has(file) || (aheadWorker?.bytes ?? 0) + size > AHEAD_BYTES) continue;
    if (!aheadWorker) {
      const { worker, stop } = compressor(brotliQuality);
      const waiting = new Map<number, (answer: Answer | undefined) => void>();
      const giveUp = () => {
        waiting.forEach((settle) => settle(undefined));
        waiting.clear();
      };
      // Never what keeps a failed build's process alive: precompressSite stops it and waits for its end.
      worker.unref();
      worker.on('message', (answer: Answer) => {
        waiting.get(answer.id)?.(answer);
        waiting.delete(answer.id);
      });
      worker.on('error', giveUp);
      worker.on('exit', giveUp);
      aheadWorker = { worker, stop, waiting, next: 0, bytes: 0 };
    }
    const { worker, waiting } = aheadWorker;
    const id = aheadWorker.next++;
    aheadWorker.bytes += size;
    ahead.set(file, new Promise((settle) => {
      waiting.set(id, (answer) => settle(answer?.key === undefined ? undefined : { key: answer.key, copies: copiesOf(answer) }));
      worker.postMessage({ id, file, bytes });
    }));
  }
}

/**
 * The copies begun ahead, for `precompressSite` to take, and the end of the
 * worker making them: asked to stop now, it ends once every file begun is
 * answered, also those no longer wanted, so the build's process never exits
 * with it inside a zlib call (`compressor`).
 */
function takeAhead(): { taken: Map<string, Promise<{ key: string; copies: Copies } | undefined>>; ended: Promise<void> } {
  const taken = new Map(ahead);
  ahead.clear();
  aheadOpen = false;
  const ended = aheadWorker?.stop() ?? Promise.resolve();
  aheadWorker = undefined;
  return { taken, ended };
}

/** Which copies an entry holds and their sizes in bytes (`null`: not smaller than the file, so none). */
type Entry = [br: number | null, gz: number | null];

const INDEX = 'index.json';
/** Each file of the last run by its path under the site: its size, modification time and content key. */
const FILES = 'files.json';
type Seen = Record<string, [size: number, mtimeMs: number, key: string]>;
/** What the copies' cache compares of a file (a `Stats`, or a look taken for the sync). */
type Size = Pick<Stats, 'size' | 'mtimeMs'>;
const EXTENSIONS = ['br', 'gz'] as const;
/** A folder of the cache's copies: the first two characters of their digests. */
const SPREAD_FOLDER = /^[0-9a-f]{2}$/;

/**
 * Puts the cached `copy` at `target` (a hard link, see sync-site.ts), unless
 * it is there already (a file kept from the last build, as the search
 * index's are); false when the cached copy is gone.
 */
function place(copy: string, target: string): boolean {
  try {
    const there = statSync(target, { throwIfNoEntry: false });
    if (!there || !sameFile(statSync(copy), there)) placeLinked(copy, target);
    return true;
  } catch {
    return false;
  }
}

/** Removes a copy an earlier build left beside a file (the site's staging folder is kept, and the site may link the copy). */
function noCopy(target: string): true {
  removeFile(target);
  return true;
}

/**
 * Copies kept between builds under `dir`, named for a digest of the content
 * and the brotli quality (`<digest>.br`, `<digest>.gz`), with an index of the
 * entries and their sizes: a rebuild compresses only what changed and links
 * the rest into the site. The index is written last, so it names only copies
 * that are whole; a build keeps the entries it used and drops the rest, so the
 * cache holds one site.
 *
 * The copies are spread over folders named for the digest's first two
 * characters (`ab/ab12….br`): one folder of a large site's 60,000 copies,
 * thousands of them replaced each build, grew so slow that creating or
 * finding a file in it took ten times as long as in a new folder (ext4),
 * most of a second of each publish.
 */
class CopyCache {
  private readonly old: Record<string, Entry>;
  private readonly used: Record<string, Entry> = {};
  private readonly seenBefore: Seen;
  private readonly seen: Seen = {};
  /** Folders of copies known to exist. */
  private readonly folders = new Set<string>();

  private readonly dir: string;
  private readonly brotliQuality: number;

  constructor(dir: string, brotliQuality: number) {
    this.dir = dir;
    this.brotliQuality = brotliQuality;
    mkdirSync(dir, { recursive: true });
    const index = join(dir, INDEX);
    this.old = existsSync(index) ? (JSON.parse(readFileSync(index, 'utf8')) as Record<string, Entry>) : {};
    this.seenBefore = readSeen(join(dir, FILES), brotliQuality);
  }

  /**
   * The content key of the file at `path` (under the site) when the last run
   * saw it with the same size and modification time: the file was not
   * written since (the site's staging folder is kept between builds), so it
   * need not be read and hashed again.
   */
  known(path: string, stats: Size): string | undefined {
    const [size, mtimeMs, key] = this.seenBefore[path] ?? [];
    return size === stats.size && mtimeMs === stats.mtimeMs ? key : undefined;
  }

  /** Notes the key of the file at `path` for the next run. */
  saw(path: string, stats: Size, key: string): void {
    this.seen[path] = [stats.size, stats.mtimeMs, key];
  }

  /** Where the copy of `key` with `ext` is kept. */
  private copyPath(key: string, ext: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.${ext}`);
  }

  key(data: Buffer): string {
    return createHash('sha256').update(data).update(`q${this.brotliQuality}`).digest('hex');
  }

  /**
   * The sizes of the cached copies of `key` when the copies beside the file
   * at `path` are the ones the last run placed: the file is as that run saw
   * it (`known`), and its copies are there, or absent, as the entry says
   * (`present`: every path the site holds). They are not looked at again:
   * two file lookups a copy, some 57,000 on a large site.
   */
  placedBefore(key: string, path: string, present: { has(path: string): boolean }): Entry | undefined {
    const entry = this.used[key] ?? this.old[key];
    if (!entry || !EXTENSIONS.every((ext, i) => present.has(`${path}.${ext}`) === (entry[i] !== null))) return undefined;
    this.used[key] = entry;
    return entry;
  }

  /** Places the cached copies of `key` beside `file`; their sizes, or `undefined` when the cache has none. */
  reuse(key: string, file: string): Entry | undefined {
    const entry = this.used[key] ?? this.old[key];
    if (!entry) return undefined;
    const placed = EXTENSIONS.every((ext, i) => (entry[i] === null ? noCopy(`${file}.${ext}`) : place(this.copyPath(key, ext), `${file}.${ext}`)));
    // A copy deleted from the cache by hand: compressed again.
    if (!placed) return undefined;
    this.used[key] = entry;
    return entry;
  }

  /**
   * Stores freshly made copies and places them beside `file`: three file
   * operations a copy, no more (each costs a tenth of a millisecond or more
   * here, and a publish makes some 3,000 copies).
   */
  store(key: string, copies: Copies, file: string): void {
    const folder = join(this.dir, key.slice(0, 2));
    if (!this.folders.has(folder)) mkdirSync(folder, { recursive: true });
    this.folders.add(folder);
    EXTENSIONS.forEach((ext) => {
      const copy = copies[ext];
      if (!copy) return noCopy(`${file}.${ext}`);
      const path = this.copyPath(key, ext);
      // A copy a build stopped before its index left there is replaced.
      makeNew(path, () => writeFileSync(path, copy, { flag: 'wx' }));
      placeLinked(path, `${file}.${ext}`);
    });
    this.used[key] = [copies.br?.length ?? null, copies.gz?.length ?? null];
  }

  /** Writes the index of this build's entries and deletes every other file. */
  save(): void {
    for (const [name, value] of [[FILES, { quality: this.brotliQuality, files: this.seen }], [INDEX, this.used]] as const) {
      writeFileSync(join(this.dir, `${name}.next`), JSON.stringify(value));
      renameSync(join(this.dir, `${name}.next`), join(this.dir, name));
    }
    for (const name of readdirSync(this.dir)) {
      if (name === INDEX || name === FILES) continue;
      const folder = join(this.dir, name);
      if (!SPREAD_FOLDER.test(name)) {
        rmSync(folder, { force: true, recursive: true });
        continue;
      }
      const copies = readdirSync(folder);
      const kept = copies.filter((copy) => {
        const used = copy.startsWith(name) && this.used[copy.replace(COPY_ENDING, '')] !== undefined;
        if (!used) rmSync(join(folder, copy), { force: true, recursive: true });
        return used;
      });
      if (kept.length === 0) rmSync(folder, { force: true, recursive: true });
    }
  }
}

/** The last run's files at this brotli quality, or none when the record is missing, damaged or of another quality (every file is then read). */
function readSeen(file: string, quality: number): Seen {
  try {
    const seen = JSON.parse(readFileSync(file, 'utf8')) as { quality?: unknown; files?: unknown };
    return seen.quality === quality && typeof seen.files === 'object' && seen.files !== null ? (seen.files as Seen) : {};
  } catch {
    return {};
  }
}

/**
 * Compresses every text file under `outDir` with brotli (at `brotliQuality`,
 * 0–11) and gzip (level 9). A copy is written only where it is smaller than
 * the file, so a server never sends more than the original. With `cacheDir`,
 * copies of content compressed by an earlier build are linked in as they are.
 *
 * `looks`, when given, holds every file under `outDir` as `lookAtBuilt`
 * found it, and nothing has changed the folder since: the files are then
 * not listed and looked at again (30,000 looks at 10,000 stories, half a
 * second), and `looks` is brought up to date with the copies this run
 * placed or removed, for the sync that follows (sync-site.ts).
 */
export async function precompressSite(outDir: string, brotliQuality: number, cacheDir?: string, looks?: Looks): Promise<PrecompressResult> {
  // Copies begun ahead are taken where they were made from these bytes (a key is known only with the cache).
  const { taken: begun, ended } = takeAhead();
  const root = resolve(outDir);
  const present = looks ?? new Set(walkFiles(root));
  const paths = [...present.keys()].filter((path) => TEXT.test(path));
  /** The files whose copies this run may have placed or removed (all but those the last run placed). */
  const unsettled: string[] = [];
  const cache = cacheDir ? new CopyCache(cacheDir, brotliQuality) : undefined;
  const result: PrecompressResult = { files: 0, reused: 0, ahead: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0, kept: new Set() };
  /** Files whose content no earlier build compressed, one per content key (in order). */
  const fresh: { file: string; size: number; key?: string; path: string; stats: Size }[] = [];
  const sameContent = new Map<string, { file: string; path: string; stats: Size }[]>();
  const count = (stats: Size, sizes: Entry) => {
    result.files++;
    result.bytes += stats.size;
    result.brotliBytes += sizes[0] ?? 0;
    result.gzipBytes += sizes[1] ?? 0;
  };
  try {
    for (const path of paths) {
      const file = root + sep + path;
      const stats = looks?.get(path) ?? statSync(file);
      if (stats.size < MIN_BYTES) {
        // A copy left from when the file was larger goes.
        const left = EXTENSIONS.filter((ext) => present.has(`${path}.${ext}`));
        left.forEach((ext) => noCopy(`${file}.${ext}`));
        if (left.length > 0) unsettled.push(path);
        continue;
      }
      let key = cache?.known(path, stats);
      let reused = key ? cache!.placedBefore(key, path, present) : undefined;
      if (reused) result.kept.add(path);
      else unsettled.push(path);
      if (!reused && key) reused = cache!.reuse(key, file);
      if (!reused && cache) {
        key = cache.key(readFileSync(file));
        reused = cache.reuse(key, file);
      }
      if (reused) {
        result.reused++;
        cache!.saw(path, stats, key!);
        count(stats, reused);
      } else if (key && sameContent.has(key)) sameContent.get(key)!.push({ file, path, stats });
      else {
        fresh.push({ file, size: stats.size, key, path, stats });
        if (key) sameContent.set(key, []);
      }
    }
    const place = (i: number, copies: Copies) => {
      const { file, key, path, stats } = fresh[i]!;
      const sizes: Entry = [copies.br?.length ?? null, copies.gz?.length ?? null];
      count(stats, sizes);
      if (!key) {
        EXTENSIONS.forEach((ext) => noCopy(`${file}.${ext}`) && copies[ext] && writeFileSync(`${file}.${ext}`, copies[ext]));
        return;
      }
      cache!.store(key, copies, file);
      cache!.saw(path, stats, key);
      // Another file of the same content takes the copies just made.
      for (const same of sameContent.get(key) ?? []) {
        cache!.reuse(key, same.file);
        cache!.saw(same.path, same.stats, key);
        result.reused++;
        count(same.stats, sizes);
      }
    };
    const early: number[] = [];
    const rest: number[] = [];
    fresh.forEach((f, i) => (f.key && begun.has(f.file) ? early : rest).push(i));
    await Promise.all([
      compressAll(rest.map((i) => fresh[i]!), brotliQuality, (j, copies) => place(rest[j]!, copies)),
      ...early.map(async (i) => {
        const made = await begun.get(fresh[i]!.file)!;
        const taken = made !== undefined && made.key === fresh[i]!.key;
        if (taken) result.ahead++;
        place(i, taken ? made.copies : compress(readFileSync(fresh[i]!.file), brotliQuality));
      }),
    ]);
  } finally {
    cache?.save();
    await ended;
  }
  for (const path of looks ? unsettled : []) {
    for (const ext of EXTENSIONS) {
      const look = lookAt(`${root}${sep}${path}.${ext}`);
      if (look) looks!.set(`${path}.${ext}`, look);
      else looks!.delete(`${path}.${ext}`);
    }
  }
  return result;
}
