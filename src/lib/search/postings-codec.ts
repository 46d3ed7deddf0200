/**
 * Postings as short JSON-safe strings. Each posting is a document number
 * (stored as the gap from the previous one) and a weighted term frequency.
 * Numbers are written in base 32 with one character per digit, high digits
 * first; a digit character from the upper half of the alphabet means "more
 * digits follow". The gap carries one extra bit saying whether a frequency
 * other than 1 follows, since most words occur once in a story.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

function writeNumber(n: number, out: string[]): void {
  const digits: number[] = [];
  do {
    digits.push(n & 31);
    n = Math.floor(n / 32);
  } while (n > 0);
  for (let i = digits.length - 1; i >= 0; i--) out.push(ALPHABET[digits[i]! + (i > 0 ? 32 : 0)]!);
}

/** Encodes postings sorted by document number; frequencies must be ≥ 1. */
export function encodePostings(docs: readonly number[], freqs: readonly number[]): string {
  const out: string[] = [];
  let previous = 0;
  for (let i = 0; i < docs.length; i++) {
    const gap = docs[i]! - previous;
    const freq = freqs[i]!;
    if (gap < 0 || (i > 0 && gap === 0)) throw new Error('postings must be sorted by document, without repeats');
    if (!(freq >= 1)) throw new Error('term frequencies must be at least 1');
    writeNumber(gap * 2 + (freq === 1 ? 0 : 1), out);
    if (freq !== 1) writeNumber(freq - 2, out);
    previous = docs[i]!;
  }
  return out.join('');
}

/** Decodes to [doc0, freq0, doc1, freq1, ...]. */
export function decodePostings(text: string): Int32Array {
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
  const out: number[] = [];
  let doc = 0;
  for (let i = 0; i < values.length; ) {
    const head = values[i++]!;
    doc += Math.floor(head / 2);
    const freq = head % 2 === 1 ? values[i++]! + 2 : 1;
    out.push(doc, freq);
  }
  return Int32Array.from(out);
}
