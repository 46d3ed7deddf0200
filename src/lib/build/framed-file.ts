/**
 * The layout of the build cache's binary files (the kept search index, the
 * stories' terms; the kept bodies are a log of records in the same shape,
 * src/lib/content/body-texts.ts): a JSON header saying what follows, then
 * the bytes it describes. The header's length comes first, as four bytes
 * (little-endian), so the bytes need no escaping and are read as they are.
 */

/** `header` and `parts` as one buffer. */
export function framed(header: unknown, parts: readonly Uint8Array[]): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([length, json, ...parts]);
}

/** The header and the bytes after it; throws when `data` is too short to hold its header. */
export function unframed<H>(data: Buffer): { header: H; body: Buffer } {
  const end = 4 + data.readUInt32LE(0);
  if (end > data.length) throw new Error('cut short in its header');
  return { header: JSON.parse(data.subarray(4, end).toString('utf8')) as H, body: data.subarray(end) };
}
