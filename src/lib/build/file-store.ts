/**
 * Files kept between builds, named by a digest of their bytes, and put into
 * the built site as hard links: a rebuild that makes a file with the same
 * bytes as the last build links it in instead of creating and writing it
 * (creating thousands of small files costs more system time than anything
 * done with their bytes). The search index's files go through one
 * (src/integrations/search-files.ts): most are unchanged from one publish to
 * the next.
 *
 * A stored file is checked against the bytes it should hold before it is
 * used, so a store damaged by hand or by a stopped build gives the right file
 * all the same; a file is written into the store under a temporary name and
 * renamed, never written in place, so a link the site holds never changes.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The store of the search index's files in a build cache. */
export function searchFileStore(cacheDir: string): string {
  return join(cacheDir, 'search-files');
}

/** The name a file with `bytes` has in a store. */
export function storeKey(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** The bytes of the stored file `key` in the store `dir`, when it is there and whole; else undefined. */
export function readStored(dir: string, key: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, key));
  } catch {
    return undefined;
  }
  return storeKey(bytes) === key ? bytes : undefined;
}

/** Suffix of a file being written into the store. */
const PARTIAL = '.partial';

/**
 * Puts `stored` at `target` as a hard link, or as a copy where the store is
 * on another file system; whatever was at `target` is removed first, so an
 * earlier link is replaced, never written through.
 */
export function placeLinked(stored: string, target: string): void {
  rmSync(target, { force: true });
  try {
    linkSync(stored, target);
  } catch {
    copyFileSync(stored, target);
  }
}

/** Whether `file` holds exactly `bytes`. */
function holds(file: string, bytes: Buffer): boolean {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.size !== bytes.length) return false;
  const fd = openSync(file, 'r');
  try {
    const read = Buffer.allocUnsafe(bytes.length);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, read, at, bytes.length - at, at);
      if (n === 0) return false;
      at += n;
    }
    return read.equals(bytes);
  } finally {
    closeSync(fd);
  }
}

export class FileStore {
  private readonly present: Set<string>;
  private readonly used = new Set<string>();
  /** Files linked from the store this build, and files written into it. */
  readonly counts = { reused: 0, written: 0 };

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.present = new Set(readdirSync(dir));
  }

  /** Puts a file holding `content` at `target`, from the store when it has those bytes. */
  put(target: string, content: string | Buffer): void {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const key = storeKey(bytes);
    const stored = join(this.dir, key);
    if (this.used.has(key) || (this.present.has(key) && holds(stored, bytes))) {
      this.counts.reused++;
    } else {
      writeFileSync(stored + PARTIAL, bytes);
      renameSync(stored + PARTIAL, stored);
      this.counts.written++;
    }
    this.used.add(key);
    placeLinked(stored, target);
  }

  /** Deletes every stored file this build did not use, so the store holds one site's files. */
  prune(): void {
    for (const name of readdirSync(this.dir)) {
      if (!this.used.has(name)) rmSync(join(this.dir, name), { force: true, recursive: true });
    }
  }
}
