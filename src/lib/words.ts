/**
 * What a word is, for every part of Dispatch that reads words: search (index,
 * query, highlight), related stories, reading time and the importer's word
 * repair. A word is a run of letters, combining marks and digits in any
 * script, with single apostrophes inside it ("O'Brien", "don't",
 * "Vietnam’s"); anything else separates words. The scanner reads text in one
 * pass without regular expressions: it runs over every character of every
 * story at build time and over every result's text in the search worker.
 */

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

/**
 * Calls `visit(start, end, plain)` for each word of `text`, in order: the word
 * is `text.slice(start, end)`, and `plain` is true when it is ASCII letters and
 * digits only (no apostrophe, nothing to fold), which callers take as a fast path.
 */
export function scanWords(text: string, visit: (start: number, end: number, plain: boolean) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let step = wordCharLength(text, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    let plain = true;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c >= 128) plain = false;
      i += step;
      if (i >= n) break;
      step = wordCharLength(text, i);
      if (step > 0) continue;
      // An apostrophe joins two word characters, and nothing else.
      const d = text.charCodeAt(i);
      if ((d !== APOSTROPHE && d !== RIGHT_QUOTE) || i + 1 >= n || (step = wordCharLength(text, i + 1)) === 0) break;
      plain = false;
      i++;
    }
    visit(start, i, plain);
  }
}

/** The words of `text` as written, in order. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}
