/**
 * Turning a source file's bytes into text, or saying why they cannot be:
 * empty, binary, or not in an encoding we can read without guessing.
 */

export type DecodedSource =
  | { ok: true; text: string; warning?: string }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a source file as UTF-8 (a byte-order mark is dropped; UTF-16 with
 * a byte-order mark is read too). A file that is not UTF-8 is refused unless
 * `fallbackEncoding` names the legacy encoding to read it with (for example
 * `windows-1252`); then the text comes with a warning saying so. Line endings
 * become `\n` and the text is put in Unicode normal form C.
 */
export function decodeSource(bytes: Uint8Array, fallbackEncoding?: string): DecodedSource {
  if (bytes.length === 0) return { ok: false, reason: 'is empty' };
  let text: string;
  let warning: string | undefined;
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (bom16) {
    try {
      text = new TextDecoder(bom16, { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, reason: `starts like ${bom16.toUpperCase()} text but its bytes are not; save it as UTF-8` };
    }
  } else {
    if (looksBinary(bytes)) return { ok: false, reason: 'is a binary file, not text' };
    try {
      text = utf8.decode(bytes);
    } catch {
      const where = firstInvalidUtf8(bytes);
      if (!fallbackEncoding) {
        return {
          ok: false,
          reason: `is not UTF-8 text (byte 0x${where.byte.toString(16).toUpperCase()} on line ${where.line}); save it as UTF-8, or pass --encoding with its legacy encoding, such as windows-1252`,
        };
      }
      text = new TextDecoder(fallbackEncoding).decode(bytes);
      warning = `is not UTF-8 text (byte 0x${where.byte.toString(16).toUpperCase()} on line ${where.line}); read as ${fallbackEncoding}`;
    }
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.includes('\uFFFD')) {
    return { ok: false, reason: 'contains U+FFFD replacement characters: its text was damaged by an earlier wrong decoding' };
  }
  if (text.trim() === '') return { ok: false, reason: 'is empty (only white space)' };
  return { ok: true, text, warning };
}

/** NUL bytes, or more than 1% control characters other than tab, newline and form feed, in the first 8 KB. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > head.length / 100;
}

/** The first byte that breaks UTF-8, and its line number. */
function firstInvalidUtf8(bytes: Uint8Array): { byte: number; line: number } {
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return { byte: b, line };
    try {
      utf8.decode(bytes.subarray(i, i + length));
    } catch {
      return { byte: b, line };
    }
    if (b === 0x0a) line++;
    i += length;
  }
  return { byte: bytes[0] ?? 0, line };
}
