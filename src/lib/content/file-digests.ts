/**
 * The digest of each article file as a build read it, under what the file
 * system says of the file (its size, times of change and inode), kept beside
 * the store in `<cacheDir>/file-digests.json`. The next build looks at each
 * file (it does anyway, to see whether it is a link) and takes the digest
 * from here when the file is as it was, instead of reading its bytes again:
 * reading all 10,000 stories of a large archive took 0.4 to 0.5 s of each
 * publish, before the related lists could begin (README, "Publishing fast").
 *
 * It is the test git's index and rsync make. Any write to a file moves its
 * time of change (`ctime`), which no program can set back; only a second
 * write in the same tick of the file system's clock, with the size unchanged,
 * would look the same. So a file changed less than `SETTLED_MS` before it was
 * looked at is not kept here: its next build reads it again.
 */
import type { Stats } from 'node:fs';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How long a file must have been left alone before its digest is kept under its look. */
export const SETTLED_MS = 5_000;

/** What the file system says of a file. */
type Look = [size: number, mtimeMs: number, ctimeMs: number, ino: number];
/** A file's look, and its digest then (with the kind of read it is the digest of). */
type Known = [...Look, kind: string, digest: string];

const look = (stats: Stats): Look => [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];

/** The digests a build took of its article files, for the next build; `code` is the code's digest (a change forgets them). */
export class FileDigests {
  readonly #file: string;
  readonly #code: string;
  #kept = new Map<string, Known>();
  readonly #now = new Map<string, Known>();
  #changed = false;

  constructor(file: string, code: string) {
    this.#file = file;
    this.#code = code;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { code?: unknown; files?: unknown };
      if (saved.code === code && saved.files && typeof saved.files === 'object') this.#kept = new Map(Object.entries(saved.files as Record<string, Known>));
    } catch {
      // Missing or damaged: every file is read.
    }
  }

  /** The digest of `path` as the last build read it, when the file is as it was then (`kind`: how it is read). */
  digestOf(path: string, stats: Stats, kind: string): string | undefined {
    const known = this.#kept.get(path);
    if (!Array.isArray(known) || known.length !== 6) return undefined;
    const now = look(stats);
    if (known[4] !== kind || now.some((value, i) => value !== known[i])) return undefined;
    this.#now.set(path, known);
    return known[5];
  }

  /**
   * Keeps the digest of `path`, read after it was looked at (`stats`, taken
   * after `lookedAt`), unless it changed too lately to tell a second change apart.
   */
  record(path: string, stats: Stats, kind: string, digest: string, lookedAt: number): void {
    if (lookedAt - Math.max(stats.ctimeMs, stats.mtimeMs) < SETTLED_MS) return;
    this.#now.set(path, [...look(stats), kind, digest]);
    this.#changed = true;
  }

  /** Writes the files seen this build (beside, then renamed), when any differs from the last build's. */
  save(): void {
    if (!this.#changed && this.#now.size === this.#kept.size) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    writeFileSync(`${this.#file}.next`, JSON.stringify({ code: this.#code, files: Object.fromEntries(this.#now) }));
    renameSync(`${this.#file}.next`, this.#file);
  }
}
