/**
 * A story read from a source file, before word repair and before it becomes
 * an article: the parts every source format is mapped into.
 */
import { DIRECTION_CONTROLS } from '../content/article-file.ts';
import { fold } from '../text/fold.ts';

export type SourceFormat = 'agency-page' | 'plain-text';

/** A photo the source described but did not include. */
export interface PhotoNote {
  /** Empty when the page printed only a credit. */
  caption: string;
  credit?: string;
}

export interface Story {
  format: SourceFormat;
  title: string;
  /** The standfirst. */
  summary: string;
  /** Body paragraphs, plain text. */
  body: string[];
  dateline?: string;
  source?: string;
  /** Captions of photos the page showed; the first is the lead photo. */
  photos: PhotoNote[];
  /** Teasers for other stories ("See more") left out as page chrome. */
  teasersDropped: number;
  /** What the importer left out of the page or changed in it, for the report. */
  notes: string[];
}

export type StoryResult = { ok: true; story: Story } | { ok: false; reason: string };

/** The longest headline and standfirst the schema accepts. */
export const MAX_TITLE = 300;
export const MAX_SUMMARY = 2000;

const DIRECTIONS_RE = new RegExp(`[${DIRECTION_CONTROLS}]`, 'g');

/**
 * A line of text with its runs of white space made single spaces, and
 * without direction embeddings, overrides and isolates, which the site
 * refuses in a field (article-file.ts).
 */
export function cleanLine(line: string): string {
  return line.replace(DIRECTIONS_RE, '').replace(/[\s\u00A0\u200B]+/g, ' ').trim();
}

/** True when two texts say the same words, whatever their spacing, case, accents or punctuation. */
export function sameText(a: string, b: string): boolean {
  const key = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
  return key(a) !== '' && key(a) === key(b);
}

/** Why a first line cannot be a headline, or undefined when it can. */
export function headlineProblem(line: string | undefined): string | undefined {
  if (line === undefined || line === '') return 'has no headline: the file has no text';
  if (!/\p{L}/u.test(line)) return `has no headline: its first line "${line.slice(0, 40)}" has no words`;
  if (line.length > MAX_TITLE) {
    return `has no headline: its first line is ${line.length} characters long, a paragraph rather than a headline (at most ${MAX_TITLE})`;
  }
  return undefined;
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Chooses the standfirst from the opening paragraphs: the first paragraph,
 * which then leaves the body so the page does not print it twice. When it is
 * the only paragraph, or too long for a standfirst, its first sentence is
 * the standfirst and the rest of it stays in the body.
 */
export function standfirstAndBody(paragraphs: readonly string[]): { summary: string; body: string[]; note?: string } {
  const [first = '', ...rest] = paragraphs;
  if (rest.length > 0 && first.length <= MAX_SUMMARY) return { summary: first, body: rest };
  const parts = [...sentences.segment(first)].map((s) => s.segment);
  let summary = (parts[0] ?? first).trim();
  if (summary.length > MAX_SUMMARY) {
    summary = `${summary.slice(0, MAX_SUMMARY - 1).replace(/\s+\S*$/, '')}…`;
    return { summary, body: paragraphs.slice(), note: 'the opening sentence is too long for a standfirst: it was shortened there and kept whole in the body' };
  }
  const remainder = parts.slice(1).join('').trim();
  if (remainder === '' && rest.length === 0) {
    return { summary, body: [first], note: 'the story is one sentence: the standfirst and the body repeat it' };
  }
  return { summary, body: remainder === '' ? rest : [remainder, ...rest] };
}

/** "1 teaser", "8 teasers". */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
