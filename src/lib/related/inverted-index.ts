/**
 * Candidate generation for the related engine: an inverted index (term →
 * articles holding it, heaviest first) queried with an article's own terms.
 * Each entry of a query term's list (a posting) adds `query weight ×
 * article weight` to that article's score, so the postings worth visiting
 * are those where that product is large. A query visits at most
 * `maxPostingsPerQuery` postings, the ones with the largest products
 * (impact-ordered pruning with a budget): its cost is bounded whatever the
 * corpus size, so the cost of all queries grows linearly with the number of
 * articles. Long lists of small weights (words in most articles) are cut
 * short by the same rule, and a term no other article has is not queried.
 *
 * Finding the budget's cut exactly would mean merging the query terms'
 * lists by product. Instead each term's list records, for a ladder of weight
 * rungs a quarter-octave apart (rung j: weight 2^(−j/4)), how many of its
 * postings weigh at least that much; with the query weight on the same
 * ladder, product rung m admits the first `admitted[m − rung(query weight)]`
 * postings of each term. A query takes the deepest product rung whose total
 * fits the budget, then spends what is left on the next rung's postings,
 * query terms in term order, so it visits exactly min(budget, all postings).
 *
 * The sums found are lower bounds of the cosines; the neighbour lists
 * (neighbourhood.ts) recompute the cosines of the best candidates exactly.
 */
import { selectBest } from './select.ts';
import type { DocumentVectors } from './vectors.ts';

export interface PruningOptions {
  /** Postings a query visits at most: those with the largest products. */
  maxPostingsPerQuery: number;
}

/** The first guess at a query's cut, as a share of the previous query's. */
const FLOOR_GUESS = 0.75;

/** Rungs of the weight ladder per halving of the weight. */
const RUNGS_PER_OCTAVE = 4;
/** Rungs 0 … LADDER − 1 reach down to weight 2^−12; rung LADDER holds every posting. */
const LADDER = 12 * RUNGS_PER_OCTAVE;

/** The highest rung at or below `weight`: the smallest j with 2^(−j/4) ≤ weight (LADDER at most). */
export function rungAtOrBelow(weight: number): number {
  if (!(weight > 0)) return LADDER;
  return Math.min(LADDER, Math.max(0, Math.ceil(-RUNGS_PER_OCTAVE * Math.log2(weight))));
}

/** The lowest rung at or above `weight`: the largest j with 2^(−j/4) ≥ weight (LADDER at most). */
export function rungAtOrAbove(weight: number): number {
  if (!(weight > 0)) return LADDER;
  return Math.min(LADDER, Math.max(0, Math.floor(-RUNGS_PER_OCTAVE * Math.log2(weight))));
}

/** Finds the articles sharing an article's strongest terms. */
export class CandidateFinder {
  /**
   * Postings of term t are entries `start[t]` to `start[t + 1]`, by rung
   * (heaviest first), then row; entry p holds its row at `postings[2p]` and
   * its weight (single precision: it only estimates) at `postingWeights[2p + 1]`.
   */
  private readonly start: Int32Array;
  private readonly postings: Int32Array;
  private readonly postingWeights: Float32Array;
  /**
   * `admitted[t · (LADDER + 1) + j]`: how many of term t's postings are on
   * rung j or above (weigh at least 2^(−j/4)); rung LADDER admits all.
   */
  private readonly admitted: Int32Array;
  /** Positions in `v.terms` of the terms each row queries with; row r spans `queryStart[r]…queryStart[r + 1]`. */
  private readonly queryStart: Int32Array;
  private readonly queryTerms: Int32Array;
  /** The query weight of each query term on the ladder, rounded up (2^(−rung/4) ≥ weight). */
  private readonly queryRungs: Uint8Array;
  private readonly budget: number;
  // Scratch space of one query.
  private readonly scores: Float32Array;
  private readonly touched: Int32Array;
  private readonly rows: Int32Array;
  private readonly values: Float64Array;
  private readonly keptRows: Int32Array;
  private readonly keptValues: Float64Array;
  private readonly scratch: Float64Array;
  /** The lowest estimate the last full query kept: a guess at the next one's. */
  private previousCut = 0;
  /** The product rung the last query's budget reached: a guess at the next one's. */
  private previousRung = 0;
  private readonly take: Int32Array;
  private readonly rungs: Int32Array;
  private readonly lists: Int32Array;

  private readonly v: DocumentVectors;

  constructor(v: DocumentVectors, pruning: PruningOptions) {
    this.v = v;
    const termCount = v.documentFrequency.length;
    const start = new Int32Array(termCount + 1);
    for (let i = 0; i < v.terms.length; i++) start[v.terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, termCount);
    const docs = new Int32Array(v.terms.length);
    const weights = new Float64Array(v.terms.length);
    // Rows are read in order, so each list starts in row order: the tie order.
    for (let r = 0; r < v.size; r++) {
      for (let i = v.start[r]!; i < v.start[r + 1]!; i++) {
        const at = fill[v.terms[i]!]!++;
        docs[at] = r;
        weights[at] = v.weights[i]!;
      }
    }
    // Each list in rung order (heaviest rungs first), rows ascending within
    // a rung, by a counting sort: also the order in which a walk cut short
    // inside a rung takes its postings. A walk reads a posting's row and
    // weight together: one array, two views, so that a list's first posting
    // costs one cache miss, not two.
    const postings = new Int32Array(2 * docs.length);
    const postingWeights = new Float32Array(postings.buffer);
    const admitted = new Int32Array(termCount * (LADDER + 1));
    const rungOf = new Uint8Array(v.size);
    for (let t = 0; t < termCount; t++) {
      const from = start[t]!, n = start[t + 1]! - from;
      const base = t * (LADDER + 1);
      for (let i = 0; i < n; i++) admitted[base + (rungOf[i] = rungAtOrBelow(weights[from + i]!))]!++;
      // Counts per rung → postings on that rung or above.
      for (let j = 1; j <= LADDER; j++) admitted[base + j]! += admitted[base + j - 1]!;
      for (let i = n - 1; i >= 0; i--) {
        const at = 2 * (from + --admitted[base + rungOf[i]!]!);
        postings[at] = docs[from + i]!;
        postingWeights[at + 1] = weights[from + i]!;
      }
      // The counting sort left each rung's first position: shift to "on this rung or above".
      for (let j = 0; j < LADDER; j++) admitted[base + j] = admitted[base + j + 1]!;
      admitted[base + LADDER] = n;
    }
    this.start = start;
    this.postings = postings;
    this.postingWeights = postingWeights;
    this.admitted = admitted;

    // A term no other article has finds nothing.
    const queryStart = new Int32Array(v.size + 1);
    const queryTerms = new Int32Array(v.terms.length);
    const queryRungs = new Uint8Array(v.terms.length);
    let queries = 0, longest = 1;
    for (let r = 0; r < v.size; r++) {
      for (let i = v.start[r]!; i < v.start[r + 1]!; i++) {
        if (v.documentFrequency[v.terms[i]!]! < 2) continue;
        queryRungs[queries] = rungAtOrAbove(v.weights[i]!);
        queryTerms[queries++] = i;
      }
      queryStart[r + 1] = queries;
      longest = Math.max(longest, queries - queryStart[r]!);
    }
    this.queryStart = queryStart;
    this.queryTerms = queryTerms;
    this.queryRungs = queryRungs;
    this.budget = Math.max(0, Math.floor(Math.min(pruning.maxPostingsPerQuery, 2 ** 31 - 1)));

    // Single precision: the sums only estimate, and half the size stays closer to the fastest cache.
    this.scores = new Float32Array(v.size);
    // One entry per posting visited can be written past the touched rows.
    this.touched = new Int32Array(v.size + 1);
    this.rows = new Int32Array(v.size);
    this.values = new Float64Array(v.size);
    this.keptRows = new Int32Array(v.size);
    this.keptValues = new Float64Array(v.size);
    this.scratch = new Float64Array(v.size);
    this.take = new Int32Array(longest);
    this.rungs = new Int32Array(longest);
    this.lists = new Int32Array(longest);
  }

  /**
   * Writes into `out` the (at most `limit`) articles other than `row` with
   * the highest pruned dot product with it, in no particular order, and their
   * dot products into `estimates`; returns how many it wrote. Deterministic:
   * ties at the cut go to smaller rows.
   */
  nearest(row: number, limit: number, out: Int32Array, estimates: Float64Array): number {
    const { v, scores, touched, start, postings, postingWeights, take } = this;
    const first = this.queryStart[row]!;
    const queryCount = this.plan(row, take);
    let touchedCount = 0;
    for (let q = 0; q < queryCount; q++) {
      const i = this.queryTerms[first + q]!;
      const weight = v.weights[i]!;
      const from = 2 * start[v.terms[i]!]!;
      const end = from + 2 * take[q]!;
      for (let p = from; p < end; p += 2) {
        const other = postings[p]!;
        const score = scores[other]!;
        // Without a branch: whether a row is new is a coin toss the processor cannot predict.
        touched[touchedCount] = other;
        touchedCount += +(score === 0);
        scores[other] = score + weight * postingWeights[p + 1]!;
      }
    }
    // One pass over the touched rows reads their sums, clears them and keeps
    // the rows scoring at least `floor`: most touched rows share one light
    // word with the query. The previous query's cut makes a good guess; a
    // guess that keeps too few rows is lowered until enough pass (from the
    // copy of all sums), so the guess changes the speed, never the result.
    const rows = this.rows, values = this.values;
    const candidates = this.keptRows, candidateValues = this.keptValues;
    let floor = touchedCount > limit + 1 ? this.previousCut * FLOOR_GUESS : 0;
    let n = 0, kept = 0;
    for (let i = 0; i < touchedCount; i++) {
      const other = touched[i]!;
      const score = scores[other]!;
      scores[other] = 0;
      const isOther = +(other !== row);
      rows[n] = other;
      values[n] = score;
      n += isOther;
      candidates[kept] = other;
      candidateValues[kept] = score;
      kept += isOther & +(score >= floor);
    }
    while (kept < limit && floor > 0) {
      floor = floor > 1e-9 ? floor / 4 : 0;
      kept = 0;
      for (let i = 0; i < n; i++) {
        candidates[kept] = rows[i]!;
        candidateValues[kept] = values[i]!;
        kept += +(values[i]! >= floor);
      }
    }
    n = kept;
    const found = selectBest(candidates, candidateValues, n, limit, this.scratch);
    let cut = Infinity;
    for (let i = 0; i < found; i++) {
      out[i] = candidates[i]!;
      estimates[i] = candidateValues[i]!;
      if (candidateValues[i]! < cut) cut = candidateValues[i]!;
    }
    if (found === limit) this.previousCut = cut;
    return found;
  }

  /**
   * How many postings of each of `row`'s query terms a query walks, written
   * into `take` in query order; returns the number of query terms. All
   * postings whose product clears the deepest rung that fits the budget,
   * then, while the budget lasts, postings of the next rung.
   */
  plan(row: number, take: Int32Array): number {
    const { v, rungs, lists, admitted, queryTerms, queryRungs } = this;
    const first = this.queryStart[row]!, queryCount = this.queryStart[row + 1]! - first;
    // Each query term's rung and where its counts start in `admitted`.
    let deepest = 0;
    for (let q = 0; q < queryCount; q++) {
      rungs[q] = queryRungs[first + q]!;
      lists[q] = v.terms[queryTerms[first + q]!]! * (LADDER + 1);
      if (rungs[q]! + LADDER > deepest) deepest = rungs[q]! + LADDER;
    }
    // Postings admitted at product rung m, over all query terms.
    const total = (m: number): number => {
      let sum = 0;
      for (let q = 0; q < queryCount; q++) {
        const j = m - rungs[q]!;
        if (j >= 0) sum += admitted[lists[q]! + (j < LADDER ? j : LADDER)]!;
      }
      return sum;
    };
    // The deepest rung that fits: lo, with total(lo) ≤ budget < total(hi)
    // and hi = lo + 1, or lo = hi = deepest when everything fits. Queries
    // spend the same budget, so the search gallops out from the previous
    // query's rung (total grows with the rung; the guess only saves passes).
    const budget = this.budget;
    let lo = -1, hi = deepest;
    const guess = Math.min(Math.max(this.previousRung, 0), deepest);
    if (total(guess) <= budget) {
      lo = guess;
      for (let step = 1; ; step *= 2) {
        const next = lo + step;
        if (next >= deepest) {
          if (total(deepest) <= budget) lo = hi = deepest;
          break;
        }
        if (total(next) > budget) {
          hi = next;
          break;
        }
        lo = next;
      }
    } else {
      hi = guess;
      for (let step = 1; hi > 0; step *= 2) {
        const next = Math.max(0, hi - step);
        if (total(next) <= budget) {
          lo = next;
          break;
        }
        hi = next;
      }
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (total(mid) <= this.budget) lo = mid;
      else hi = mid;
    }
    this.previousRung = lo;
    let left = budget - total(lo);
    for (let q = 0; q < queryCount; q++) {
      const j = lo - rungs[q]!;
      const fits = j < 0 ? 0 : admitted[lists[q]! + Math.min(j, LADDER)]!;
      const k = hi - rungs[q]!;
      const extra = Math.min(left, (k < 0 ? 0 : admitted[lists[q]! + Math.min(k, LADDER)]!) - fits);
      left -= extra;
      take[q] = fits + extra;
    }
    return queryCount;
  }
}
