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
 * Characters written into a growing byte buffer: an index build encodes
 * millions of numbers, and a string or array element per digit kept the
 * garbage collector busier than the encoding itself.
 */
class CodeWriter {
  private bytes = new Uint8Array(16);
  private length = 0;

  number(n: number): void {
    // Integer arithmetic while it is exact (every realistic posting), division beyond.
    const small = n <= 0x7fffffff;
    let digits = 1;
    for (let rest = small ? n >>> 5 : Math.floor(n / 32); rest > 0; rest = small ? rest >>> 5 : Math.floor(rest / 32)) digits++;
    if (this.length + digits > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + digits));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    // Low digit last and unflagged; every digit before it flagged "more follow".
    for (let k = 0, at = this.length + digits - 1; k < digits; k++, at--) {
      this.bytes[at] = CODES[(small ? n & 31 : n % 32) + (k > 0 ? 32 : 0)]!;
      n = small ? n >>> 5 : Math.floor(n / 32);
    }
    this.length += digits;
  }

  text(): string {
    return ascii.decode(this.bytes.subarray(0, this.length));
  }
}

/**
 * The encoded postings of one term, written one posting at a time in
 * document order: the index builder feeds each story's postings straight in
 * instead of keeping millions of posting objects until the end.
 */
export class PostingsWriter {
  private readonly out = new CodeWriter();
  private previous = 0;
  /** Postings written so far (the term's document frequency). */
  count = 0;

  /** Adds the posting of document `doc` (greater than the last one) with its weight and ascending positions. */
  add(doc: number, weight: number, positions: readonly number[]): void {
    const gap = doc - this.previous;
    if (gap < 0 || (this.count > 0 && gap === 0)) throw new Error('postings must be sorted by document, without repeats');
    if (!(weight >= 1) || positions.length === 0) throw new Error('each posting needs a weight of at least 1 and a position');
    this.out.number(gap * 2 + (weight === 1 ? 0 : 1));
    if (weight !== 1) this.out.number(weight - 2);
    this.out.number(positions.length - 1);
    let at = 0;
    for (const pos of positions) {
      this.out.number(pos - at);
      at = pos;
    }
    this.previous = doc;
    this.count++;
  }

  text(): string {
    return this.out.text();
  }
}

/** Encodes postings sorted by document. */
export function encodePostings(postings: readonly Posting[]): string {
  const writer = new PostingsWriter();
  for (const p of postings) writer.add(p.doc, p.weight, p.positions);
  return writer.text();
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
