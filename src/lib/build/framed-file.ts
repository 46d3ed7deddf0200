/**
 * The layout of the build cache's binary files (the kept search index's list
 * of files, the stories' terms; the kept bodies are a log of records in the
 * same shape, src/lib/content/body-texts.ts): a JSON header saying what follows, then
 * the bytes it describes. The header's length comes first, as four bytes
 * (little-endian), so the bytes need no escaping and are read as they are.
 */

import { closeSync, openSync, readSync } from 'node:fs';

/**
 * `header` and `parts` (bytes, or text written as UTF-8) as one buffer, each
 * part written straight into it (16 MB of terms at 10,000 stories is copied
 * once), after `lead` bytes the caller fills (the kept index's digest of the
 * rest).
 */
export function framed(header: unknown, parts: readonly (Uint8Array | string)[], lead = 0): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const size = parts.reduce((sum, part) => sum + (typeof part === 'string' ? Buffer.byteLength(part) : part.length), 0);
  const out = Buffer.allocUnsafe(lead + 4 + json.length + size);
  let at = out.writeUInt32LE(json.length, lead);
  at += json.copy(out, at);
  for (const part of parts) {
    if (typeof part === 'string') at += out.write(part, at);
    else {
      out.set(part, at);
      at += part.length;
    }
  }
  return out;
}

/** The header and the bytes after it; throws when `data` is too short to hold its header. */
export function unframed<H>(data: Buffer): { header: H; body: Buffer } {
  const end = 4 + data.readUInt32LE(0);
  if (end > data.length) throw new Error('cut short in its header');
  return { header: JSON.parse(data.subarray(4, end).toString('utf8')) as H, body: data.subarray(end) };
}

/**
 * The `bytes` bytes of `file` from `start` (one part of a log the build cache
 * keeps, read where it is), or `undefined` when the file ends before them.
 */
export function bytesAt(file: string, start: number, bytes: number): Buffer | undefined {
  const data = Buffer.allocUnsafe(bytes);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, data, 0, bytes, start) === bytes ? data : undefined;
  } finally {
    closeSync(fd);
  }
}
