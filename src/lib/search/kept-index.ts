/**
 * The search index as the build cache keeps it for the next build to update
 * (src/lib/build/step-cache.ts). Its files' texts are in a log beside the
 * step's file (`search-index-<id>.texts`); the step's file holds the list of
 * the index's files (each one's path, where its text is in the log, its
 * lengths, a digest of its bytes and, for a postings chunk, the positions
 * files it names), each story's digest, and a SHA-256 of the list.
 *
 * An update changes a few dozen of the index's 18,000 files at 10,000
 * stories, and a content-named file's path names its text: a build appends
 * to the log only the texts it lacks, with the manifest, where writing the
 * whole 66 MB again (and hashing it) took about 0.7 s of every publish.
 * Nor does a build read the log whole: a kept file's text is read when asked
 * for, and checked against its digest then, so that a kept index damaged in
 * any byte is never updated into a wrong one (reading, hashing and decoding
 * the 86 MB log took about 0.45 s of every publish, and the update reads a
 * few hundred of its files). A damaged text the update reads makes the index
 * built whole; one it passed on unread throws where it is read, and the
 * index kept is then forgotten, so the next build builds it whole.
 * Once the log holds half as much again as the index's texts (what edits
 * and deletes left behind), or when no log was read, the index is written
 * into a new log; a build that reads a log deletes the others, which a
 * stopped build may have left.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bytesAt, framed, unframed } from '../build/framed-file.ts';
import { stepFile, stepsFolder, type StepCodec } from '../build/step-cache.ts';
import { bytesOf, namedPositions, textOf, type BuiltIndex, type IndexFile, type KeptText } from './build-index.ts';
import { CONTENT_FOLDER, MANIFEST_FILE, type SearchManifest } from './index-format.ts';

/**
 * Beyond this many bytes of index files (about 21,000 stories), the
 * index is not kept: writing and reading it on every build would cost more
 * than updating it saves, and hold it twice in memory.
 */
const KEPT_INDEX_MAX = 128 * 2 ** 20;
/** A log is written afresh once it would hold more than this many times the index's texts. */
const LOG_SLACK = 1.5;
const LOG_FILE = /^search-index-[0-9a-f]+\.texts$/;

/** The step's file: the log its texts are in, each file's place in it, and each story's digest. */
interface Contents {
  indexedWords: number;
  log: string;
  files: Entry[];
  digests: string[];
}

/** A file of the list: its path, where its text is in the log, its lengths in bytes and in UTF-16 units, a digest of its bytes, and the positions files it names. */
type Entry = [path: string, at: number, bytes: number, length: number, digest: string, names?: string[]];

const DIGEST_BYTES = 32;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();
/** A kept file's digest (of its bytes), in the list. */
const fileDigest = (data: Uint8Array) => createHash('sha256').update(data).digest('base64url').slice(0, 22);
/** Where a postings chunk's path starts (index-format.ts: chunkNames). */
const CHUNK_PREFIX = `${CONTENT_FOLDER}/p`;

/** The build step whose result this codec keeps (src/lib/model/search-index.ts). */
export const SEARCH_STEP = 'search index';

/** A kept file's text in its log, read when asked for. */
class LoggedText implements KeptText {
  readonly logPath: string;
  readonly entry: Entry;
  constructor(logPath: string, entry: Entry) {
    this.logPath = logPath;
    this.entry = entry;
  }
  get bytes() { return this.entry[2]; }
  get length() { return this.entry[3]; }
  get names() { return this.entry[5] ?? []; }
  read(): string {
    const [path, at, bytes, , digest] = this.entry;
    let data: Buffer | undefined;
    try {
      data = bytesAt(this.logPath, at, bytes);
    } catch (error) {
      throw forgotten(`${path}: its kept text cannot be read (${(error as Error).message})`);
    }
    if (!data || fileDigest(data) !== digest) throw forgotten(`${path}: its kept text is not the one it was kept with`);
    return data.toString('utf8');
  }
}

/** Where a kept file's text is (its log and its entry in the list): what a worker thread sends of it (index-worker.ts). */
export type KeptTextRef = readonly [logPath: string, entry: Entry];

/** Where `file` is kept, or its text when it is kept nowhere. */
export function keptTextRef(file: KeptText): KeptTextRef | string {
  return file instanceof LoggedText ? [file.logPath, file.entry] : file.read();
}

/** The kept file `ref` names, read when asked for. */
export function keptTextOf([logPath, entry]: KeptTextRef): KeptText {
  return new LoggedText(logPath, entry);
}

/** The error of a damaged kept text, the kept index forgotten first, so that the next build builds it whole. */
function forgotten(message: string): Error {
  const dir = stepsFolder();
  if (dir) rmSync(stepFile(dir, SEARCH_STEP), { force: true });
  return new Error(`the search index kept by the last build is damaged: ${message}`);
}

/** The kept index's codec, its log in the build cache's steps folder: one per build, as it decodes and then encodes. */
export function keptSearchIndex(): StepCodec<BuiltIndex> {
  /** The log this build read, and what it holds. */
  let opened: { log: string; entries: Map<string, Entry> } | undefined;
  const folder = () => {
    const dir = stepsFolder();
    if (!dir) throw new Error('no build cache to keep the search index in');
    return dir;
  };
  const removeLogs = (dir: string, but?: string) => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) if (LOG_FILE.test(name) && name !== but) rmSync(join(dir, name), { force: true });
  };
  return {
    encode({ files, indexedWords, digests }) {
      const dir = folder();
      let live = 0;
      for (const file of files.values()) live += bytesOf(file);
      if (live > KEPT_INDEX_MAX) {
        removeLogs(dir);
        return undefined;
      }
      const logPath = opened && join(dir, opened.log);
      // Appended after whatever the log holds, a stopped build's texts too (read by no one).
      const start = logPath && existsSync(logPath) ? statSync(logPath).size : 0;
      // The texts the log lacks: the manifest, and the files it holds under no such name.
      const lacking = [...files.keys()].filter((path) => path === MANIFEST_FILE || !opened?.entries.has(path));
      const lackingBytes = lacking.reduce((n, path) => n + bytesOf(files.get(path)!), 0);
      const append = opened !== undefined && start > 0 && start + lackingBytes <= LOG_SLACK * live ? opened : undefined;
      const log = append ? append.log : `search-index-${randomBytes(6).toString('hex')}.texts`;
      const base = append ? start : 0;
      const written = append ? lacking : [...files.keys()];
      // Each text written straight into one buffer: a new log is 66 MB at 10,000 stories.
      const bytes = Buffer.allocUnsafe(append ? lackingBytes : live);
      const entries = new Map<string, Entry>();
      let end = 0;
      try {
        for (const path of written) {
          const file = files.get(path)!;
          const text = textOf(file);
          const at = end;
          end += bytes.write(text, end);
          const names = path.startsWith(CHUNK_PREFIX) ? namedPositions(file) : [];
          entries.set(path, [path, base + at, end - at, text.length, fileDigest(bytes.subarray(at, end)), ...(names.length ? [names] : [])] as Entry);
        }
      } catch (error) {
        // A text passed on from a damaged log: nothing is kept, and the next build builds the index whole.
        console.info(`[dispatch] search index: not kept (${(error as Error).message})`);
        removeLogs(dir);
        return undefined;
      }
      mkdirSync(dir, { recursive: true });
      appendFileSync(join(dir, log), bytes);
      const contents: Contents = {
        indexedWords, log, digests,
        files: [...files.keys()].map((path) => entries.get(path) ?? append!.entries.get(path)!),
      };
      const kept = framed(contents, [], DIGEST_BYTES);
      sha256(kept.subarray(DIGEST_BYTES)).copy(kept, 0);
      return kept;
    },
    decode(kept) {
      if (!Buffer.isBuffer(kept) || kept.length < DIGEST_BYTES + 4) throw new Error('not a kept index');
      const rest = kept.subarray(DIGEST_BYTES);
      if (!sha256(rest).equals(kept.subarray(0, DIGEST_BYTES))) throw new Error('its list of files is not the one it was kept with');
      const { indexedWords, log, files: list, digests } = unframed<Contents>(rest).header;
      const dir = folder();
      if (!LOG_FILE.test(log)) throw new Error('it names no log of texts');
      const logPath = join(dir, log);
      if (!existsSync(logPath)) throw new Error(`its texts (${log}) are missing`);
      const size = statSync(logPath).size;
      const files = new Map<string, IndexFile>();
      const entries = new Map<string, Entry>();
      for (const entry of list) {
        const [path, at, bytes] = entry;
        if (at + bytes > size) throw new Error('its texts are cut short');
        files.set(path, new LoggedText(logPath, entry));
        if (path !== MANIFEST_FILE) entries.set(path, entry);
      }
      const manifest = files.get(MANIFEST_FILE);
      if (manifest === undefined) throw new Error('no manifest');
      // Read now: the update needs it, and a damaged one is so found while the index can still be built whole.
      const manifestText = textOf(manifest);
      files.set(MANIFEST_FILE, manifestText);
      opened = { log, entries };
      removeLogs(dir, log);
      return { files, manifest: JSON.parse(manifestText) as SearchManifest, indexedWords, digests };
    },
  };
}
