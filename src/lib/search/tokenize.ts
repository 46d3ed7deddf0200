/**
 * Words as search sees them: folded (case and diacritics, đ → d), possessive
 * 's dropped, apostrophes removed. The index builder, the query parser and the
 * highlighter all cut text here, so they always agree on what a word is.
 */
import { fold } from '../fold';
import { STOPWORDS } from './stopwords';
import { scanWords } from '../words';

/** Longest indexed term; longer "words" (URLs, hashes) are not worth a posting. */
export const MAX_TERM_LENGTH = 32;

const POSSESSIVE_RE = /['’]s$/;
const APOSTROPHE_RE = /['’]/g;

export interface TokenSpan {
  /** Offsets of the word in the original text. */
  start: number;
  end: number;
  /** The folded term ('' when the word is too short or too long to be a term). */
  term: string;
}

/** The folded term for one word as written, or '' when it cannot be a term. */
export function termOf(word: string): string {
  return termIn(word, 0, word.length, false);
}

/** The term of the word `text[start, end)`; a plain word (ASCII letters and digits) needs no Unicode folding. */
function termIn(text: string, start: number, end: number, plain: boolean): string {
  if (plain && end - start < 2) return '';
  const word = text.slice(start, end);
  const term = plain ? word.toLowerCase() : fold(word).replace(POSSESSIVE_RE, '').replace(APOSTROPHE_RE, '');
  return term.length >= 2 && term.length <= MAX_TERM_LENGTH ? term : '';
}

/** Every word of `text` with its place, for snippets and highlighting. */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  scanWords(text, (start, end, plain) => spans.push({ start, end, term: termIn(text, start, end, plain) }));
  return spans;
}

/** The terms of `text` in order, stopwords included (phrases need them). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  scanWords(text, (start, end, plain) => {
    const term = termIn(text, start, end, plain);
    if (term) terms.push(term);
  });
  return terms;
}

/** True for terms the index holds postings for. */
export function isIndexed(term: string): boolean {
  return term !== '' && !STOPWORDS.has(term);
}

/** True for terms that typo correction may produce or correct: letters only. */
export function isCorrectable(term: string): boolean {
  return /^\p{L}+$/u.test(term);
}

// The shape of a Vietnamese syllable once folded: an optional initial
// consonant, one to three vowels, an optional final consonant.
const SYLLABLE_RE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnptk])?$/;
const NAME_START_RE = /^\p{Lu}/u;
const NON_ASCII_RE = /[^\x00-\x7f]/;

/**
 * True when a word may be one syllable of a Vietnamese name ("Hà", "Nội",
 * "Nha", "Trang"): shaped like a syllable, and capitalised or written with
 * diacritics. Runs of such words are also indexed joined up ("hanoi",
 * "nhatrang"), the way English writes those names.
 */
export function isJoinablePart(word: string, term: string): boolean {
  return isSyllable(term) && (NAME_START_RE.test(word) || NON_ASCII_RE.test(word));
}

/** True when a folded term has the shape of a Vietnamese syllable ("ha", "noi", "nguyen"). */
export function isSyllable(term: string): boolean {
  return SYLLABLE_RE.test(term);
}
