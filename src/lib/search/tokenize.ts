/**
 * Words as search sees them: the one word scanner's words, folded
 * (src/lib/text/words.ts: case and diacritics, đ → d, possessive 's and
 * apostrophes dropped), unstemmed. The index builder, the query parser and
 * the highlighter all cut text here, so they always agree on what a word is.
 * Why search keeps more stopwords than related and does not stem:
 * src/lib/text/words.ts.
 */
import { foldWord, isNameSyllable, scanWords } from '../text/words.ts';
import { STOPWORDS } from './stopwords.ts';

/** Longest indexed term; longer "words" (URLs, hashes) are not worth a posting. */
export const MAX_TERM_LENGTH = 32;

export interface TokenSpan {
  /** Offsets of the word in the original text. */
  start: number;
  end: number;
  /** The folded term ('' when the word is too short or too long to be a term). */
  term: string;
  /** Initials written with dots, read as one word ("U.S." → "us"). */
  initials?: true;
}

/** The folded term for one word as written, or '' when it cannot be a term. */
export function termOf(word: string): string {
  return termIn(word, 0, word.length, false);
}

/** The term of the word `text[start, end)`; a plain word (ASCII letters and digits) needs no Unicode folding. */
function termIn(text: string, start: number, end: number, plain: boolean): string {
  if (plain && end - start < 2) return '';
  const term = foldWord(text.slice(start, end), plain);
  return term.length >= 2 && term.length <= MAX_TERM_LENGTH ? term : '';
}

/** Every word of `text` with its place, for snippets and highlighting. */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  scanTerms(text, (start, end, term, initials) => spans.push(initials ? { start, end, term, initials } : { start, end, term }));
  return spans;
}

/** The terms of `text` in order, stopwords included (phrases need them). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  scanTerms(text, (_start, _end, term) => {
    if (term) terms.push(term);
  });
  return terms;
}

/**
 * The words of `text` with their terms. Initials written with dots ("U.S.",
 * "U.K.", "H.C.M.C") are one word of their letters joined ("us", "uk",
 * "hcmc"), the way readers type them: a single letter is no word on its own,
 * so "the U.S. economy" would otherwise be found only by "economy". The span
 * runs from the first letter to the last (the last dot is often the full stop).
 */
function scanTerms(text: string, visit: (start: number, end: number, term: string, initials?: true) => void): void {
  /** The run of dotted letters so far: its start, the end of its last letter, its letters, whether its first is plain. */
  let from = -1, to = -1, letters = '', firstPlain = false;
  const flush = () => {
    if (from < 0) return;
    if (letters.length > 1) {
      const term = foldWord(letters);
      visit(from, to, term.length >= 2 && term.length <= MAX_TERM_LENGTH ? term : '', true);
    } else visit(from, to, termIn(text, from, to, firstPlain));
    from = -1;
    letters = '';
  };
  scanWords(text, (start, end, plain) => {
    const letter = end - start <= 2 && isLetter(text.slice(start, end));
    if (letter && from >= 0 && start === to + 1 && text.charCodeAt(to) === DOT) {
      letters += text.slice(start, end);
      to = end;
      return;
    }
    flush();
    if (letter && text.charCodeAt(end) === DOT) {
      from = start;
      to = end;
      letters = text.slice(start, end);
      firstPlain = plain;
    } else visit(start, end, termIn(text, start, end, plain));
  });
  flush();
}

const DOT = 0x2e;
const LETTER_RE = /^\p{L}$/u;

/** True when `word` is one letter (one code point). */
function isLetter(word: string): boolean {
  return LETTER_RE.test(word);
}

/** True for terms the index holds postings for. */
export function isIndexed(term: string): boolean {
  return term !== '' && !STOPWORDS.has(term);
}

/** True for terms that typo correction may produce or correct: letters only. */
export function isCorrectable(term: string): boolean {
  return /^\p{L}+$/u.test(term);
}

/**
 * Runs of words that may be syllables of a name ("Hà Nội", "Nha Trang") are
 * also indexed joined up ("hanoi", "nhatrang"), the way English writes them.
 */
export { isNameSyllable as isJoinablePart };

const SPACE_RE = /\s/;

/**
 * True when `text[from, to)` is only white space and hyphens (and not
 * empty): the words on either side may be one name written in parts ("Hà
 * Nội", "Bà Rịa-Vũng Tàu"). The index builder joins such words, and the
 * highlighter marks them, by this one rule.
 */
export function joinedBy(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x2d && c !== 0x20 && !(c >= 0x09 && c <= 0x0d) && (c < 0x80 || !SPACE_RE.test(text[i]!))) return false;
  }
  return true;
}
