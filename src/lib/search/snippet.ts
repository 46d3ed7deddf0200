/**
 * Highlighting and snippets as plain segments of text, so the page can put
 * them on screen with text nodes and <mark> elements: nothing from a story or
 * a query is ever parsed as HTML.
 */
import { tokenSpans, type TokenSpan } from './tokenize';

/** A run of text, marked when it is a matched word. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Says which query word (by index) a term matches, or -1. */
export type TermMatcher = (term: string) => number;

function segmentsOf(text: string, spans: readonly TokenSpan[], match: TermMatcher, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let cursor = from;
  const push = (t: string, mark: boolean) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += t;
    else out.push({ text: t, mark });
  };
  for (const span of spans) {
    if (span.start < from || span.end > to || !span.term || match(span.term) < 0) continue;
    push(text.slice(cursor, span.start), false);
    push(text.slice(span.start, span.end), true);
    cursor = span.end;
  }
  push(text.slice(cursor, to), false);
  return out;
}

/** The whole text with matched words marked (headlines). */
export function highlight(text: string, match: TermMatcher): Segment[] {
  return segmentsOf(text, tokenSpans(text), match, 0, text.length);
}

export interface Snippet {
  segments: Segment[];
  /** How many different query words the passage matches. */
  words: number;
}

/**
 * About `words` words of `text` around the passage that matches the most
 * different query words (then the most matches, then the earliest), with
 * matches marked and "…" where text was cut.
 */
export function snippet(text: string, match: TermMatcher, words: number): Snippet {
  const spans = tokenSpans(text);
  if (spans.length === 0) return { segments: [], words: 0 };
  const hits: { at: number; word: number }[] = [];
  spans.forEach((s, at) => {
    const word = s.term ? match(s.term) : -1;
    if (word >= 0) hits.push({ at, word });
  });
  let best = { start: 0, distinct: 0, count: 0 };
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<number>();
    let count = 0;
    for (let j = i; j < hits.length && hits[j]!.at < hits[i]!.at + words; j++) {
      seen.add(hits[j]!.word);
      count++;
    }
    if (seen.size > best.distinct || (seen.size === best.distinct && count > best.count)) {
      best = { start: hits[i]!.at, distinct: seen.size, count };
    }
  }
  // A little context before the first match reads better than starting on it.
  const first = Math.max(0, Math.min(best.start - Math.floor(words / 5), spans.length - words));
  const last = Math.min(spans.length - 1, first + words - 1);
  const from = first === 0 ? 0 : spans[first]!.start;
  const to = last === spans.length - 1 ? text.length : spans[last]!.end;
  const segments = segmentsOf(text, spans, match, from, to).map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') }));
  if (first > 0) segments.unshift({ text: '… ', mark: false });
  if (last < spans.length - 1) segments.push({ text: ' …', mark: false });
  return { segments, words: best.distinct };
}
