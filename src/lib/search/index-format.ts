/**
 * The search index as the browser fetches it: one small manifest at a fixed
 * address and, under a folder named for the build, shards fetched on demand.
 *
 *   index.json          manifest: document lengths and sections, shard bounds, tuning
 *   <build>/v<i>.json   vocabulary shard i: a run of the sorted terms, with document frequencies
 *   <build>/p<i>.json   postings shard i: the postings of a run of terms (by term number)
 *   <build>/s<i>.json   suffix shard i: terms sorted by their reversed spelling
 *   <build>/d<i>.json   document i: what a result shows, and its text for snippets
 *   <build>/h<i>.json   headline shard i: what a result shows, for a run of documents
 *   <build>/e.json      entities: sections, tags, sources, places, people and aliases the suggestions offer
 *
 * The first query fetches only what it needs. Afterwards the worker quietly
 * loads more, as far as `prefetch` allows: every shard when the whole index is
 * small, so that later queries need the network only for snippet text; or
 * just the vocabulary, suffix and headline shards, leaving postings on demand.
 * Types only, shared by the builder (Node) and the engine (worker, tests).
 */

export const INDEX_VERSION = 1;
export const MANIFEST_FILE = 'index.json';

/** Ranking knobs the browser needs; set in site.config.ts, carried in the manifest. */
export interface SearchTuning {
  /** BM25 term-frequency saturation and length normalisation. */
  k1: number;
  b: number;
  /** Shortest typed word that is corrected for typos. */
  typoMinLength: number;
  /** Words at least this long may have two typos instead of one. */
  twoTypoMinLength: number;
  /** Weight of a corrected word against the word as typed, by number of edits (1, 2). */
  typoWeights: readonly [number, number];
  /** Weight of a completion of the word being typed ("parlia" → "parliament"). */
  completionWeight: number;
  /** At most this many corrections and completions per query word. */
  maxExpansions: number;
  /** Words around the match in a result's snippet. */
  snippetWords: number;
  /** Closeness of the query words raises a story's score by up to this factor (1 = doubles it)… */
  proximityWeight: number;
  /** …fading over about this many words between them… */
  proximityScale: number;
  /** …for this many leading stories. */
  proximityCandidates: number;
}

export interface SectionRef {
  id: string;
  name: string;
}

export interface SearchManifest {
  version: typeof INDEX_VERSION;
  /** Content hash of the whole index; names the folder of the shards. */
  build: string;
  docCount: number;
  /** Indexed words per document, and their mean (BM25 length normalisation). */
  lengths: number[];
  avgLength: number;
  sections: SectionRef[];
  /** Index into `sections` for each document (section filter). */
  docSections: number[];
  /** First term of each vocabulary shard, ascending; each holds `vocabShardTerms` terms (the last fewer). */
  vocabShards: string[];
  vocabShardTerms: number;
  /** Number of the first term of each postings shard, ascending. */
  postingShards: number[];
  /** First reversed term of each suffix shard, ascending. */
  suffixShards: string[];
  /** Documents per headline shard. */
  headlineShardSize: number;
  /** What to load in the background after the first query (see above). */
  prefetch: 'all' | 'lookup' | 'none';
  tuning: SearchTuning;
  /** Groups of names meaning one thing ("Saigon", "Hồ Chí Minh City", "HCMC"): a query naming one finds them all. */
  aliases: string[][];
}

export interface VocabShard {
  /** Sorted terms: term number = shard number × vocabShardTerms + place here. */
  terms: string[];
  /** Stories holding each term. */
  df: number[];
}

export interface PostingShard {
  /** Postings of consecutive terms, in the postings-codec format. */
  postings: string[];
}

export interface SuffixShard {
  /** Correctable terms spelt backwards, sorted: a suffix is a contiguous run. */
  reversed: string[];
}

export interface SearchThumbnail {
  src: string;
  width: number;
  height: number;
  /** A larger file for sharp screens (`srcset`): its URL and width. */
  large?: { src: string; width: number };
}

/** One document as a result shows it. */
export interface DocRecord {
  url: string;
  title: string;
  summary: string;
  section: SectionRef;
  /** ISO date-time, for `<time datetime>`. */
  date: string;
  /** The date as the site prints it in listings. */
  dateText: string;
  thumbnail?: SearchThumbnail;
  /** Plain body text, for snippets and phrase checks. */
  text: string;
}

/** What a result shows: a document without its text. */
export type DocHeadline = Omit<DocRecord, 'text'>;

/** Headlines of a run of documents, field by field (one array per field keeps it small). */
export interface HeadlineShard {
  url: string[];
  title: string[];
  summary: string[];
  /** Index into the manifest's sections. */
  section: number[];
  date: string[];
  dateText: string[];
  thumbnail: (SearchThumbnail | 0)[];
}

export const headlineShardFile = (build: string, i: number) => `${build}/h${i}.json`;
export const vocabShardFile = (build: string, i: number) => `${build}/v${i}.json`;
export const postingShardFile = (build: string, i: number) => `${build}/p${i}.json`;
export const suffixShardFile = (build: string, i: number) => `${build}/s${i}.json`;
export const docFile = (build: string, i: number) => `${build}/d${i}.json`;
export const entitiesFile = (build: string) => `${build}/e.json`;

/** Reverses a term by UTF-16 code units; builder and engine only need to agree. */
export function reverseTerm(term: string): string {
  let out = '';
  for (let i = term.length - 1; i >= 0; i--) out += term[i];
  return out;
}

/** Index of the last bound ≤ key (0 when key is before every bound). */
export function shardFor(bounds: readonly string[], key: string): number {
  let lo = 0, hi = bounds.length - 1, found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
