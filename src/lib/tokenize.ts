/**
 * Text to index terms, shared by the related-stories engine and search so
 * that both read words the same way: Unicode letters and digits, case and
 * diacritics folded (src/lib/fold.ts, "Đà Nẵng" → "da nang"), apostrophes
 * inside words dropped ("Britain's" → "britains"), words of one character
 * left out, English stopwords dropped (the `stopword` package's list) and the
 * rest reduced to their Porter stem (the `stemmer` package: "elections" →
 * "elect").
 *
 * Plain TypeScript with browser-safe dependencies, so it also runs in the
 * search island.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { fold } from './fold';

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
  // Open-addressing table of distinct words: slot → word index + 1 (0 = empty).
  private slots = new Int32Array(1 << 14);
  private readonly wordText: string[] = [];
  private wordHash: Int32Array = new Int32Array(1 << 13);
  /** Term id of each distinct word, -1 for a stopword. */
  private wordTerm: Int32Array = new Int32Array(1 << 13);

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

  /** Calls `visit` with the term id of every word of `text` that is not a stopword, in order. */
  forEachTerm(text: string, visit: (termId: number) => void): void {
    const folded = fold(text);
    scanWords(folded, (start, end, length) => {
      // FNV-1a over the word's code units, apostrophes skipped.
      let hash = 0x811c9dc5;
      for (let i = start; i < end; i++) {
        const c = folded.charCodeAt(i);
        if (c !== APOSTROPHE && c !== RIGHT_QUOTE) hash = Math.imul(hash ^ c, 0x01000193);
      }
      const term = this.wordTerm[this.find(folded, start, end, length, hash)]!;
      if (term >= 0) visit(term);
    });
  }

  /** Index of the word in `folded[start, end)`, adding it when new. */
  private find(folded: string, start: number, end: number, length: number, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      const word = entry - 1;
      if (this.wordHash[word] === hash && sameWord(this.wordText[word]!, folded, start, end, length)) return word;
      slot = (slot + 1) & mask;
    }
    const word = this.wordText.length;
    const text = wordAt(folded, start, end, length);
    const term = termOf(text);
    if (word === this.wordHash.length) {
      this.wordHash = grow(this.wordHash);
      this.wordTerm = grow(this.wordTerm);
    }
    this.wordText.push(text);
    this.wordHash[word] = hash;
    this.wordTerm[word] = term === undefined ? -1 : this.intern(term);
    this.slots[slot] = word + 1;
    if (2 * this.wordText.length > this.slots.length) this.rehash();
    return word;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let word = 0; word < this.wordText.length; word++) {
      let slot = this.wordHash[word]! & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = word + 1;
    }
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** True when `word` equals `folded[start, end)` without its apostrophes. */
function sameWord(word: string, folded: string, start: number, end: number, length: number): boolean {
  if (word.length !== length) return false;
  let j = 0;
  for (let i = start; i < end; i++) {
    const c = folded.charCodeAt(i);
    if (c === APOSTROPHE || c === RIGHT_QUOTE) continue;
    if (word.charCodeAt(j++) !== c) return false;
  }
  return true;
}
