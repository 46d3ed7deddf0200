/**
 * Text to index terms for the related-stories engine: Unicode letters and
 * digits, case and diacritics folded (src/lib/text/fold.ts, "Đà Nẵng" → "da nang"),
 * apostrophes inside words dropped ("Britain's" → "britains"), words of one
 * character left out, English stopwords dropped (the `stopword` package's
 * list) and the rest reduced to their Porter stem (the `stemmer` package:
 * "elections" → "elect"). Search cuts words its own way, unstemmed and with
 * their places in the text (src/lib/search/tokenize.ts); both fold the same.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { fold } from './text/fold';

/** Words shorter than this carry no meaning of their own ("a", "s", "3"). */
export const MIN_WORD_LENGTH = 2;

const APOSTROPHES_RE = /['’]/g;
// Stopwords are compared the way words are read: folded, without apostrophes ("don't" → "dont").
const STOPWORDS: ReadonlySet<string> = new Set(eng.map((w) => fold(w).replace(APOSTROPHES_RE, '')));

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const WORD_CHAR_RE = /^[\p{L}\p{M}\p{N}]$/u;

/** Letters, marks and digits: ASCII by table, the rest by Unicode property. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[a-z0-9]/i.test(String.fromCharCode(c)) ? 1 : 0;

/** Length in code units of the word character at `i` (2 for an astral letter), or 0 for a separator. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c]!;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && WORD_CHAR_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return WORD_CHAR_RE.test(text[i]!) ? 1 : 0;
}

/**
 * Walks the words of already folded text: calls `visit(start, end, length)`
 * for each run of word characters and apostrophes, where `length` counts
 * the code units that are not apostrophes.
 */
function scanWords(folded: string, visit: (start: number, end: number, length: number) => void): void {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    let step = c === APOSTROPHE || c === RIGHT_QUOTE ? 0 : wordCharLength(folded, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    let length = 0;
    while (i < n) {
      const d = folded.charCodeAt(i);
      if (d === APOSTROPHE || d === RIGHT_QUOTE) {
        i++;
        continue;
      }
      step = wordCharLength(folded, i);
      if (step === 0) break;
      length += step;
      i += step;
    }
    if (length >= MIN_WORD_LENGTH) visit(start, i, length);
  }
}

function wordAt(folded: string, start: number, end: number, length: number): string {
  const raw = folded.slice(start, end);
  return raw.length === length ? raw : raw.replace(APOSTROPHES_RE, '');
}

/** The folded words of a text, in order. */
export function words(text: string): string[] {
  const folded = fold(text);
  const out: string[] = [];
  scanWords(folded, (start, end, length) => out.push(wordAt(folded, start, end, length)));
  return out;
}

/** The index term of one folded word, or undefined for a stopword. */
export function termOf(word: string): string | undefined {
  return STOPWORDS.has(word) ? undefined : stemmer(word);
}

/** The index terms of a text, in order: folded words, stopwords dropped, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const term = termOf(word);
    if (term !== undefined) out.push(term);
  }
  return out;
}

/**
 * A tokeniser for corpus-wide work that hands out interned term ids. A
 * corpus has far fewer distinct words than word occurrences, so each word's
 * term is found once and remembered in a hash table read straight from the
 * text, without making a string for every occurrence.
 */
export class TermTokenizer {
  /** Term text by id. */
  readonly terms: string[] = [];
  private readonly idOfTerm = new Map<string, number>();
  // Open-addressing table of distinct words, one record of SLOT ints per
  // slot (hash, where the word's characters start in `pool` + 1 (0 = empty),
  // its length, its term id or -1 for a stopword), so that a lookup reads
  // one record and one run of the pool instead of chasing strings.
  private slots = new Int32Array(SLOT << 14);
  private pool = new Uint16Array(1 << 16);
  private poolUsed = 0;
  private wordCount = 0;
  private ids = new Int32Array(1024);

  /** The id of a term, adding it when new. */
  intern(term: string): number {
    let id = this.idOfTerm.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.idOfTerm.set(term, id);
    }
    return id;
  }

  /**
   * The term ids of the words of `text` that are not stopwords, in order,
   * in a buffer that the next call reuses (read it before calling again).
   */
  termIds(text: string): Int32Array {
    // The same words as scanWords, read in one pass that also hashes each
    // word (FNV-1a over its code units, apostrophes skipped): this loop reads
    // every character of the corpus, so ASCII is decided by table, inline.
    const folded = fold(text);
    const n = folded.length;
    // A word takes at least two characters and a separator.
    if (this.ids.length < (n >> 1) + 1) this.ids = new Int32Array(Math.max((n >> 1) + 1, this.ids.length * 2));
    const ids = this.ids;
    let count = 0;
    let i = 0;
    while (i < n) {
      const c = folded.charCodeAt(i);
      if (c < 128 ? ASCII_WORD[c] === 0 : c === RIGHT_QUOTE || wordCharLength(folded, i) === 0) {
        i++;
        continue;
      }
      const start = i;
      let length = 0;
      let hash = 0x811c9dc5;
      while (i < n) {
        const d = folded.charCodeAt(i);
        if (d < 128) {
          if (ASCII_WORD[d] === 1) {
            hash = Math.imul(hash ^ d, 0x01000193);
            length++;
            i++;
          } else if (d === APOSTROPHE) i++;
          else break;
        } else if (d === RIGHT_QUOTE) i++;
        else {
          const step = wordCharLength(folded, i);
          if (step === 0) break;
          hash = Math.imul(hash ^ d, 0x01000193);
          if (step === 2) hash = Math.imul(hash ^ folded.charCodeAt(i + 1), 0x01000193);
          length += step;
          i += step;
        }
      }
      if (length < MIN_WORD_LENGTH) continue;
      const term = this.termOfWord(folded, start, i, length, hash);
      if (term >= 0) ids[count++] = term;
    }
    return ids.subarray(0, count);
  }

  /** Term id (-1 for a stopword) of the word in `folded[start, end)`, adding the word when new. */
  private termOfWord(folded: string, start: number, end: number, length: number, hash: number): number {
    const { slots, pool } = this;
    const mask = slots.length / SLOT - 1;
    let at = (hash & mask) * SLOT;
    for (;;) {
      const from = slots[at + 1]! - 1;
      if (from < 0) break;
      if (slots[at] === hash && slots[at + 2] === length && samePooledWord(pool, from, folded, start, end)) return slots[at + 3]!;
      at = (at + SLOT) & (slots.length - 1);
    }
    const text = wordAt(folded, start, end, length);
    const stem = termOf(text);
    const term = stem === undefined ? -1 : this.intern(stem);
    if (this.poolUsed + length > this.pool.length) {
      const grown = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      grown.set(this.pool);
      this.pool = grown;
    }
    for (let j = 0; j < length; j++) this.pool[this.poolUsed + j] = text.charCodeAt(j);
    slots[at] = hash;
    slots[at + 1] = this.poolUsed + 1;
    slots[at + 2] = length;
    slots[at + 3] = term;
    this.poolUsed += length;
    if (2 * ++this.wordCount > slots.length / SLOT) this.rehash();
    return term;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(old.length * 2));
    const mask = slots.length / SLOT - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + 1] === 0) continue;
      let at = (old[from]! & mask) * SLOT;
      while (slots[at + 1] !== 0) at = (at + SLOT) & (slots.length - 1);
      slots.set(old.subarray(from, from + SLOT), at);
    }
  }
}

/** Ints per record of TermTokenizer's word table. */
const SLOT = 4;

/** True when `pool[from…]` holds `folded[start, end)` without its apostrophes (lengths already equal). */
function samePooledWord(pool: Uint16Array, from: number, folded: string, start: number, end: number): boolean {
  let j = from;
  for (let i = start; i < end; i++) {
    const c = folded.charCodeAt(i);
    if (c === APOSTROPHE || c === RIGHT_QUOTE) continue;
    if (pool[j++] !== c) return false;
  }
  return true;
}
