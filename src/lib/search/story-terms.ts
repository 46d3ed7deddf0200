/**
 * A story's terms with their field-weighted counts and word positions, as
 * the index holds them. The builder writes postings from it; the engine
 * reads the positions of a common word (shipped apart from its postings)
 * straight from the story's record when only a few stories need them, so
 * both must cut a story the same way: this one function.
 */
import { MAX_TERM_LENGTH, isIndexed, isJoinablePart, joinedBy, tokenSpans, tokenize } from './tokenize.ts';

/** The indexed fields of a story. */
export interface StoryFields {
  title: string;
  summary: string;
  tags: readonly string[];
  /** The place the story was filed from. */
  dateline?: string;
  /** The date as the site prints it ("20 Nov 2025"): its year is indexed, so *hanoi 2025* finds that year's Hà Nội stories. */
  dateText?: string;
  /** Body text, without the dateline run-in. */
  text: string;
}

/** How much a word in each field counts against one in the body. */
export interface FieldWeights {
  title: number;
  summary: number;
  tags: number;
}

export interface TermEntry {
  /** Field-weighted count. */
  weight: number;
  /** Ascending word positions in the story's one token stream. */
  positions: number[];
}

/** The year of a date as the site prints it: its last number of four digits. */
function yearOf(dateText: string | undefined): string | undefined {
  return dateText?.match(/\b\d{4}\b/g)?.at(-1);
}

/** The story's fields in index order, each with its weight (the dateline and the date's year weigh as a tag). */
export function weightedFields(story: StoryFields, weights: FieldWeights): [string, number][] {
  const year = yearOf(story.dateText);
  return [
    [story.title, weights.title], [story.summary, weights.summary],
    ...story.tags.map((tag): [string, number] => [tag, weights.tags]),
    ...(story.dateline ? [[story.dateline, weights.tags] as [string, number]] : []),
    ...(year ? [[year, weights.tags] as [string, number]] : []),
    [story.text, 1],
  ];
}

/** Indexed words in a story (BM25's length). */
export function storyLength(story: StoryFields): number {
  return weightedFields(story, { title: 1, summary: 1, tags: 1 }).reduce((n, [text]) => n + tokenSpans(text).filter((s) => s.term && isIndexed(s.term)).length, 0);
}

/**
 * The aliases table's names of several words ("Lunar New Year", "HCM City"),
 * by their last word: each is also indexed as one term, its words joined
 * ("lunarnewyear"), wherever they stand in a row. A query naming an alias
 * then reads one term per name instead of every word's postings and
 * positions (a phrase of common words).
 */
export type AliasRuns = ReadonlyMap<string, readonly (readonly string[])[]>;

const runsOf = new WeakMap<readonly (readonly string[])[], AliasRuns>();

const NO_RUNS: AliasRuns = new Map();
const HYPHEN = 0x2d;

/** A word of a run that may be indexed joined: its term, place and end in the text. */
interface RunWord {
  term: string;
  at: number;
  end: number;
}

/** The multi-word names of `aliases` as AliasRuns (made once per table). */
export function aliasRuns(aliases: readonly (readonly string[])[] | undefined): AliasRuns {
  if (!aliases) return NO_RUNS;
  let runs = runsOf.get(aliases);
  if (runs) return runs;
  const byLast = new Map<string, string[][]>();
  const seen = new Set<string>();
  for (const name of aliases.flat()) {
    const words = tokenize(name);
    const key = words.join('');
    if (words.length < 2 || key.length > MAX_TERM_LENGTH || seen.has(key)) continue;
    seen.add(key);
    const last = words[words.length - 1]!;
    byLast.set(last, [...(byLast.get(last) ?? []), words]);
  }
  runsOf.set(aliases, (runs = byLast));
  return runs;
}

/** The term a name is indexed by: one word as itself, several joined ("lunarnewyear"). */
export function aliasTerm(name: string): string {
  return tokenize(name).join('');
}

/**
 * Every term of the story (or only those in `only`) with its weight and
 * positions; with `runs`, each alias name also as one term at its first word.
 */
export function storyTerms(story: StoryFields, weights: FieldWeights, only?: ReadonlySet<string>, runs?: AliasRuns): Map<string, TermEntry> {
  const entries = new Map<string, TermEntry>();
  let position = 0;
  // One token stream per story (stopwords counted, so phrases can be checked),
  // with a gap between fields so that no phrase runs from one into the next.
  const push = (term: string, weight: number, at: number) => {
    if (only && !only.has(term)) return;
    const entry = entries.get(term) ?? { weight: 0, positions: [] };
    if (entry.positions.length > 0 && entry.positions[entry.positions.length - 1]! >= at) return;
    entry.weight += weight;
    entry.positions.push(at);
    entries.set(term, entry);
  };
  /**
   * `run` followed by `word` when `joined` to its last word (three words at
   * most), else `word` alone; each compound of its last two or three words
   * is indexed at its first word's place.
   */
  const extend = (run: RunWord[], word: RunWord, joined: boolean, weight: number): RunWord[] => {
    const next = joined ? [...run.slice(-2), word] : [word];
    for (let n = 2; n <= next.length; n++) {
      const compound = next.slice(-n).map((p) => p.term).join('');
      if (compound.length <= MAX_TERM_LENGTH) push(compound, weight, next[next.length - n]!.at);
    }
    return next;
  };
  const add = (text: string, weight: number) => {
    // Two runs of neighbouring words also indexed joined, at the first word's place:
    // - words that may be syllables of a name ("Hà Nội", "Nha Trang"), joined as
    //   English writes them ("hanoi", "nhatrang");
    // - words written with a hyphen ("start-up", "e-mail", "long-term"), joined
    //   as readers type them ("startup", "email").
    let syllables: RunWord[] = [];
    let hyphened: RunWord[] = [];
    /** The field's words so far, for the alias names ending at each. */
    const field: { term: string; at: number; start: number; end: number }[] = [];
    /** The last word of `run` when it is the word just before this one. */
    const before = (run: RunWord[]) => (run.at(-1)?.at === position - 1 ? run.at(-1) : undefined);
    for (const span of tokenSpans(text)) {
      const { term } = span;
      if (!term) continue;
      if (isIndexed(term)) push(term, weight, position);
      const word = { term, at: position, end: span.end };
      const hyphen = before(hyphened);
      hyphened = extend(hyphened, word, !!hyphen && span.start === hyphen.end + 1 && text.charCodeAt(hyphen.end) === HYPHEN, weight);
      if (isJoinablePart(text.slice(span.start, span.end), term)) {
        const syllable = before(syllables);
        syllables = extend(syllables, word, !!syllable && joinedBy(text, syllable.end, span.start), weight);
      } else syllables = [];
      if (runs?.size) {
        // A name's key is at most MAX_TERM_LENGTH letters of words of two or more: 16 words.
        if (field.push({ term, at: position, start: span.start, end: span.end }) > MAX_TERM_LENGTH / 2) field.shift();
      }
      for (const name of runs?.get(term) ?? []) {
        const from = field.length - name.length;
        // The name's words in a row, with only spaces or hyphens between them (as the highlighter marks it).
        if (from >= 0 && name.every((w, k) => field[from + k]!.term === w && (k === 0 || joinedBy(text, field[from + k - 1]!.end, field[from + k]!.start)))) {
          push(name.join(''), weight, field[from]!.at);
        }
      }
      position++;
    }
    position++;
  };
  for (const [text, weight] of weightedFields(story, weights)) add(text, weight);
  return entries;
}
