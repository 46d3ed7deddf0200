/**
 * The search index as the browser fetches it: one small manifest at a fixed
 * address, and files named by a digest of their own content in one folder
 * (cached for a year: a file's name changes whenever its content does).
 *
 *   index.json       manifest: story count, sections, tuning, and which files hold what
 *   f/v….json        vocabulary bucket: the terms starting with one prefix, their
 *                    document frequencies, and the files of their postings
 *   f/p….json        postings chunk: the postings of a run of a bucket's terms, named
 *                    for its first term and a short digest (chunkNames)
 *   f/q….json        a common word's positions, shipped apart from its postings
 *   f/s….json        suffix bucket: terms ending with one suffix, spelt backwards
 *   f/d….json        directory: the headline shards of a run of stories
 *   f/h….json        headline shard: what a result shows for a run of stories, and a
 *                    digest of their records (so its name changes when one does); named
 *                    for its run and a short digest (headlineNames)
 *   f/r….json        one story's record: what a result shows, and its text for snippets,
 *                    named for its headline shard and its place in it (recordName)
 *   f/c….json        the section of each story of a run (the section filter)
 *   f/e….json        entities: sections, tags, sources, places, people and aliases the suggestions offer
 *   f/k….json        known words: English words no story may hold, by prefix (never corrected; known-words.ts)
 *
 * Shard boundaries never depend on the position of a term or a story among the
 * others: terms are bucketed by their first letters (a bucket too big is split
 * by one letter more, so a small index has few buckets), and a bucket's postings are cut into chunks before
 * the terms whose hash is a multiple of a power of two;
 * stories are numbered oldest first, so a new story takes the next number and
 * joins the last run. One story's change renames only the files holding its
 * terms and its record, the few that list those, and the manifest.
 *
 * Postings carry each story's frequency already divided by its length
 * against `normLength` (BM25's length normalisation), so the browser never
 * needs every story's length.
 *
 * The first query fetches only what it needs. Afterwards the worker quietly
 * loads more, as far as `prefetch` allows: every file but the stories' records
 * when the whole index is small; or just the vocabulary, suffix, directory and
 * headline files, leaving postings on demand.
 * Types only (and the rules both sides must share), for the builder (Node)
 * and the engine (worker, tests).
 */

export const INDEX_VERSION = 7;
export const MANIFEST_FILE = 'index.json';
/** The folder of the content-named files, under the index root. */
export const CONTENT_FOLDER = 'f';
/** A posting's weight is its length-normalised frequency times this, rounded. */
export const IMPACT_SCALE = 8;

/** Ranking knobs the browser needs; set in site.config.ts, carried in the manifest. */
export interface SearchTuning {
  /** BM25 term-frequency saturation and length normalisation (`b` is applied when the index is built). */
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
  /** Weight of another form of a word, of the same Porter2 stem ("floods" → "flooding", "flooded"). */
  formWeight: number;
  /** At most this many corrections and completions per query word. */
  maxExpansions: number;
  /**
   * A word the stories use is meant as typed: its near forms of the same
   * length (a letter changed or two swapped: firms → films, farms) are left
   * out unless one is more than this many times as common as the word (a
   * misspelling the archive also holds: recieve → receive). Near forms of
   * another length (firm → firms, labor → labour) always count. 0 keeps
   * every near form.
   */
  knownWordRatio: number;
  /** Words around the match in a result's snippet. */
  snippetWords: number;
  /** Closeness of the query words raises a story's score by up to this factor (1 = doubles it)… */
  proximityWeight: number;
  /** …fading over about this many words between them… */
  proximityScale: number;
  /** …for this many leading stories. */
  proximityCandidates: number;
  /**
   * Most story records a query reads for the positions of common words
   * (shipped apart from their postings) among those leading stories that
   * could still reach the page shown; past it, a story without them is not raised.
   */
  proximityRecords: number;
}

export interface SectionRef {
  id: string;
  name: string;
}

/** Sorted bucket keys (prefixes) and the file of each. */
export interface PrefixBuckets {
  keys: string[];
  files: string[];
}

export interface SearchManifest {
  version: typeof INDEX_VERSION;
  docCount: number;
  /** The story length (indexed words) that postings were normalised against: the mean, to two figures. */
  normLength: number;
  /** A story record's mean length in characters, to two figures: what reading one story's positions from it costs. */
  recordLength: number;
  sections: SectionRef[];
  /** Vocabulary buckets by term prefix. */
  vocab: PrefixBuckets;
  /** Suffix buckets by the start of the reversed term. */
  suffix: PrefixBuckets;
  /**
   * English words, read only for a word the vocabulary lacks (it is meant as
   * typed): runs of the sorted words, each key a start of its run's first word.
   */
  known: PrefixBuckets;
  /** Stories per headline shard, and headline shards per directory. */
  headlineShardSize: number;
  directorySize: number;
  /** Directory files, in story order. */
  directories: string[];
  /** Stories per section file, and the section files in story order. */
  sectionShardSize: number;
  sectionShards: string[];
  /** The entities file (suggestions). */
  entities: string;
  /** What to load in the background after the first query (see above). */
  prefetch: 'all' | 'lookup' | 'none';
  tuning: SearchTuning;
  /** Groups of names meaning one thing ("Saigon", "Hồ Chí Minh City", "HCMC"): a query naming one finds them all. */
  aliases: string[][];
}

export interface VocabShard {
  /** The bucket's terms, sorted. */
  terms: string[];
  /** Stories holding each term. */
  df: number[];
  /**
   * A chunk holds a run of the terms: one starts at the first term and at each
   * term whose hash is a multiple of `every` (chunkStarts).
   */
  every: number;
  /** Each chunk's version, `VERSION_LETTERS` letters each, one after another (chunkNames). */
  postings: string;
}

/** A common word's positions, in a file of their own: its name and length in characters. */
export interface PositionsRef {
  file: string;
  length: number;
}

export interface PostingShard {
  /** Sorted terms, and their stories and weights in the postings-codec format… */
  terms: string[];
  postings: string[];
  /** …and their positions, or for a common word the file holding them. */
  positions: (string | PositionsRef)[];
}

export interface PositionsShard {
  /** A term's positions in the postings-codec format, in the order of its postings. */
  positions: string;
}

export interface SuffixShard {
  /** Correctable terms spelt backwards, sorted: a suffix is a contiguous run. */
  reversed: string[];
}

export interface KnownWordsShard {
  /** The lists' copyright notice, which their licence asks every copy to carry. */
  notice: string;
  /**
   * The bucket's words, sorted and front-coded: each is a digit, how many
   * letters it shares with the word before (at most 9), then the rest of it
   * (words are letters only; 40% smaller gzipped than a list).
   */
  words: string;
}

/** Front-codes sorted words of letters only (KnownWordsShard). */
export function frontCode(words: readonly string[]): string {
  let out = '', previous = '';
  for (const word of words) {
    let shared = 0;
    while (shared < 9 && word[shared] !== undefined && word[shared] === previous[shared]) shared++;
    out += shared + word.slice(shared);
    previous = word;
  }
  return out;
}

/** The words of a front-coded string (frontCode). */
export function frontDecode(coded: string): string[] {
  const words: string[] = [];
  for (let i = 0; i < coded.length; ) {
    let j = i + 1;
    while (j < coded.length && (coded[j]! < '0' || coded[j]! > '9')) j++;
    words.push((words.at(-1) ?? '').slice(0, Number(coded[i])) + coded.slice(i + 1, j));
    i = j;
  }
  return words;
}

export interface DirectoryShard {
  /** Its headline shards' versions, `VERSION_LETTERS` letters each, in story order (headlineNames). */
  headlines: string;
}

/** The start of the name of headline shard `run` (the stories `run` × its size onwards): it stays while the run lasts. */
export const headlineLineage = (run: number) => `h${run.toString(36)}-`;

/** The file of the `k`th headline shard of a directory whose first run is `first`. */
export const headlineName = (directory: DirectoryShard, first: number, k: number) =>
  headlineLineage(first + k) + directory.headlines.slice(k * VERSION_LETTERS, (k + 1) * VERSION_LETTERS);

/** The headline shard files of a directory whose first run is `first`. */
export function headlineNames(directory: DirectoryShard, first: number): string[] {
  return Array.from({ length: directory.headlines.length / VERSION_LETTERS }, (_, k) => headlineName(directory, first, k));
}

export interface SectionShard {
  /** Index into the manifest's sections for each story of the run. */
  sections: number[];
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
  /** Tags and dateline: with the headline, summary, the date's year (of `dateText`) and text, the words the story was indexed by (its positions). */
  tags: string[];
  dateline?: string;
  /** Plain body text, for snippets and phrase checks. */
  text: string;
}

/** What a result shows: a document without its text. */
export type DocHeadline = Omit<DocRecord, 'text' | 'tags' | 'dateline'>;

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
  /** A digest of the run's records, in order: the shard's name, and so theirs, changes when one of them does. */
  records: string;
}

/** Path under the index root of a content-named file. */
export const contentPath = (name: string) => `${CONTENT_FOLDER}/${name}.json`;

/**
 * The file of the record of the `k`th story of headline shard `headline`:
 * a story's record is found from the directory alone, without its headline
 * shard (closeness reads the records of stories no page shows).
 */
export const recordName = (headline: string, k: number) => `r${headline.slice(1)}-${k}`;

/** FNV-1a over UTF-16 code units: where a bucket's postings are cut into chunks, and a chunk's name. */
export function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const startsOf = new WeakMap<object, readonly number[]>();

/** Where each of a bucket's postings chunks starts (an index into its terms); worked out once a bucket. */
export function chunkStarts(bucket: { terms: readonly string[]; every: number }): readonly number[] {
  let starts = startsOf.get(bucket);
  if (!starts) {
    const found: number[] = [];
    bucket.terms.forEach((term, i) => (i === 0 || termHash(term) % bucket.every === 0) && found.push(i));
    startsOf.set(bucket, (starts = found));
  }
  return starts;
}

/**
 * Letters of a file's version where its name starts with what tells it from
 * other files (a postings chunk's first term, a headline shard's run): a
 * digest of its content, cut short. Its parent lists only these letters.
 * Versions of one chunk or run differ in 36 bits.
 */
export const VERSION_LETTERS = 7;

/** The start of the name of the chunk whose first term is `first`: it stays while the chunk lasts. */
export const chunkLineage = (first: string) => `p${termHash(first).toString(36).padStart(7, '0')}`;

/** The file of a bucket's `k`th postings chunk, which starts at term `starts[k]`. */
const chunkName = (shard: VocabShard, starts: readonly number[], k: number) =>
  chunkLineage(shard.terms[starts[k]!]!) + shard.postings.slice(k * VERSION_LETTERS, (k + 1) * VERSION_LETTERS);

/**
 * A bucket's postings chunk files, in term order: each named for its first
 * term and its version, so the bucket lists 7 letters a chunk, not a
 * 14-letter name (a bucket of a large index lists about a thousand chunks).
 */
export function chunkNames(shard: VocabShard): string[] {
  const starts = chunkStarts(shard);
  return starts.map((_, k) => chunkName(shard, starts, k));
}

/** The file of the postings chunk holding a bucket's `i`th term. */
export function chunkHolding(shard: VocabShard, i: number): string {
  const starts = chunkStarts(shard);
  let k = 0;
  while (k + 1 < starts.length && starts[k + 1]! <= i) k++;
  return chunkName(shard, starts, k);
}

/** Reverses a term by UTF-16 code units; builder and engine only need to agree. */
export function reverseTerm(term: string): string {
  let out = '';
  for (let i = term.length - 1; i >= 0; i--) out += term[i];
  return out;
}

/** Code-unit order, the same in Node and every browser (unlike localeCompare). */
export function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first of `sorted` not below `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bucket holding `term`: the one whose key is the longest start of it (-1 if none). */
export function bucketOf(keys: readonly string[], term: string): number {
  for (let n = term.length; n >= 0; n--) {
    const key = term.slice(0, n);
    const at = lowerBound(keys, key);
    if (keys[at] === key) return at;
  }
  return -1;
}

/** The buckets that may hold terms starting with `prefix`, ascending. */
export function bucketsFor(keys: readonly string[], prefix: string): number[] {
  const out: number[] = [];
  const owner = bucketOf(keys, prefix);
  if (owner >= 0) out.push(owner);
  for (let i = lowerBound(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) if (i !== owner) out.push(i);
  return out.sort((a, b) => a - b);
}
