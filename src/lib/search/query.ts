/**
 * Reads what the reader typed: free words, and "quoted phrases" that must
 * appear as written. Words are folded like the index (Hà Nội → ha noi).
 */
import { QUESTION_WORDS } from './stopwords.ts';
import { MAX_TERM_LENGTH, isIndexed, tokenSpans, type TokenSpan } from './tokenize.ts';
import { foldWord, isSyllable } from '../text/words.ts';

export interface QueryWord {
  term: string;
  /** The word still being typed (last in the box, no space after it): completions count. */
  partial: boolean;
  /** Inside a quoted phrase: matched exactly, never corrected. */
  exact: boolean;
  /**
   * A word that is no term but may be a syllable of a name: a single letter
   * being typed after a word ("sai g", "hoi a"), or a stopword shaped like
   * a syllable ("can" in "can tho"). It counts only as part of a name the
   * index holds joined ("saigon", "cantho"), and is dropped when it joins none.
   */
  joinOnly?: true;
  /**
   * For a word typed with hyphens ("start-up", read as "startup"), its parts
   * as words: what it is read as when the index lacks the joined word
   * ("hanoi-based" → "hanoi", "based").
   */
  parts?: QueryWord[];
}

export interface ParsedQuery {
  /** Distinct searchable words, in the order typed. */
  words: QueryWord[];
  /** Quoted phrases of two or more words, as term sequences (stopwords kept). */
  phrases: string[][];
}

const QUOTE_RE = /["“”„]/;

/** The word as searched: an unindexed word shaped like a syllable ("an", "can") only joins names; any other is left out. */
function readWord(word: QueryWord): QueryWord | undefined {
  return isIndexed(word.term) ? word : word.term && !word.exact && isSyllable(word.term) ? { ...word, joinOnly: true } : undefined;
}

/** Splits a query into words and phrases. */
export function parseQuery(input: string): ParsedQuery {
  const words: QueryWord[] = [];
  const phrases: string[][] = [];
  const add = (input: QueryWord) => {
    const word = readWord(input);
    if (!word) return;
    if (word.joinOnly) {
      words.push(word);
      return;
    }
    const same = words.find((w) => w.term === word.term);
    if (!same) words.push(word);
    else {
      same.exact ||= word.exact;
      same.partial &&= word.partial;
    }
  };
  // Odd pieces of the split are inside quotes; an unclosed quote runs to the end.
  const pieces = input.split(QUOTE_RE);
  const endsOpen = !/[\s"“”„]$/.test(input);
  pieces.forEach((piece, i) => {
    const spans = tokenSpans(piece).filter((s) => s.term !== '');
    if (i % 2 === 1) {
      const terms = spans.map((s) => s.term);
      if (terms.length > 1) phrases.push(terms);
      for (const term of terms) add({ term, partial: false, exact: true });
      return;
    }
    for (let j = 0; j < spans.length; j++) {
      // Words written with a hyphen ("start-up", "e-mail") are one word, as
      // the index holds them joined (story-terms.ts): two or three of them,
      // unless all are syllables of a name ("Bà Rịa-Vũng Tàu" joins as a name).
      let k = j;
      while (k + 1 < spans.length && k - j < 2 && spans[k + 1]!.start === spans[k]!.end + 1 && piece[spans[k]!.end] === '-') k++;
      const parts = spans.slice(j, k + 1);
      const joined = parts.map((p) => p.term).join('');
      const one = parts.length > 1 && joined.length <= MAX_TERM_LENGTH && !parts.every((p) => isSyllable(p.term));
      // Only the piece's last word can end where the piece does.
      const partial = (span: TokenSpan) => i === pieces.length - 1 && span.end === piece.length && endsOpen;
      if (one) {
        const read = parts.flatMap((p) => readWord({ term: p.term, partial: partial(p), exact: false }) ?? []);
        add({ term: joined, partial: partial(parts.at(-1)!), exact: false, parts: read });
      } else for (const span of parts) add({ term: span.term, partial: partial(span), exact: false, ...(span.initials && { parts: [] }) });
      j = k;
    }
    // One letter being typed at the very end: kept, flagged, for the names it may begin.
    const tail = i === pieces.length - 1 && endsOpen ? /(?:^|\s)(\p{L})$/u.exec(piece) : null;
    const letter = tail ? foldWord(tail[1]!) : '';
    if (letter.length === 1 && /^[a-z]$/.test(letter) && words.length > 0) words.push({ term: letter, partial: true, exact: false, joinOnly: true });
  });
  return { words: aboutWords(words), phrases };
}

/**
 * A question's framing words ("what happened in hanoi", "latest danang news")
 * are left out where the query has another word: it is the subject, and a
 * story holding "happened" or "news" is no nearer to it. One shaped like a
 * syllable ("me") may still be part of a name; quoted words are kept.
 */
function aboutWords(words: QueryWord[]): QueryWord[] {
  const framing = (w: QueryWord) => !w.exact && QUESTION_WORDS.has(w.term);
  if (!words.some((w) => !w.joinOnly && !framing(w))) return words;
  return words.flatMap((w) => (!framing(w) ? [w] : isSyllable(w.term) ? [{ ...w, joinOnly: true as const }] : []));
}
