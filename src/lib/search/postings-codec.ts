/**
 * Postings as short JSON-safe strings, two per term: one of documents (each
 * stored as the gap from the previous one), then their field-weighted term
 * frequencies, and one of the word's positions in each document (for
 * proximity and phrases), which a common word ships apart. Numbers are
 * written in base 32, one character per digit, high digits first; a character
 * from the upper half of the alphabet means "more digits follow". Gaps and
 * weights are written as two runs, all gaps first: each run is more alike
 * within itself, and gzip compresses a common word's list 12% smaller so.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/**
 * Decoded postings of one term, in document order (compressed-row layout).
 * A common word's positions are shipped in a file of their own
 * (index-format.ts), so a list may arrive without them and get them later.
 */
export interface PostingList {
  docs: Int32Array;
  weights: Int32Array;
  /** Positions of posting i are positions[offsets[i]] … positions[offsets[i + 1] - 1], ascending; absent until fetched. */
  offsets?: Int32Array;
  positions?: Int32Array;
}

/** A term's postings as two strings: stories and weights, and the stories' word positions. */
export interface EncodedPostings {
  docs: string;
  positions: string;
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
  private readonly gaps = new CodeWriter();
  private readonly weights = new CodeWriter();
  private readonly places = new CodeWriter();
  private previous = 0;
  /** Postings written so far (the term's document frequency). */
  count = 0;

  /** Adds the posting of document `doc` (greater than the last one) with its weight and ascending positions. */
  add(doc: number, weight: number, positions: ArrayLike<number> & Iterable<number>): void {
    const gap = doc - this.previous;
    if (gap < 0 || (this.count > 0 && gap === 0)) throw new Error('postings must be sorted by document, without repeats');
    if (!(weight >= 1) || positions.length === 0) throw new Error('each posting needs a weight of at least 1 and a position');
    this.gaps.number(gap);
    this.weights.number(weight - 1);
    this.places.number(positions.length - 1);
    let at = 0;
    for (const pos of positions) {
      this.places.number(pos - at);
      at = pos;
    }
    this.previous = doc;
    this.count++;
  }

  /** The stories and weights, and the positions, as written so far. */
  encoded(): EncodedPostings {
    return { docs: this.gaps.text() + this.weights.text(), positions: this.places.text() };
  }
}

/** Encodes postings sorted by document. */
export function encodePostings(postings: readonly Posting[]): EncodedPostings {
  const writer = new PostingsWriter();
  for (const p of postings) writer.add(p.doc, p.weight, p.positions);
  return writer.encoded();
}

/** The numbers of an encoded string. */
function numbers(text: string): number[] {
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
  return values;
}

/** Decodes what encodePostings wrote: the stories and weights, and the positions when given. */
export function decodePostings(encoded: { docs: string; positions?: string }): PostingList {
  const values = numbers(encoded.docs);
  const count = values.length / 2;
  if (!Number.isInteger(count)) throw new Error('postings lack a weight');
  const docs = new Int32Array(count), weights = new Int32Array(count);
  for (let i = 0, doc = 0; i < count; i++) {
    doc += values[i]!;
    docs[i] = doc;
    weights[i] = values[count + i]! + 1;
  }
  const list: PostingList = { docs, weights };
  if (encoded.positions !== undefined) Object.assign(list, decodePositions(encoded.positions, docs.length));
  return list;
}

/** Decodes the positions of `count` postings. */
export function decodePositions(text: string, count: number): { offsets: Int32Array; positions: Int32Array } {
  const values = numbers(text);
  const offsets = new Int32Array(count + 1), positions: number[] = [];
  let i = 0;
  for (let p = 0; p < count; p++) {
    const n = (values[i++] ?? NaN) + 1;
    let at = 0;
    for (let k = 0; k < n; k++) {
      at += values[i++]!;
      positions.push(at);
    }
    offsets[p + 1] = positions.length;
  }
  if (i !== values.length || positions.some(Number.isNaN)) throw new Error('positions do not match their postings');
  return { offsets, positions: Int32Array.from(positions) };
}
