/**
 * Shared nearest neighbours: two stories are more likely about the same thing
 * when, besides resembling each other, they resemble the same other stories.
 * Word overlap between two texts is noisy (a business story and a politics
 * story share "tax" and "growth"); whether their nearest neighbours coincide
 * averages that noise over many stories. It also tames "hub" stories that
 * are a little similar to everything.
 *
 *   score(a, b) = sim(a, b) + λ · ⌊steps · |N(a) ∩ N(b)| / size⌋ / steps
 *
 * for b among the head of a's list of `size` nearest neighbours N(a). The
 * cost is size² per article at most, independent of the corpus size.
 * (Jarvis & Patrick's shared-near-neighbour similarity, used here as a
 * re-ranking term.)
 *
 * The share counts in whole steps (tenths at the site's tuning): one new
 * story enters a hundred or so neighbourhoods and pushes another out of
 * each, which moves the exact share of thousands of pairs by 1/size; in
 * steps, few of them cross one, so a publish re-renders far fewer pages
 * whose "See more" would only have reshuffled (README, "Publishing fast").
 */
import type { CandidateFinder } from './inverted-index.ts';
import { selectBest } from './select.ts';
import { DenseRow, type DocumentVectors } from './vectors.ts';

export interface NeighbourhoodOptions {
  /** Nearest neighbours kept per article: the neighbourhoods compared. */
  size: number;
  /** λ: weight of the shared-neighbour share (0–1) against the cosine (0 = plain cosine). */
  weight: number;
  /** How many of an article's nearest neighbours get exact cosines, are re-ranked and can be listed. */
  candidates: number;
  /** The shared share counts in steps of 1/steps (0 = exact). */
  steps: number;
}

/**
 * Every article's nearest neighbours (as found by the index search, whose
 * estimates decide who is in a list) and which pairs are copies. The first
 * `exact` entries of a list, the best by estimate (ties to the smaller row),
 * carry exact cosines: they are the ones that can be listed. Order within a
 * list means nothing else: the scorer ranks, the rest only counts as
 * neighbourhood.
 */
export class NeighbourLists {
  readonly size: number;
  readonly width: number;
  /** How many entries at the head of each list carry exact cosines. */
  readonly exact: number;
  readonly counts: Int32Array;
  readonly rows: Int32Array;
  readonly similarities: Float64Array;
  /** Pairs `min · size + max` of articles whose cosine reaches the copy threshold. */
  private readonly copies = new Set<number>();
  /** 1 for the articles in at least one such pair: most are in none, and need no look-up. */
  private readonly hasCopy: Uint8Array;

  constructor(v: DocumentVectors, finder: CandidateFinder, options: { width: number; exact: number; duplicateSimilarity: number }) {
    const size = (this.size = v.size);
    const width = (this.width = Math.max(1, options.width));
    const exact = (this.exact = Math.min(width, Math.max(0, options.exact)));
    this.counts = new Int32Array(size);
    this.hasCopy = new Uint8Array(size);
    this.rows = new Int32Array(size * width);
    this.similarities = new Float64Array(size * width);
    const found = new Int32Array(width);
    const estimates = new Float64Array(width);
    const scratch = new Float64Array(width);
    const dense = new DenseRow(v);
    for (let row = 0; row < size; row++) {
      const count = finder.nearest(row, width, found, estimates);
      const head = selectBest(found, estimates, count, exact, scratch);
      dense.load(row);
      for (let i = 0; i < head; i++) {
        const other = found[i]!;
        // An earlier row that has this one at its head already knows the
        // cosine, to the bit: both sum the same products in term order.
        const known = other < row ? this.headIndex(other, row) : -1;
        estimates[i] = known >= 0 ? this.similarities[known]! : dense.cosine(other);
        if (estimates[i]! >= options.duplicateSimilarity) {
          this.copies.add(pairKey(row, other, size));
          this.hasCopy[row] = this.hasCopy[other] = 1;
        }
      }
      this.counts[row] = count;
      this.rows.set(found.subarray(0, count), row * width);
      this.similarities.set(estimates.subarray(0, count), row * width);
    }
  }

  /** Where `other` sits among the exact head of `row`'s list (an index into `rows`), or −1. */
  private headIndex(row: number, other: number): number {
    const first = row * this.width, end = first + Math.min(this.counts[row]!, this.exact);
    for (let i = first; i < end; i++) if (this.rows[i] === other) return i;
    return -1;
  }

  /** True when `a` and `b` are at least `duplicateSimilarity` alike (found from either side). */
  areCopies(a: number, b: number): boolean {
    return this.hasCopy[a] === 1 && this.hasCopy[b] === 1 && this.copies.has(pairKey(a, b, this.size));
  }
}

function pairKey(a: number, b: number, size: number): number {
  return a < b ? a * size + b : b * size + a;
}

/** Re-scores each article's nearest neighbours with the neighbourhoods they share. */
export class NeighbourhoodScorer {
  /** 1 for the rows in the neighbourhood being scored: small enough to stay in the fastest cache. */
  private readonly mark: Uint8Array;

  private readonly lists: NeighbourLists;
  private readonly options: NeighbourhoodOptions;

  constructor(lists: NeighbourLists, options: NeighbourhoodOptions) {
    this.lists = lists;
    this.options = options;
    this.mark = new Uint8Array(lists.size);
  }

  /** Calls `visit(other, similarity, score)` for the head of `row`'s list, the neighbours with exact cosines. */
  forEachCandidate(row: number, visit: (other: number, similarity: number, score: number) => void): void {
    const { lists, mark } = this;
    const { width, rows } = lists;
    const lambda = Math.min(1, Math.max(0, this.options.weight));
    const steps = this.options.steps > 0 ? this.options.steps : width;
    const first = row * width;
    const end = first + lists.counts[row]!;
    for (let i = first; i < end; i++) mark[rows[i]!] = 1;
    const scoreEnd = first + Math.min(lists.counts[row]!, lists.exact);
    for (let i = first; i < scoreEnd; i++) {
      const other = rows[i]!;
      let shared = 0;
      if (lambda > 0) {
        const otherEnd = other * width + lists.counts[other]!;
        for (let j = other * width; j < otherEnd; j++) shared += mark[rows[j]!]!;
      }
      const similarity = lists.similarities[i]!;
      visit(other, similarity, similarity + (lambda * Math.floor((shared * steps) / width)) / steps);
    }
    for (let i = first; i < end; i++) mark[rows[i]!] = 0;
  }
}
