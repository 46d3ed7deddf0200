/**
 * The search index as the build cache keeps it for the next build to update
 * (src/lib/build/step-cache.ts). Its files' texts are in a log beside the
 * step's file (`search-index-<id>.texts`); the step's file holds
 * the list of the index's files (each one's path, and where its text is in
 * the log), the stories' indexed words, and a SHA-256 of each stretch of the
 * log that it reads, so that a kept index damaged in any byte is never
 * updated into a wrong one.
 *
 * An update changes a few dozen of the index's 18,000 files at 10,000
 * stories, and a content-named file's path names its text: a build appends
 * to the log only the texts it lacks, with the manifest, where writing the
 * whole 66 MB again (and hashing it) took about 0.7 s of every publish.
 * Once the log holds half as much again as the index's texts (what edits
 * and deletes left behind), or when no log was read, the index is written
 * into a new log; a build that reads a log deletes the others, which a
 * stopped build may have left.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { framed, unframed } from '../build/framed-file.ts';
import { stepsFolder, type StepCodec } from '../build/step-cache.ts';
import type { BuiltIndex } from './build-index.ts';
import { MANIFEST_FILE, type SearchManifest } from './index-format.ts';

/**
 * Beyond this many bytes of index files (about 21,000 stories), the
 * index is not kept: writing and reading it on every build would cost more
 * than updating it saves, and hold it twice in memory.
 */
const KEPT_INDEX_MAX = 128 * 2 ** 20;
/** A log is written afresh once it would hold more than this many times the index's texts. */
const LOG_SLACK = 1.5;
const LOG_FILE = /^search-index-[0-9a-f]+\.texts$/;

/** The step's file: the log it reads, the stretches of it read (start, end, SHA-256), and each file's text in it. */
interface Contents {
  indexedWords: number;
  log: string;
  stretches: [start: number, end: number, sha256: string][];
  files: [path: string, at: number, bytes: number][];
}

/** A log read by this codec: appended to by its next encode. */
interface OpenedLog {
  log: string;
  stretches: Contents['stretches'];
  /** Where a content-named file's text starts in the log. */
  at: Map<string, number>;
}

const DIGEST_BYTES = 32;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The kept index's codec, its log in the build cache's steps folder: one per build, as it decodes and then encodes. */
export function keptSearchIndex(): StepCodec<BuiltIndex> {
  let opened: OpenedLog | undefined;
  const folder = () => {
    const dir = stepsFolder();
    if (!dir) throw new Error('no build cache to keep the search index in');
    return dir;
  };
  const removeLogs = (dir: string, but?: string) => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) if (LOG_FILE.test(name) && name !== but) rmSync(join(dir, name), { force: true });
  };
  return {
    encode({ files, indexedWords }) {
      const dir = folder();
      const sizes = new Map<string, number>();
      let live = 0;
      for (const [path, text] of files) {
        const bytes = Buffer.byteLength(text);
        sizes.set(path, bytes);
        live += bytes;
      }
      if (live > KEPT_INDEX_MAX) {
        removeLogs(dir);
        return undefined;
      }
      const logPath = opened && join(dir, opened.log);
      // Appended after whatever the log holds, a stopped build's texts too (read by no one).
      const start = logPath && existsSync(logPath) ? statSync(logPath).size : 0;
      // The texts the log lacks: the manifest, and the files it holds under no such name.
      const lacking = [...files.keys()].filter((path) => path === MANIFEST_FILE || !opened?.at.has(path));
      const lackingBytes = lacking.reduce((n, path) => n + sizes.get(path)!, 0);
      const append = opened !== undefined && start > 0 && start + lackingBytes <= LOG_SLACK * live ? opened : undefined;
      const log = append ? append.log : `search-index-${randomBytes(6).toString('hex')}.texts`;
      const base = append ? start : 0;
      const written = append ? lacking : [...files.keys()];
      // Each text written straight into one buffer: a new log is 66 MB at 10,000 stories.
      const bytes = Buffer.allocUnsafe(append ? lackingBytes : live);
      const at = new Map<string, number>();
      let end = 0;
      for (const path of written) {
        at.set(path, base + end);
        end += bytes.write(files.get(path)!, end);
      }
      mkdirSync(dir, { recursive: true });
      appendFileSync(join(dir, log), bytes);
      const stretch: Contents['stretches'][number] = [base, base + bytes.length, sha256(bytes).toString('hex')];
      const contents: Contents = {
        indexedWords, log, stretches: append ? [...append.stretches, stretch] : [stretch],
        files: [...files.keys()].map((path) => [path, at.get(path) ?? append!.at.get(path)!, sizes.get(path)!]),
      };
      const kept = framed(contents, [], DIGEST_BYTES);
      sha256(kept.subarray(DIGEST_BYTES)).copy(kept, 0);
      return kept;
    },
    decode(kept) {
      if (!Buffer.isBuffer(kept) || kept.length < DIGEST_BYTES + 4) throw new Error('not a kept index');
      const rest = kept.subarray(DIGEST_BYTES);
      if (!sha256(rest).equals(kept.subarray(0, DIGEST_BYTES))) throw new Error('its list of files is not the one it was kept with');
      const { indexedWords, log, stretches, files: list } = unframed<Contents>(rest).header;
      const dir = folder();
      if (!LOG_FILE.test(log)) throw new Error('it names no log of texts');
      const logPath = join(dir, log);
      if (!existsSync(logPath)) throw new Error(`its texts (${log}) are missing`);
      const data = readFileSync(logPath);
      for (const [start, end, digest] of stretches) {
        if (end > data.length) throw new Error('its texts are cut short');
        if (sha256(data.subarray(start, end)).toString('hex') !== digest) throw new Error('its files are not those it was kept with');
      }
      const files = new Map<string, string>();
      const at = new Map<string, number>();
      for (const [path, offset, bytes] of list) {
        if (!stretches.some(([start, end]) => offset >= start && offset + bytes <= end)) throw new Error(`${path} is outside its texts`);
        files.set(path, data.toString('utf8', offset, offset + bytes));
        if (path !== MANIFEST_FILE) at.set(path, offset);
      }
      const manifest = files.get(MANIFEST_FILE);
      if (manifest === undefined) throw new Error('no manifest');
      const index = { files, manifest: JSON.parse(manifest) as SearchManifest, indexedWords };
      opened = { log, stretches, at };
      removeLogs(dir, log);
      return index;
    },
  };
}
