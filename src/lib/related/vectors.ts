/**
 * Articles as weighted term vectors: the text model of the related engine.
 *
 * Each field (headline, summary, body, tags, section) is tokenised with the
 * shared tokeniser; a term's occurrences are counted with the weight of the
 * field they are in (a headline word counts as several body words), the total
 * is damped (1 + ln tf, as BM25F damps after weighting fields, so a headline
 * word repeated in the body does not count twice over), multiplied by the
 * term's inverse document frequency, and the vector is scaled to unit length,
 * so a dot product is a cosine.
 *
 * Vectors are kept in flat typed arrays (one row per article, terms sorted by
 * id) so that 10,000 articles stay a few megabytes and merge cheaply.
 */
import { fold } from '../text/fold.ts';
import { TermTokenizer } from './tokenize.ts';
import { kthLargest, sortIds } from './select.ts';
import type { TermCache } from './term-cache.ts';

/** How much each part of an article counts towards its vector. */
export interface FieldWeights {
  title: number;
  summary: number;
  body: number;
  /** Each tag counts as one term of this weight. */
  tags: number;
  /** The section counts as one term of this weight. */
  section: number;
}

/** What the text model reads of an article. */
export interface VectorInput {
  title: string;
  summary: string;
  text: string;
  section: string;
  tags: readonly string[];
}

export interface DocumentVectors {
  /** Number of articles (rows). */
  size: number;
  /** Row r spans `terms`/`weights` from `start[r]` to `start[r + 1]`. */
  start: Int32Array;
  /** Term ids, ascending within a row. */
  terms: Int32Array;
  /** Unit-length tf-idf weights, parallel to `terms`. */
  weights: Float64Array;
  /** Number of articles holding each term. */
  documentFrequency: Int32Array;
  /**
   * Exact-duplicate key of each article: a hash of its normalised body (its
   * whole text when the body is short), so re-sent copies with a retouched
   * headline or other punctuation still match. Articles with equal keys
   * share a number here.
   */
  fingerprints: Int32Array;
  /** Term text by id, for debugging and tests. */
  termText: readonly string[];
}

/** Below this many terms a body alone is too short to identify a story. */
const MIN_FINGERPRINT_TERMS = 25;

// Prefixes no tokeniser word can start with, so a tag "climate" is not the word "climate".
const TAG_PREFIX = '\u0001tag:';
const SECTION_PREFIX = '\u0001section:';

/**
 * Builds the unit-length tf-idf vectors of `docs`, in the given order, each
 * keeping at most `maxTerms` terms; with `termCache`, a story tokenised by an
 * earlier build has its terms from there (term-cache.ts).
 */
export function buildVectors(docs: readonly VectorInput[], fieldWeights: FieldWeights, maxTerms = Infinity, termCache?: TermCache): DocumentVectors {
  const tokenizer = new TermTokenizer();
  const size = docs.length;
  const counter = new TermCounter();
  const fingerprints = new Int32Array(docs.length);
  const fingerprintIds = new Map<string, number>();
  // Term ids of tags and sections by name as written (−1: a tag that folds to nothing).
  const tagIds = new Map<string, number>();
  const sectionIds = new Map<string, number>();

  for (let r = 0; r < size; r++) {
    const doc = docs[r]!;
    counter.reset();
    // Each tokenised field is counted before the next is tokenised (termIds reuses its buffer).
    const kept = termCache?.terms(doc, tokenizer);
    counter.addAll(kept?.title ?? tokenizer.termIds(doc.title), fieldWeights.title, false);
    counter.addAll(kept?.summary ?? tokenizer.termIds(doc.summary), fieldWeights.summary, false);
    counter.addAll(kept?.body ?? tokenizer.termIds(doc.text), fieldWeights.body, true);
    for (const tag of doc.tags) {
      let id = tagIds.get(tag);
      if (id === undefined) {
        const name = fold(tag).trim();
        tagIds.set(tag, (id = name === '' ? -1 : tokenizer.intern(TAG_PREFIX + name)));
      }
      if (id >= 0) counter.add(id, fieldWeights.tags);
    }
    let section = sectionIds.get(doc.section);
    if (section === undefined) sectionIds.set(doc.section, (section = tokenizer.intern(SECTION_PREFIX + doc.section)));
    counter.add(section, fieldWeights.section);
    const key = counter.fingerprint();
    let fingerprint = fingerprintIds.get(key);
    if (fingerprint === undefined) fingerprintIds.set(key, (fingerprint = fingerprintIds.size));
    fingerprints[r] = fingerprint;
    counter.endRow();
  }
  const { rowStart, rowTerms: allTerms, rowCounts: allCounts } = counter;

  const termCount = tokenizer.terms.length;
  const documentFrequency = new Int32Array(termCount);
  for (let i = 0; i < rowStart[size]!; i++) documentFrequency[allTerms[i]!]!++;

  // Smoothed idf (ln((1 + N) / (1 + df)) + 1) keeps common topical words
  // ("minister", "film") in play with a small weight: they decide what a
  // story is broadly about. A term in every article tells nothing and is
  // left out, which also drops the section term when all share one section.
  const idf = new Float64Array(termCount);
  for (let t = 0; t < termCount; t++) {
    const df = documentFrequency[t]!;
    idf[t] = df >= size ? 0 : Math.log((1 + size) / (1 + df)) + 1;
  }

  // Each row keeps its `maxTerms` heaviest terms (ties to the smaller term
  // id): the words that make the story what it is; the long tail of light
  // words mostly adds chance overlaps and cost.
  const start = new Int32Array(size + 1);
  let total = 0, longest = 0;
  for (let r = 0; r < size; r++) {
    const length = rowStart[r + 1]! - rowStart[r]!;
    total += Math.min(length, maxTerms);
    longest = Math.max(longest, length);
  }
  const terms = new Int32Array(total);
  const weights = new Float64Array(total);
  const scratch = new Float64Array(longest);
  let at = 0;
  for (let r = 0; r < size; r++) {
    const rowT = allTerms.subarray(rowStart[r]!, rowStart[r + 1]!), rowC = allCounts.subarray(rowStart[r]!, rowStart[r + 1]!);
    let n = 0;
    for (let i = 0; i < rowT.length; i++) {
      rowC[i]! *= idf[rowT[i]!]!;
      if (rowC[i]! > 0) scratch[n++] = rowC[i]!;
    }
    // Weights above the cut are kept; at the cut, the smaller term ids first.
    let cut = 0;
    let room = Infinity;
    if (n > maxTerms) {
      cut = kthLargest(scratch, n, maxTerms);
      room = maxTerms;
      for (let i = 0; i < rowT.length; i++) if (rowC[i]! > cut) room--;
    }
    const from = at;
    let norm = 0;
    for (let i = 0; i < rowT.length; i++) {
      const w = rowC[i]!;
      if (w <= 0 || w < cut || (w === cut && room-- <= 0)) continue;
      terms[at] = rowT[i]!;
      weights[at++] = w;
      norm += w * w;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = from; i < at; i++) weights[i]! *= scale;
    start[r + 1] = at;
  }
  return { size, start, terms: terms.subarray(0, at), weights: weights.subarray(0, at), documentFrequency, fingerprints, termText: tokenizer.terms };
}

/**
 * Damped term frequency: 1 + ln tf from one occurrence up (ten mentions are
 * not ten times as telling), linear below one so light fields stay light.
 */
function sublinear(tf: number): number {
  return tf <= 1 ? tf : 1 + Math.log(tf);
}

/**
 * One article's vector spread over an array indexed by term, so that its
 * cosine with any other article costs one pass over the other's terms.
 */
export class DenseRow {
  private readonly dense: Float64Array;
  private row = -1;

  private readonly v: DocumentVectors;

  constructor(v: DocumentVectors) {
    this.v = v;
    this.dense = new Float64Array(v.documentFrequency.length);
  }

  /** Spreads `row` out, replacing the previous one. */
  load(row: number): void {
    const { v, dense } = this;
    if (this.row >= 0) for (let i = v.start[this.row]!; i < v.start[this.row + 1]!; i++) dense[v.terms[i]!] = 0;
    for (let i = v.start[row]!; i < v.start[row + 1]!; i++) dense[v.terms[i]!] = v.weights[i]!;
    this.row = row;
  }

  /** Cosine of the loaded row with `other`. */
  cosine(other: number): number {
    const { dense } = this;
    const { terms, weights } = this.v;
    const end = this.v.start[other + 1]!;
    let sum = 0;
    for (let i = this.v.start[other]!; i < end; i++) sum += dense[terms[i]!]! * weights[i]!;
    return sum;
  }
}

/**
 * Weighted occurrence counts of the article being read, by term id, and the
 * hashes of its term stream that make its fingerprint.
 */
class TermCounter {
  private counts = new Float64Array(4096);
  private touched = new Int32Array(1024);
  private touchedCount = 0;
  private sortScratch = new Int32Array(1024);
  /** Every finished row's terms in id order and damped counts: row r spans `rowStart[r]` to `rowStart[r + 1]`. */
  rowTerms = new Int32Array(1 << 16);
  rowCounts = new Float64Array(1 << 16);
  rowStart: number[] = [0];
  private readonly whole = new StreamHash();
  private readonly body = new StreamHash();
  private bodyTerms = 0;

  reset(): void {
    this.whole.reset();
    this.body.reset();
    this.bodyTerms = 0;
  }

  /** Counts each of `ids` with `weight`; body terms also make the body's fingerprint. */
  addAll(ids: Int32Array, weight: number, inBody: boolean): void {
    for (let i = 0; i < ids.length; i++) this.add(ids[i]!, weight);
    if (inBody) {
      for (let i = 0; i < ids.length; i++) this.body.add(ids[i]!);
      this.bodyTerms += ids.length;
    }
  }

  add(id: number, weight: number): void {
    if (id >= this.counts.length) {
      const grown = new Float64Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    if (weight > 0) {
      if (this.counts[id] === 0) {
        if (this.touchedCount === this.touched.length) {
          const grown = new Int32Array(this.touched.length * 2);
          grown.set(this.touched);
          this.touched = grown;
        }
        this.touched[this.touchedCount++] = id;
      }
      this.counts[id]! += weight;
    }
    this.whole.add(id);
  }

  /** Exact-duplicate key: the body's hash, or the whole article's when the body is too short to tell. */
  fingerprint(): string {
    return this.bodyTerms >= MIN_FINGERPRINT_TERMS ? `b${this.body.digest()}` : `w${this.whole.digest()}`;
  }

  /** Appends the counted terms in id order and their damped counts to the rows; clears the counts. */
  endRow(): void {
    const n = this.touchedCount;
    if (this.sortScratch.length < n) this.sortScratch = new Int32Array(this.touched.length);
    sortIds(this.touched, n, this.sortScratch);
    const terms = this.touched;
    const from = this.rowStart.at(-1)!;
    if (from + n > this.rowTerms.length) {
      const length = Math.max(2 * this.rowTerms.length, from + n);
      const grownTerms = new Int32Array(length);
      grownTerms.set(this.rowTerms.subarray(0, from));
      this.rowTerms = grownTerms;
      const grownCounts = new Float64Array(length);
      grownCounts.set(this.rowCounts.subarray(0, from));
      this.rowCounts = grownCounts;
    }
    const { rowTerms, rowCounts, counts } = this;
    for (let i = 0; i < n; i++) {
      const term = terms[i]!;
      rowTerms[from + i] = term;
      rowCounts[from + i] = sublinear(counts[term]!);
      counts[term] = 0;
    }
    this.rowStart.push(from + n);
    this.touchedCount = 0;
  }
}

/** Two independent 32-bit FNV-1a style hashes of a stream of term ids. */
class StreamHash {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;

  reset(): void {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x01000193;
  }

  add(id: number): void {
    this.h1 = Math.imul(this.h1 ^ id, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ (id + 0x9e3779b9), 0x5bd1e995) ^ (this.h2 >>> 13);
  }

  digest(): string {
    return `${(this.h1 >>> 0).toString(36)}.${(this.h2 >>> 0).toString(36)}`;
  }
}
