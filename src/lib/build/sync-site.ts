/**
 * Publishes a freshly built site folder into the live one, touching only what
 * differs: a file whose bytes are the same is left alone (its time too), a new
 * or changed file is put beside its old self and renamed over it, so no
 * reader ever gets half a file, and a file the build no longer makes is
 * removed. Running it again over a folder it left half-done finishes the job.
 *
 * A new or changed file is put as a hard link to the built one (a copy where
 * the two folders are on different file systems): no bytes are written, and
 * the site takes no second copy's room on disk. That is safe only for files
 * nothing writes into in place: the precompressed copies linked in from their
 * cache and the search index's content-named files are replaced, never
 * rewritten (src/lib/build/precompress.ts, src/integrations/search-files.ts).
 * A built file that is the very file the site holds is known to be unchanged
 * without reading it; one found to hold the same bytes as the site's file is
 * given its time and linked in its place, so the next sync need not read
 * the two again.
 *
 * The files a build folder kept between builds may be written into in place
 * (Astro writes a page over the one it rendered last time), so those the
 * caller names in `copied` are copied instead, and a copy the site holds is
 * taken as unchanged without reading it while the built file and the site's
 * have the same size and modification time: after a copy, or after finding
 * the bytes equal, the built file is given the site file's time.
 */
import { constants, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readSync, closeSync, readdirSync, renameSync, rmdirSync, statSync, unlinkSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface SyncResult {
  /** Files in the site after the sync. */
  files: number;
  /** New files written. */
  added: number;
  /** Existing files whose bytes changed. */
  changed: number;
  /** Files removed: the build no longer makes them. */
  removed: number;
}

/**
 * Left in the live folder while a sync runs, so a folder a stopped sync left
 * half-updated says so itself (README: "Publishing fast").
 */
export const INCOMPLETE = '.dispatch-incomplete';
/** Kept as they are in the live folder: git's (Astro keeps it when it empties its output) and the marker above. */
const KEPT = new Set(['.git', INCOMPLETE]);
/** Suffix of a file being written; left over only by a sync that was stopped. */
const PARTIAL = '.dispatch-partial';

/**
 * Every file under `dir` (symbolic links too), as paths relative to it, in no
 * set order; nothing under a top-level name `skip` holds. Walked folder by
 * folder: `readdirSync`'s own recursive walk stats every file it lists (to
 * follow links to folders), 90,000 stats of a large site's folder, most of a
 * second (Node 24).
 */
export function walkFiles(dir: string, skip: (topName: string) => boolean = () => false): string[] {
  const root = resolve(dir);
  if (!existsSync(root)) return [];
  const files: string[] = [];
  // Paths by concatenating: relative() and join() for each of 100,000 files took most of a second.
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const e of readdirSync(folder ? root + sep + folder : root, { withFileTypes: true })) {
      if (!folder && skip(e.name)) continue;
      const path = folder ? folder + sep + e.name : e.name;
      if (e.isDirectory()) folders.push(path);
      else if (e.isFile() || e.isSymbolicLink()) files.push(path);
    }
  }
  return files;
}

/** Every file under `dir`, as paths relative to it (nothing under a kept folder). */
export function filesUnder(dir: string): string[] {
  return walkFiles(dir, (name) => KEPT.has(name));
}

const CHUNK = 1 << 16;
const bufferA = Buffer.alloc(CHUNK);
const bufferB = Buffer.alloc(CHUNK);

/** What the sync compares of a file: which file it is, its size and its times. */
export type Look = Pick<Stats, 'ino' | 'dev' | 'size' | 'mtimeMs' | 'atimeMs' | 'ctimeMs'>;

/** The name ending of a precompressed copy (`index.html.br`, `index.html.gz`: src/lib/build/precompress.ts). */
export const COPY_ENDING = /\.(br|gz)$/;

/**
 * A folder's files as a look found them: each file's look, but a compressed
 * copy's, which is listed and not looked at (`undefined`): most copies are
 * known unchanged without a look (`SyncOptions.copiesKept`), and they are
 * two files in three of a site.
 */
export type Looks = Map<string, Look | undefined>;

/** The staged site as the sync takes it: its files' looks, and the files whose compressed copies the last sync put in place (`SyncOptions`). */
export interface StagedLook {
  looks: Looks;
  copiesKept?: ReadonlySet<string>;
}

/** What the sync compares of the file at `path`, or `undefined` where there is none. */
export function lookAt(path: string): Look | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

/** Whether two files hold the same bytes (one file under two names; else sizes first, then chunk by chunk). */
export function sameBytes(a: string, b: string, statsB: Look | undefined = statSync(b, { throwIfNoEntry: false }), statsA: Look = statSync(a)): boolean {
  if (!statsB) return false;
  if (sameFile(statsA, statsB)) return true;
  const size = statsA.size;
  if (statsB.size !== size) return false;
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  try {
    for (let at = 0; at < size; at += CHUNK) {
      const n = readSync(fa, bufferA, 0, CHUNK, at);
      if (readSync(fb, bufferB, 0, CHUNK, at) !== n || !bufferA.subarray(0, n).equals(bufferB.subarray(0, n))) return false;
    }
    return true;
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/** Whether two stats are of one file (one inode under two names). */
export function sameFile(a: Look, b: Look): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

/**
 * Puts `file` at `target` as a hard link, or as a copy where the two are on
 * different file systems; whatever was at `target` is removed first (unless
 * `replace` is false: then a file there fails it), so an earlier link is
 * replaced, never written through.
 */
export function placeLinked(file: string, target: string, replace = true): void {
  if (replace) removeFile(target);
  try {
    linkSync(file, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    copyFileSync(file, target, constants.COPYFILE_EXCL);
  }
}

/**
 * Puts `from` at `to` through a file beside it: a hard link (a copy across
 * file systems), or a copy. Two file operations, unless a stopped sync left
 * that file, which is then replaced (never written through: it may be a
 * link to a built file).
 */
function put(from: string, to: string, copy: boolean): void {
  const partial = to + PARTIAL;
  makeNew(partial, () => (copy ? copyFileSync(from, partial, constants.COPYFILE_EXCL) : placeLinked(from, partial, false)));
  renameSync(partial, to);
}

/**
 * Runs `make`, which creates the file at `path` and fails where one is there;
 * then, once more, after removing the one a stopped build left there, which
 * is so replaced and never written through (it may be a link). One file
 * operation where nothing was left.
 */
export function makeNew(path: string, make: () => void): void {
  try {
    make();
  } catch {
    removeFile(path);
    make();
  }
}

/**
 * Whether two files have the same size and modification time, to within a
 * millisecond: a file system keeps times finer than that, and the time a
 * built file is given back comes through a number of seconds (exact to a
 * microsecond or so), or, from a build before 2026-12-02, a Date, rounded
 * to the millisecond. Compared rounded down, any with a fraction of .5 or
 * more never matched, and every such page was read again on every build
 * (12,000 at 10,000 stories).
 */
function sameStamp(a: Look, b: Look): boolean {
  return a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 1;
}

export interface SyncOptions {
  /** Built files to copy rather than link: those the build folder keeps and may write into (see above). */
  copied?: (path: string) => boolean;
  /**
   * The live folder's files as `lookAtFolder` found them, when nothing has
   * changed it since: they are then not listed and looked at again.
   */
  live?: ReadonlyMap<string, Look | undefined>;
  /** The built folder's files as `lookAtBuilt` found them, when nothing has changed it since: they are then not listed and looked at again. */
  built?: ReadonlyMap<string, Look | undefined>;
  /**
   * The built files whose compressed copies are those the last sync put
   * into the live folder (the precompression placed none anew beside them:
   * `precompressSite`'s `kept`). Where such a file is found unchanged, its
   * copies there are taken as unchanged without a look.
   */
  copiesKept?: ReadonlySet<string>;
}

/** The look at `path` under `root` from `looks` (looked at now when only listed there), or from the file itself without `looks`. */
function lookUp(looks: ReadonlyMap<string, Look | undefined> | undefined, root: string, path: string): Look | undefined {
  if (!looks) return lookAt(join(root, path));
  return looks.has(path) ? (looks.get(path) ?? lookAt(join(root, path))) : undefined;
}

/** Gives `to` the times of `look` (to the microsecond: a Date would round them to the millisecond). */
const stampLike = (to: string, look: Look) => utimesSync(to, look.atimeMs / 1000, look.mtimeMs / 1000);

/**
 * Every file under `dir` (as `filesUnder` lists them) with what `syncSite`
 * compares of it, looked at in a worker thread; `undefined` when the look
 * failed. A build looks so at the live folder when it starts, and the sync,
 * at its end, finds the live folder's 87,000 files at 10,000 stories
 * already listed and looked at, which took a third of a second of the
 * build's last step (nothing but the sync changes the live folder in
 * between); and at the search index's kept folder (src/integrations/search-files.ts).
 */
export function lookAtFolder(dir: string): Promise<Looks | undefined> {
  return lookIn(resolve(dir));
}

/**
 * `lookAtFolder` for the built folder once the build has written its last
 * file, in two worker threads, each with some of its top-level files and
 * folders: listing and looking at 87,000 files took the sync's thread over a
 * second at 10,000 stories. `estimate` says how many files a top-level name
 * holds (the live folder's count), to share them out evenly; `only`, which
 * top-level names to look at (a part of the site, once no later step writes
 * into it).
 */
export async function lookAtBuilt(built: string, estimate: (topName: string) => number = () => 1, only: (topName: string) => boolean = () => true): Promise<Looks | undefined> {
  const root = resolve(built);
  if (!existsSync(root)) return new Map();
  const names = readdirSync(root).filter((name) => !KEPT.has(name) && only(name)).sort((a, b) => estimate(b) - estimate(a) || (a < b ? -1 : 1));
  const shares: [string[], string[]] = [[], []];
  const load: [number, number] = [0, 0];
  for (const name of names) {
    const lighter = load[0] <= load[1] ? 0 : 1;
    shares[lighter].push(name);
    load[lighter] += Math.max(1, estimate(name));
  }
  const looks = await Promise.all(shares.filter((tops) => tops.length > 0).map((tops) => lookIn(root, tops)));
  if (looks.some((look) => look === undefined)) return undefined;
  return new Map(looks.flatMap((look) => [...look!]));
}

/**
 * The files under `root` that `walkFiles` lists there, but those under the
 * top-level names `skip` holds, with their looks as `lookAtBuilt` takes
 * them, looked at in this thread (for a few files); their paths begin with
 * `prefix`.
 */
export function lookAtHere(root: string, skip: (topName: string) => boolean, prefix = ''): Looks {
  const looks: Looks = new Map();
  for (const path of walkFiles(root, (name) => KEPT.has(name) || skip(name))) looks.set(prefix + path, COPY_ENDING.test(path) ? undefined : lookAt(join(root, path)));
  return looks;
}

/** The files under `root` (or under its top-level names `tops`) and their looks, from a worker thread. */
function lookIn(root: string, tops?: string[]): Promise<Looks | undefined> {
  return new Promise((settle) => {
    const worker = new Worker(LOOK_WORKER, { eval: true, workerData: { root, kept: [...KEPT], tops, listed: COPY_ENDING.source } });
    worker.once('message', ({ paths, numbers }: { paths: string[]; numbers: Float64Array }) => {
      const looks: Looks = new Map();
      // Indexed: taking each file's six numbers as a destructured subarray cost a tenth of a second at 87,000 files.
      paths.forEach((path, i) => {
        const at = 6 * i;
        looks.set(path, Number.isNaN(numbers[at]) ? undefined : {
          ino: numbers[at]!, dev: numbers[at + 1]!, size: numbers[at + 2]!, mtimeMs: numbers[at + 3]!, atimeMs: numbers[at + 4]!, ctimeMs: numbers[at + 5]!,
        });
      });
      settle(looks);
    });
    worker.once('error', () => settle(undefined));
    worker.once('exit', () => settle(undefined));
  });
}

/**
 * The walk of `walkFiles` (from the top-level names `tops` when given) and a
 * look at each file but those whose names match `listed` (compressed
 * copies: NaNs), as a worker thread's script.
 */
const LOOK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { sep } = require('node:path');
const { root, kept, tops } = workerData;
const listed = new RegExp(workerData.listed);
const wanted = tops ? new Set(tops) : undefined;
const paths = [];
const numbers = [];
if (existsSync(root)) {
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const e of readdirSync(folder ? root + sep + folder : root, { withFileTypes: true })) {
      if (!folder && (wanted ? !wanted.has(e.name) : kept.includes(e.name))) continue;
      const path = folder ? folder + sep + e.name : e.name;
      if (e.isDirectory()) folders.push(path);
      else if (e.isFile() || e.isSymbolicLink()) {
        if (listed.test(e.name)) {
          paths.push(path);
          numbers.push(NaN, NaN, NaN, NaN, NaN, NaN);
          continue;
        }
        const s = statSync(root + sep + path, { throwIfNoEntry: false });
        if (!s) continue;
        paths.push(path);
        numbers.push(s.ino, s.dev, s.size, s.mtimeMs, s.atimeMs, s.ctimeMs);
      }
    }
  }
}
const packed = Float64Array.from(numbers);
parentPort.postMessage({ paths, numbers: packed }, [packed.buffer]);`;

/** Makes `live` hold exactly the files of `built`, writing only those that differ. */
export function syncSite(built: string, live: string, options: SyncOptions = {}): SyncResult {
  mkdirSync(live, { recursive: true });
  writeFileSync(join(live, INCOMPLETE), `This folder is being updated by a build, or was left half-updated by one that was stopped: do not publish it. Run the build again.\n`);
  const builtFiles = options.built ? [...options.built.keys()] : filesUnder(built);
  const result: SyncResult = { files: builtFiles.length, added: 0, changed: 0, removed: 0 };
  const made = new Set<string>();
  /** The files found unchanged, whose kept compressed copies then are too. */
  const unchanged = new Set<string>();
  // The compressed copies after the files they are copies of.
  const copies = builtFiles.filter((path) => COPY_ENDING.test(path));
  for (const path of [...builtFiles.filter((path) => !COPY_ENDING.test(path)), ...copies]) {
    const from = join(built, path);
    const to = join(live, path);
    const of = COPY_ENDING.test(path) ? path.replace(COPY_ENDING, '') : undefined;
    if (of !== undefined && unchanged.has(of) && options.copiesKept?.has(of) && options.live?.has(path)) continue;
    const old = lookUp(options.live, live, path);
    const copy = options.copied?.(path) ?? false;
    if (copy) {
      const stats = lookUp(options.built, built, path) ?? statSync(from);
      // A copy is never the built file itself (an older build's link is replaced by one).
      const stamped = old !== undefined && sameStamp(stats, old);
      if (old && !sameFile(stats, old) && (stamped || sameBytes(from, to, old, stats))) {
        if (!stamped) stampLike(from, old);
        unchanged.add(path);
        continue;
      }
    } else if (old) {
      const stats = lookUp(options.built, built, path) ?? statSync(from);
      if (sameBytes(from, to, old, stats)) {
        // The same bytes in another file (an older build's copy, or one put
        // before the built file was made anew): linked now, with the site
        // file's time (a server's Last-Modified and ETag stay), so the next
        // sync knows it unchanged by a look at both, without reading them.
        if (!sameFile(stats, old)) {
          stampLike(from, old);
          put(from, to, false);
        }
        unchanged.add(path);
        continue;
      }
    }
    const folder = dirname(to);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    put(from, to, copy);
    if (copy) stampLike(from, statSync(to));
    if (old) result.changed++;
    else result.added++;
  }
  const keep = new Set(builtFiles);
  const emptied = new Set<string>();
  for (const path of options.live ? options.live.keys() : filesUnder(live)) {
    if (keep.has(path)) continue;
    removeFile(join(live, path));
    if (!path.endsWith(PARTIAL)) result.removed++;
    emptied.add(dirname(join(live, path)));
  }
  removeEmptyFolders(live, emptied);
  unlinkSync(join(live, INCOMPLETE));
  return result;
}

/** Removes the file at `path` if it is there: one file operation, where `rmSync` makes two. */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Removes each of `folders` and its parents up to `root` while they are
 * empty: each folder once, deepest first (a folder with 30,000 removed files
 * is read once, not 30,000 times).
 */
export function removeEmptyFolders(root: string, folders: Iterable<string>): void {
  const top = resolve(root);
  for (const folder of [...new Set(folders)].sort((a, b) => b.length - a.length)) {
    for (let dir = resolve(folder); dir.startsWith(top) && dir !== top; dir = dirname(dir)) {
      if (!existsSync(dir) || readdirSync(dir).length > 0) break;
      rmdirSync(dir);
    }
  }
}
