/**
 * What a word is, for every part of Dispatch that reads words: search (index,
 * query, highlight), related stories, reading time and the importer's word
 * repair. A word is a run of letters, combining marks and digits in any
 * script, with single apostrophes inside it ("O'Brien", "don't",
 * "Vietnam’s"); anything else separates words. A word is folded one way
 * everywhere (`foldWord`: case and diacritics, đ → d, possessive 's and
 * apostrophes dropped), and one rule says when a word is a syllable of a
 * Vietnamese name (`isNameSyllable`).
 *
 * Search and related stories then turn words into terms differently, on
 * purpose, and only here is that said:
 *
 * - **Stemming.** Related stems (Porter: "elections" → "elect"), so stories
 *   about the same thing share terms however they inflect them. Search's
 *   index does not: it marks the words of a result as written. A query word
 *   is read with its other forms instead (the vocabulary's words of the same
 *   Porter2 stem, src/lib/search/engine.ts), and a one-letter typo correction
 *   or a completion joins "student" and "students" too.
 * - **Stopwords.** Related drops the full English list of the `stopword`
 *   package, as function words only blur which stories are alike; but it
 *   keeps one that the story writes as a syllable of a Vietnamese name
 *   (`isNameSyllable`): with diacritics ("Tô Lâm", "Đỗ"), or capitalised next
 *   to another name syllable, after it ("Hội An", "Hoi An") or before it where
 *   no sentence starts ("in An Giang"; a sentence's first word is capitalised
 *   anyway). Search drops only a short list (src/lib/search/stopwords.ts)
 *   that spares every two-letter Vietnamese syllable ("an", "to", "do",
 *   "my"), whatever its context: a reader types *hoi an* in lower case with
 *   no sentence around it, so the index must hold "an" wherever it stands.
 * - **Length.** Both leave out one-letter words; search also leaves out
 *   words longer than 32 letters (URLs, hashes), not worth a posting.
 *
 * The scanner reads text in one pass without regular expressions: it runs
 * over every character of every story at build time, and over every result's
 * text in the search worker.
 */
import { fold } from './fold.ts';

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const WORD_CHAR_RE = /^[\p{L}\p{M}\p{N}]$/u;

/** 1 for an ASCII letter or digit. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[a-z0-9]/i.test(String.fromCharCode(c)) ? 1 : 0;
/** Other characters of the Basic Multilingual Plane, classified once each: 0 not yet, 1 word, 2 separator. */
const BMP_WORD = new Uint8Array(0x10000);

/** Length in code units of the word character at `i` (2 for an astral letter), or 0 for a separator. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c]!;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && WORD_CHAR_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  let kind = BMP_WORD[c]!;
  if (kind === 0) BMP_WORD[c] = kind = WORD_CHAR_RE.test(text[i]!) ? 1 : 2;
  return kind === 1 ? 1 : 0;
}

/** FNV-1a over a word's UTF-16 code units, as scanWords hands it out. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The hash scanWords gives the word `text[start, end)`. */
export function wordHash(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/**
 * Calls `visit(start, end, plain, hash)` for each word of `text`, in order:
 * the word is `text.slice(start, end)`, `plain` is true when it is ASCII
 * letters and digits only (no apostrophe, nothing to fold), which callers
 * take as a fast path, and `hash` is `wordHash` of it, for callers that
 * look words up without making a string of each.
 */
export function scanWords(text: string, visit: (start: number, end: number, plain: boolean, hash: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let step = c < 128 ? ASCII_WORD[c]! : wordCharLength(text, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    let plain = true;
    let hash = FNV_OFFSET;
    for (;;) {
      hash = Math.imul(hash ^ c, FNV_PRIME);
      if (c >= 128) {
        plain = false;
        if (step === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME);
      }
      i += step;
      if (i >= n) break;
      c = text.charCodeAt(i);
      step = c < 128 ? ASCII_WORD[c]! : wordCharLength(text, i);
      if (step > 0) continue;
      // An apostrophe joins two word characters, and nothing else.
      if ((c !== APOSTROPHE && c !== RIGHT_QUOTE) || i + 1 >= n || (step = wordCharLength(text, i + 1)) === 0) break;
      plain = false;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      c = text.charCodeAt(++i);
    }
    visit(start, i, plain, hash);
  }
}

/** The words of `text` as written, in order. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}

const POSSESSIVE_RE = /['’]s$/;
const APOSTROPHE_RE = /['’]/g;

/**
 * A word as every tokenizer compares it: case and diacritics folded (đ → d),
 * possessive 's dropped ("Britain's" → "britain"), apostrophes removed
 * ("don't" → "dont"). `plain` (from scanWords) skips the Unicode work.
 */
export function foldWord(word: string, plain = false): string {
  return plain ? word.toLowerCase() : fold(word).replace(POSSESSIVE_RE, '').replace(APOSTROPHE_RE, '');
}

// The shape of a Vietnamese syllable once folded: an optional initial
// consonant, one to three vowels, an optional final consonant.
const SYLLABLE_RE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnptk])?$/;
const NAME_START_RE = /^\p{Lu}/u;
const NON_ASCII_RE = /[^\x00-\x7f]/;

/** True when a folded word has the shape of a Vietnamese syllable ("ha", "noi", "nguyen"). */
export function isSyllable(folded: string): boolean {
  return SYLLABLE_RE.test(folded);
}

/**
 * True when a folded word reads as two or more syllables of two letters or
 * more written joined, as English writes Vietnamese names ("halong",
 * "dalat", "nhatrang"). Many English words read so too ("debate"): this says
 * only that the word may be a name.
 */
export function isJoinedSyllables(folded: string): boolean {
  return syllableCount(folded) >= 2;
}

/** The most syllables a folded word splits into ("danang" 2, "hochiminh" 3); 0 when it does not split into syllables. */
export function syllableCount(folded: string): number {
  // parts[i]: the most syllables folded[0, i) splits into (−1: it does not split).
  const parts = new Array<number>(folded.length + 1).fill(-1);
  parts[0] = 0;
  for (let i = 0; i < folded.length; i++) {
    if (parts[i]! < 0) continue;
    for (let j = i + 2; j <= Math.min(folded.length, i + 7); j++) {
      if (SYLLABLE_RE.test(folded.slice(i, j))) parts[j] = Math.max(parts[j]!, parts[i]! + 1);
    }
  }
  return Math.max(0, parts[folded.length]!);
}

const INITIAL_RE = /^(?:ngh?|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])$/;

/** True when a folded word may be a syllable still being typed: a syllable, or its first consonants ("g", "ng", "th"). */
export function isSyllableStart(folded: string): boolean {
  return isSyllable(folded) || INITIAL_RE.test(folded);
}

/**
 * True when a word may be one syllable of a Vietnamese name ("Hà", "Nội",
 * "Hoi", "An"): shaped like a syllable once folded, and capitalised or
 * written with diacritics.
 */
export function isNameSyllable(word: string, folded: string): boolean {
  return isSyllable(folded) && (NAME_START_RE.test(word) || NON_ASCII_RE.test(word));
}

/** True when only spaces or hyphens (no line break) stand between two words: they may be one name. */
export function sameName(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x2d && c !== 0x09 && c !== 0xa0) return false;
  }
  return from < to;
}

/** True when the word after `text[from, to)` starts a sentence: no word before it, or a stop, colon or line break between. */
export function startsSentence(text: string, from: number, to: number): boolean {
  if (from < 0) return true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // . ! ? : ; … and line breaks
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x3b || c === 0x2026 || c === 0x0a || c === 0x0d) return true;
  }
  return false;
}
