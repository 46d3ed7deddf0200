/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the built site,
 * for servers that send a precompressed copy instead of compressing every
 * response (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`).
 * Netlify and Cloudflare Pages compress on their own and ignore the copies.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text files worth compressing, by ending. */
const TEXT = /\.(html|css|js|mjs|json|xml|svg|txt|webmanifest)$/;
/** Below this size a compressed copy saves less than a network packet's headers. */
const MIN_BYTES = 256;
/** Compressions in flight at once: zlib runs them on libuv's worker threads. */
const PARALLEL = 8;

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && TEXT.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Compresses every text file under `outDir` with brotli (at `brotliQuality`,
 * 0–11) and gzip (level 9). A copy is written only where it is smaller than
 * the file, so a server never sends more than the original.
 */
export async function precompressSite(outDir: string, brotliQuality: number): Promise<PrecompressResult> {
  const files = textFiles(outDir);
  const result: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const compressOne = async (file: string) => {
    const data = readFileSync(file);
    if (data.length < MIN_BYTES) return;
    const [br, gzipped] = await Promise.all([
      brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      gz(data, { level: 9 }),
    ]);
    result.files++;
    result.bytes += data.length;
    if (br.length < data.length) {
      writeFileSync(`${file}.br`, br);
      result.brotliBytes += br.length;
    }
    if (gzipped.length < data.length) {
      writeFileSync(`${file}.gz`, gzipped);
      result.gzipBytes += gzipped.length;
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < files.length) await compressOne(files[next++]!);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return result;
}
