/**
 * Highlighting and snippets as plain segments of text, so the page can put
 * them on screen with text nodes and <mark> elements: nothing from a story or
 * a query is ever parsed as HTML.
 */
import { joinedBy, tokenSpans, type TokenSpan } from './tokenize.ts';

/** A run of text, marked when it is a matched word. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Says which query word (by index) a term matches, or -1. Besides single
 * terms it is asked about runs of two to four words, joined ("hanoi" for
 * "Hà Nội") and spaced ("ho chi minh city" for an alias), with `run` set:
 * a run matches only as a whole, never as the start of the word being typed.
 * `runStarts`, when given, holds every term a matching run can begin with,
 * so that the words that begin none (nearly all of a story) are asked once.
 */
export interface TermMatcher {
  (term: string, run?: boolean): number;
  runStarts?: ReadonlySet<string>;
}

/** A matched run of words: spans `from`…`to` (inclusive) of the text. */
interface Match {
  from: number;
  to: number;
  word: number;
}

const LONGEST_RUN = 4;

/** Every matched word or run of words in `spans`, longest run first at each place. */
function matches(text: string, spans: readonly TokenSpan[], match: TermMatcher): Match[] {
  const out: Match[] = [];
  const { runStarts } = match;
  for (let i = 0; i < spans.length; i++) {
    const term = spans[i]!.term;
    if (!term) continue;
    let found: Match | undefined;
    if (!runStarts || runStarts.has(term)) {
      let n = 1;
      while (n < LONGEST_RUN && i + n < spans.length && spans[i + n]!.term && joinedBy(text, spans[i + n - 1]!.end, spans[i + n]!.start)) n++;
      for (; n >= 2 && !found; n--) {
        const run = spans.slice(i, i + n).map((s) => s.term);
        const word = Math.max(match(run.join(''), true), match(run.join(' '), true));
        if (word >= 0) found = { from: i, to: i + n - 1, word };
      }
    }
    if (!found) {
      const word = match(term);
      if (word >= 0) found = { from: i, to: i, word };
    }
    if (found) {
      out.push(found);
      i = found.to;
    }
  }
  return out;
}

function segmentsOf(text: string, spans: readonly TokenSpan[], found: readonly Match[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let cursor = from;
  const push = (t: string, mark: boolean) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += t;
    else out.push({ text: t, mark });
  };
  for (const m of found) {
    const start = spans[m.from]!.start, end = spans[m.to]!.end;
    if (start < from || end > to) continue;
    push(text.slice(cursor, start), false);
    push(text.slice(start, end), true);
    cursor = end;
  }
  push(text.slice(cursor, to), false);
  return out;
}

/** The whole text with matched words marked (headlines). */
export function highlight(text: string, match: TermMatcher): Segment[] {
  const spans = tokenSpans(text);
  return segmentsOf(text, spans, matches(text, spans, match), 0, text.length);
}

export interface Snippet {
  segments: Segment[];
  /** How many different query words the passage matches. */
  words: number;
}

/** A block this long or longer reads as prose; shorter ones are headings and table cells. */
const PROSE_WORDS = 8;

/**
 * About `words` words of one paragraph of `text` (lines are paragraphs,
 * headings or table cells; a snippet never runs from one into the next):
 * the passage matching the most different query words, in prose rather than
 * a heading or a table cell, then the most matches, then the earliest; with
 * matches marked and "…" where the paragraph was cut.
 */
export function snippet(text: string, match: TermMatcher, words: number): Snippet {
  const spans = tokenSpans(text);
  if (spans.length === 0) return { segments: [], words: 0 };
  // Paragraph of each word, and each paragraph's first and last word.
  const block = new Int32Array(spans.length);
  const starts: number[] = [0];
  // The next line break after the previous word (a word never holds one).
  let lineBreak = text.indexOf('\n', spans[0]!.end);
  for (let i = 1; i < spans.length; i++) {
    const newLine = lineBreak >= 0 && lineBreak < spans[i]!.start;
    block[i] = block[i - 1]! + (newLine ? 1 : 0);
    if (newLine) {
      starts.push(i);
      lineBreak = text.indexOf('\n', spans[i]!.end);
    }
  }
  const blockStart = (b: number) => starts[b]!;
  const blockEnd = (b: number) => (b + 1 < starts.length ? starts[b + 1]! - 1 : spans.length - 1);
  const isProse = (b: number) => blockEnd(b) - blockStart(b) + 1 >= PROSE_WORDS;

  const found = matches(text, spans, match);
  let best = { start: found.length ? -1 : 0, distinct: 0, prose: false, count: 0 };
  for (let i = 0; i < found.length; i++) {
    const b = block[found[i]!.from]!;
    const seen = new Set<number>();
    let count = 0;
    for (let j = i; j < found.length && found[j]!.from < found[i]!.from + words && block[found[j]!.from] === b; j++) {
      seen.add(found[j]!.word);
      count++;
    }
    const prose = isProse(b);
    const better = seen.size > best.distinct
      || (seen.size === best.distinct && prose && !best.prose)
      || (seen.size === best.distinct && prose === best.prose && count > best.count);
    if (better || best.start < 0) best = { start: found[i]!.from, distinct: seen.size, prose, count };
  }
  // With no match at all, the first paragraph of prose (else the first) stands in.
  if (found.length === 0) best.start = blockStart(Math.max(0, starts.findIndex((_, b) => isProse(b))));
  const b = block[best.start]!;
  const lo = blockStart(b), hi = blockEnd(b);
  // A little context before the first match reads better than starting on it.
  const first = Math.max(lo, Math.min(best.start - Math.floor(words / 5), hi - words + 1));
  const last = Math.min(hi, first + words - 1);
  // Whole paragraph ends keep their punctuation ("… said.", "“We …").
  const lineEnd = text.indexOf('\n', spans[hi]!.end);
  const from = first === lo ? text.lastIndexOf('\n', spans[lo]!.start) + 1 : spans[first]!.start;
  const to = last === hi ? (lineEnd < 0 ? text.length : lineEnd) : spans[last]!.end;
  const segments = segmentsOf(text, spans, found, from, to).map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') }));
  if (first > lo) segments.unshift({ text: '… ', mark: false });
  if (last < hi) segments.push({ text: ' …', mark: false });
  return { segments, words: best.distinct };
}
