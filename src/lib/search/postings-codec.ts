/**
 * Postings as short JSON-safe strings. Each posting is a document (stored as
 * the gap from the previous one), a field-weighted term frequency, and the
 * word's positions in the document (for proximity and phrases). Numbers are
 * written in base 32, one character per digit, high digits first; a character
 * from the upper half of the alphabet means "more digits follow". The gap
 * carries one extra bit saying whether a weight other than 1 follows, since
 * most words occur once in a story's body.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Decoded postings of one term, in document order (compressed-row layout). */
export interface PostingList {
  docs: Int32Array;
  weights: Int32Array;
  /** Positions of posting i are positions[offsets[i]] … positions[offsets[i + 1] - 1], ascending. */
  offsets: Int32Array;
  positions: Int32Array;
}

export interface Posting {
  doc: number;
  /** Field-weighted frequency, at least 1. */
  weight: number;
  /** Ascending token positions, at least one. */
  positions: readonly number[];
}

const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const ascii = new TextDecoder();

/**
 * Characters written into a growing byte buffer: index builds encode about a
 * million numbers, and a string or array element per digit kept the garbage
 * collector busier than the encoding itself.
 */
class CodeWriter {
  private bytes = new Uint8Array(256);
  private length = 0;

  number(n: number): void {
    let digits = 1;
    for (let rest = Math.floor(n / 32); rest > 0; rest = Math.floor(rest / 32)) digits++;
    if (this.length + digits > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + digits));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    // Low digit last and unflagged; every digit before it flagged "more follow".
    for (let k = 0, at = this.length + digits - 1; k < digits; k++, at--) {
      this.bytes[at] = CODES[(n % 32) + (k > 0 ? 32 : 0)]!;
      n = Math.floor(n / 32);
    }
    this.length += digits;
  }

  text(): string {
    return ascii.decode(this.bytes.subarray(0, this.length));
  }
}

/** Encodes postings sorted by document. */
export function encodePostings(postings: readonly Posting[]): string {
  const out = new CodeWriter();
  let previous = 0;
  postings.forEach((p, i) => {
    const gap = p.doc - previous;
    if (gap < 0 || (i > 0 && gap === 0)) throw new Error('postings must be sorted by document, without repeats');
    if (!(p.weight >= 1) || p.positions.length === 0) throw new Error('each posting needs a weight of at least 1 and a position');
    out.number(gap * 2 + (p.weight === 1 ? 0 : 1));
    if (p.weight !== 1) out.number(p.weight - 2);
    out.number(p.positions.length - 1);
    let at = 0;
    for (const pos of p.positions) {
      out.number(pos - at);
      at = pos;
    }
    previous = p.doc;
  });
  return out.text();
}

/** Decodes what encodePostings wrote. */
export function decodePostings(text: string): PostingList {
  const values: number[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE[text.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error(`bad character in postings at ${i}`);
    if (v >= 32) n = n * 32 + (v - 32);
    else {
      values.push(n * 32 + v);
      n = 0;
    }
  }
  const docs: number[] = [], weights: number[] = [], offsets: number[] = [0], positions: number[] = [];
  let doc = 0;
  for (let i = 0; i < values.length; ) {
    const head = values[i++]!;
    doc += Math.floor(head / 2);
    docs.push(doc);
    weights.push(head % 2 === 1 ? values[i++]! + 2 : 1);
    const count = values[i++]! + 1;
    let at = 0;
    for (let k = 0; k < count; k++) {
      at += values[i++]!;
      positions.push(at);
    }
    offsets.push(positions.length);
  }
  return { docs: Int32Array.from(docs), weights: Int32Array.from(weights), offsets: Int32Array.from(offsets), positions: Int32Array.from(positions) };
}
