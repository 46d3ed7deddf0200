/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the built site,
 * for servers that send a precompressed copy instead of compressing every
 * response (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`).
 * Netlify and Cloudflare Pages compress on their own and ignore the copies.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { placeLinked, sameFile } from './sync-site';

/** The name ending of a precompressed copy (`index.html.br`, `index.html.gz`). */
export const COPY_ENDING = /\.(br|gz)$/;

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
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && TEXT.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The compressed copies of one file's content: `undefined` where the copy would not be smaller. */
interface Copies {
  br?: Buffer;
  gz?: Buffer;
}

/**
 * Compressed in the calling thread: zlib's asynchronous calls cost a third
 * more CPU for a site's thousands of small files (a stream and a worker
 * hand-off each), and the build's CPU time is what counts on a shared machine.
 */
function compress(data: Buffer, brotliQuality: number): Copies {
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  const gz = gzipSync(data, { level: GZIP_LEVEL });
  return { ...(br.length < data.length && { br }), ...(gz.length < data.length && { gz }) };
}

/** Which copies an entry holds and their sizes in bytes (`null`: not smaller than the file, so none). */
type Entry = [br: number | null, gz: number | null];

const INDEX = 'index.json';
const EXTENSIONS = ['br', 'gz'] as const;

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

/**
 * Copies kept between builds under `dir`, named for a digest of the content
 * and the brotli quality (`<digest>.br`, `<digest>.gz`), with an index of the
 * entries and their sizes: a rebuild compresses only what changed and links
 * the rest into the site. The index is written last, so it names only copies
 * that are whole; a build keeps the entries it used and drops the rest, so the
 * cache holds one site.
 */
class CopyCache {
  private readonly old: Record<string, Entry>;
  private readonly used: Record<string, Entry> = {};

  constructor(private readonly dir: string, private readonly brotliQuality: number) {
    mkdirSync(dir, { recursive: true });
    const index = join(dir, INDEX);
    this.old = existsSync(index) ? (JSON.parse(readFileSync(index, 'utf8')) as Record<string, Entry>) : {};
  }

  key(data: Buffer): string {
    return createHash('sha256').update(data).update(`q${this.brotliQuality}`).digest('hex');
  }

  /** Places the cached copies of `key` beside `file`; their sizes, or `undefined` when the cache has none. */
  reuse(key: string, file: string): Entry | undefined {
    const entry = this.used[key] ?? this.old[key];
    if (!entry) return undefined;
    const placed = EXTENSIONS.every((ext, i) => entry[i] === null || place(join(this.dir, `${key}.${ext}`), `${file}.${ext}`));
    // A copy deleted from the cache by hand: compressed again.
    if (!placed) return undefined;
    this.used[key] = entry;
    return entry;
  }

  /** Stores freshly made copies and places them beside `file`. */
  store(key: string, copies: Copies, file: string): void {
    EXTENSIONS.forEach((ext) => {
      const copy = copies[ext];
      const path = join(this.dir, `${key}.${ext}`);
      // Never written through an older link (a build stopped before its index).
      rmSync(path, { force: true });
      if (copy) writeFileSync(path, copy);
    });
    this.used[key] = [copies.br?.length ?? null, copies.gz?.length ?? null];
    this.reuse(key, file);
  }

  /** Writes the index of this build's entries and deletes every other file. */
  save(): void {
    writeFileSync(join(this.dir, `${INDEX}.next`), JSON.stringify(this.used));
    renameSync(join(this.dir, `${INDEX}.next`), join(this.dir, INDEX));
    for (const name of readdirSync(this.dir)) {
      if (name !== INDEX && !this.used[name.replace(COPY_ENDING, '')]) rmSync(join(this.dir, name), { force: true, recursive: true });
    }
  }
}

/**
 * Compresses every text file under `outDir` with brotli (at `brotliQuality`,
 * 0–11) and gzip (level 9). A copy is written only where it is smaller than
 * the file, so a server never sends more than the original. With `cacheDir`,
 * copies of content compressed by an earlier build are linked in as they are.
 */
export async function precompressSite(outDir: string, brotliQuality: number, cacheDir?: string): Promise<PrecompressResult> {
  const files = textFiles(outDir);
  const cache = cacheDir ? new CopyCache(cacheDir, brotliQuality) : undefined;
  const result: PrecompressResult = { files: 0, reused: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  try {
    for (const file of files) {
      const data = readFileSync(file);
      if (data.length < MIN_BYTES) continue;
      let sizes: Entry;
      const key = cache?.key(data);
      const reused = key ? cache!.reuse(key, file) : undefined;
      if (reused) {
        sizes = reused;
        result.reused++;
      } else {
        const copies = compress(data, brotliQuality);
        if (key) cache!.store(key, copies, file);
        else EXTENSIONS.forEach((ext) => copies[ext] && writeFileSync(`${file}.${ext}`, copies[ext]));
        sizes = [copies.br?.length ?? null, copies.gz?.length ?? null];
      }
      result.files++;
      result.bytes += data.length;
      result.brotliBytes += sizes[0] ?? 0;
      result.gzipBytes += sizes[1] ?? 0;
    }
  } finally {
    cache?.save();
  }
  return result;
}
