import { scanWords } from './words.ts';

/**
 * Counts words the way readers see them: the scanner's words (src/lib/text/words.ts),
 * where a hyphen or apostrophe between two of them makes one ("well-known",
 * "rock'n'roll") and so does a point or comma inside a number ("41.2", "1,200").
 */
export function countWords(text: string): number {
  let count = 0;
  let before = -1;
  scanWords(text, (start, end) => {
    if (before < 0 || !joinsWords(text, before, start)) count++;
    before = end;
  });
  return count;
}

/** True when `text[from, to)` joins the words on either side into one: hyphens and apostrophes, or one . or , before a digit. */
function joinsWords(text: string, from: number, to: number): boolean {
  if (to - from === 1 && (text[from] === '.' || text[from] === ',')) return DIGIT_RE.test(text[to] ?? '');
  for (let i = from; i < to; i++) if (!JOINER.includes(text[i]!)) return false;
  return true;
}

const JOINER = "-'’";
const DIGIT_RE = /\p{N}/u;

/** Minutes a reader needs for `words` at `wordsPerMinute`, rounded up, never less than one. */
export function readingMinutes(words: number, wordsPerMinute: number): number {
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}
