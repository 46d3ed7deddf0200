/**
 * Text to index terms for the related-stories engine: the words of the one
 * word scanner, folded (src/lib/text/words.ts: "Đà Nẵng" → "da nang",
 * "Britain's" → "britain"), words of one character left out, English
 * stopwords dropped (the `stopword` package's list) unless the story writes
 * them as a syllable of a Vietnamese name ("Hội An"), and the rest reduced to
 * their Porter stem (the `stemmer` package: "elections" → "elect"). Why
 * search's terms differ (no stemming, fewer stopwords): src/lib/text/words.ts.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { foldWord, isNameSyllable, sameName, scanWords, startsSentence } from '../text/words.ts';

/** Words shorter than this carry no meaning of their own ("a", "s", "3"). */
export const MIN_WORD_LENGTH = 2;

const STOPWORDS: ReadonlySet<string> = new Set(eng.map((w) => foldWord(w)));
const NON_ASCII_RE = /[^\x00-\x7f]/;

/** The folded words of a text, in order (stopwords included). */
export function words(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (start, end, plain) => {
    const word = foldWord(text.slice(start, end), plain);
    if (word.length >= MIN_WORD_LENGTH) out.push(word);
  });
  return out;
}

/** The index terms of a text, in order: folded words, stopwords dropped (name syllables kept), stemmed. */
export function tokenize(text: string): string[] {
  const tokenizer = new TermTokenizer();
  return Array.from(tokenizer.termIds(text), (id) => tokenizer.terms[id]!);
}

/** What a word as written is to the tokenizer: always a term, never one, or a term only inside a name. */
const NOT_A_TERM = -1;
/** Codes at or below this are stopwords kept only inside a name: `NAME_ONLY - code` indexes `nameOnly`. */
const NAME_ONLY = -2;

/**
 * A tokeniser for corpus-wide work that hands out interned term ids. A
 * corpus has far fewer distinct words than word occurrences, so each word as
 * written is folded, checked and stemmed once and remembered in a hash table
 * read straight from the text, without making a string for every occurrence.
 */
export class TermTokenizer {
  /** Term text by id. */
  readonly terms: string[] = [];
  private readonly idOfTerm = new Map<string, number>();
  /** Stems of the stopwords that are kept inside a name. */
  private readonly nameOnly: string[] = [];
  // Open-addressing table of distinct words as written, one record of SLOT
  // ints per slot (hash, where the word's characters start in `pool` + 1
  // (0 = empty), its length with IN_NAME set when it may be a name syllable,
  // its code: a term id, NOT_A_TERM or a NAME_ONLY code), so that a lookup
  // reads one record and one run of the pool instead of chasing strings.
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
   * The term ids of the words of `text`, in order, in a buffer that the next
   * call reuses (read it before calling again).
   */
  termIds(text: string): Int32Array {
    // A word takes at least one character and a separator.
    const n = text.length;
    if (this.ids.length < (n >> 1) + 1) this.ids = new Int32Array(Math.max((n >> 1) + 1, this.ids.length * 2));
    const ids = this.ids;
    let count = 0;
    // The word before (its end and whether it may be a name syllable), and a
    // stopword waiting to see whether the next word makes it part of a name.
    let before = -1, beforeInName = false, waiting = NOT_A_TERM;
    scanWords(text, (start, end, _plain, hash) => {
      const at = this.slotOf(text, start, end, hash);
      const code = this.slots[at + 3]!;
      const inName = (this.slots[at + 2]! & IN_NAME) !== 0;
      if (waiting <= NAME_ONLY) {
        if (inName && sameName(text, before, start)) ids[count++] = this.nameTerm(waiting);
        waiting = NOT_A_TERM;
      }
      if (code >= 0) ids[count++] = code;
      else if (code <= NAME_ONLY) {
        if (beforeInName && sameName(text, before, start)) ids[count++] = this.nameTerm(code);
        else if (!startsSentence(text, before, start)) waiting = code;
      }
      before = end;
      beforeInName = inName;
    });
    return ids.subarray(0, count);
  }

  private nameTerm(code: number): number {
    return this.intern(this.nameOnly[NAME_ONLY - code]!);
  }

  /** The record of the word `text[start, end)` (`hash`: its wordHash), added when new. */
  private slotOf(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const { slots, pool } = this;
    const mask = slots.length / SLOT - 1;
    let at = (hash & mask) * SLOT;
    for (;;) {
      const from = slots[at + 1]! - 1;
      if (from < 0) break;
      if (slots[at] === hash && (slots[at + 2]! & ~IN_NAME) === length && samePooledWord(pool, from, text, start, end)) return at;
      at = (at + SLOT) & (slots.length - 1);
    }
    const written = text.slice(start, end);
    const [code, inName] = this.classify(written);
    if (this.poolUsed + length > this.pool.length) {
      const grown = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      grown.set(this.pool);
      this.pool = grown;
    }
    for (let j = 0; j < length; j++) this.pool[this.poolUsed + j] = written.charCodeAt(j);
    slots[at] = hash;
    slots[at + 1] = this.poolUsed + 1;
    slots[at + 2] = inName ? length | IN_NAME : length;
    slots[at + 3] = code;
    this.poolUsed += length;
    if (2 * ++this.wordCount > slots.length / SLOT) {
      this.rehash();
      return this.slotOf(text, start, end, hash);
    }
    return at;
  }

  /** A word as written: its code, and whether it may be a syllable of a name. */
  private classify(written: string): [number, boolean] {
    const word = foldWord(written);
    if (word.length < MIN_WORD_LENGTH) return [NOT_A_TERM, false];
    const inName = isNameSyllable(written, word);
    if (!STOPWORDS.has(word) || (inName && NON_ASCII_RE.test(written))) return [this.intern(stemmer(word)), inName];
    if (!inName) return [NOT_A_TERM, false];
    this.nameOnly.push(stemmer(word));
    return [NAME_ONLY - (this.nameOnly.length - 1), true];
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

/** Ints per record of TermTokenizer's word table (a power of two: records never straddle its end). */
const SLOT = 4;
/** The bit of a record's length that says the word may be a syllable of a name. */
const IN_NAME = 1 << 30;

/** True when `pool[from…]` holds `text[start, end)` (lengths already equal). */
function samePooledWord(pool: Uint16Array, from: number, text: string, start: number, end: number): boolean {
  for (let i = start, j = from; i < end; i++, j++) if (pool[j] !== text.charCodeAt(i)) return false;
  return true;
}
