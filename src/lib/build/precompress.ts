/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the built site,
 * for servers that send a precompressed copy instead of compressing every
 * response (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`).
 * Netlify and Cloudflare Pages compress on their own and ignore the copies.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** The name ending of a precompressed copy (`index.html.br`, `index.html.gz`). */
export const COPY_ENDING = /\.(br|gz)$/;

/** Text files worth compressing, by ending. */
const TEXT = /\.(html|css|js|mjs|json|xml|svg|txt|webmanifest)$/;
/** Below this size a compressed copy saves less than a network packet's headers. */
const MIN_BYTES = 256;
/** Compressions in flight at once: zlib runs them on libuv's worker threads. */
const PARALLEL = 8;

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

async function compress(data: Buffer, brotliQuality: number): Promise<Copies> {
  const [br, gzipped] = await Promise.all([
    brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    gz(data, { level: 9 }),
  ]);
  return { ...(br.length < data.length && { br }), ...(gzipped.length < data.length && { gz: gzipped }) };
}

/**
 * Copies kept between builds under `dir`, named for a digest of the content
 * and the brotli quality: a rebuild compresses only what changed. A build
 * keeps the entries it used and drops the rest, so the cache holds one site.
 */
class CopyCache {
  private readonly used = new Set<string>();
  constructor(private readonly dir: string, private readonly brotliQuality: number) {
    mkdirSync(dir, { recursive: true });
  }

  key(data: Buffer): string {
    return createHash('sha256').update(data).update(`q${this.brotliQuality}`).digest('hex');
  }

  get(key: string): Copies | undefined {
    const marker = join(this.dir, key);
    if (!existsSync(marker)) return undefined;
    this.used.add(key);
    const read = (ext: string) => (existsSync(`${marker}.${ext}`) ? readFileSync(`${marker}.${ext}`) : undefined);
    const [br, gzipped] = [read('br'), read('gz')];
    return { ...(br && { br }), ...(gzipped && { gz: gzipped }) };
  }

  set(key: string, copies: Copies): void {
    const marker = join(this.dir, key);
    if (copies.br) writeFileSync(`${marker}.br`, copies.br);
    if (copies.gz) writeFileSync(`${marker}.gz`, copies.gz);
    // Written last: an entry exists only once its copies do.
    writeFileSync(marker, '');
    this.used.add(key);
  }

  /** Drops every entry this build did not use. */
  prune(): void {
    for (const name of readdirSync(this.dir)) {
      if (!this.used.has(name.replace(COPY_ENDING, ''))) rmSync(join(this.dir, name), { force: true });
    }
  }
}

/**
 * Compresses every text file under `outDir` with brotli (at `brotliQuality`,
 * 0–11) and gzip (level 9). A copy is written only where it is smaller than
 * the file, so a server never sends more than the original. With `cacheDir`,
 * copies of content compressed by an earlier build are reused.
 */
export async function precompressSite(outDir: string, brotliQuality: number, cacheDir?: string): Promise<PrecompressResult> {
  const files = textFiles(outDir);
  const cache = cacheDir ? new CopyCache(cacheDir, brotliQuality) : undefined;
  const result: PrecompressResult = { files: 0, reused: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const compressOne = async (file: string) => {
    const data = readFileSync(file);
    if (data.length < MIN_BYTES) return;
    const key = cache?.key(data);
    let copies = key ? cache!.get(key) : undefined;
    if (copies) result.reused++;
    else {
      copies = await compress(data, brotliQuality);
      if (key) cache!.set(key, copies);
    }
    result.files++;
    result.bytes += data.length;
    if (copies.br) {
      writeFileSync(`${file}.br`, copies.br);
      result.brotliBytes += copies.br.length;
    }
    if (copies.gz) {
      writeFileSync(`${file}.gz`, copies.gz);
      result.gzipBytes += copies.gz.length;
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < files.length) await compressOne(files[next++]!);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  cache?.prune();
  return result;
}
