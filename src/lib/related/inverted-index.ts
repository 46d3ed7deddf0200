/**
 * Candidate generation for the related engine: an inverted index (term →
 * articles holding it, heaviest first) queried with an article's own
 * strongest terms. Three prunings keep the cost near-linear in the number of
 * articles instead of comparing all pairs:
 * - a query uses at most `maxQueryTerms` of the article's terms, the heaviest;
 * - terms found in more than `maxDocumentFraction` of the articles (and in
 *   more than `maxPostingsPerTerm`) are not walked: long lists of small weights;
 * - of each term's list only the `maxPostingsPerTerm` heaviest entries are
 *   walked (impact-ordered pruning): the articles where the term matters.
 * The sums found are lower bounds of the cosines; the neighbour lists
 * (neighbourhood.ts) recompute the cosines of the best candidates exactly.
 */
import { kthLargest } from './select';
import type { DocumentVectors } from './vectors';

export interface PruningOptions {
  maxQueryTerms: number;
  maxDocumentFraction: number;
  maxPostingsPerTerm: number;
}

/** Finds the articles sharing an article's strongest terms. */
export class CandidateFinder {
  /** Postings of term t span `docs`/`weights` from `start[t]` to `start[t + 1]`, heaviest first. */
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
  private readonly weights: Float64Array;
  private readonly maxDf: number;
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly selectBuffer: Float64Array;
  private readonly queryBuffer: Int32Array;

  constructor(
    private readonly v: DocumentVectors,
    private readonly pruning: PruningOptions,
  ) {
    const termCount = v.documentFrequency.length;
    const start = new Int32Array(termCount + 1);
    for (let i = 0; i < v.terms.length; i++) start[v.terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, termCount);
    const docs = new Int32Array(v.terms.length);
    const weights = new Float64Array(v.terms.length);
    for (let r = 0; r < v.size; r++) {
      for (let i = v.start[r]!; i < v.start[r + 1]!; i++) {
        const at = fill[v.terms[i]!]!++;
        docs[at] = r;
        weights[at] = v.weights[i]!;
      }
    }
    // Heaviest first (ties by row) so that a walk cut short sees the articles
    // where the term matters most. Lists short enough to be walked whole
    // are left in row order: the order of one term's entries changes no sum.
    const order: number[] = [];
    for (let t = 0; t < termCount; t++) {
      const from = start[t]!, to = start[t + 1]!;
      if (to - from <= pruning.maxPostingsPerTerm) continue;
      order.length = 0;
      for (let p = from; p < to; p++) order.push(p);
      order.sort((a, b) => weights[b]! - weights[a]! || docs[a]! - docs[b]!);
      const sortedDocs = order.map((p) => docs[p]!);
      const sortedWeights = order.map((p) => weights[p]!);
      docs.set(sortedDocs, from);
      weights.set(sortedWeights, from);
    }
    this.start = start;
    this.docs = docs;
    this.weights = weights;
    // A list no longer than the postings cap is cheap to walk whatever share
    // of the corpus it covers: in a small corpus every shared word is common.
    this.maxDf = Math.max(pruning.maxPostingsPerTerm, Math.floor(pruning.maxDocumentFraction * v.size));
    this.scores = new Float64Array(v.size);
    this.touched = new Int32Array(v.size);
    this.selectBuffer = new Float64Array(v.size);
    this.queryBuffer = new Int32Array(Math.max(1, pruning.maxQueryTerms));
  }

  /**
   * Writes into `out` the (at most `limit`) articles other than `row` with
   * the highest pruned dot product with it, in no particular order, and their
   * dot products into `estimates`; returns how many it wrote. Deterministic:
   * ties at the cut go to smaller rows.
   */
  nearest(row: number, limit: number, out: Int32Array, estimates: Float64Array): number {
    const { v, scores, touched, start, docs, weights } = this;
    const queryCount = this.queryTerms(row);
    let touchedCount = 0;
    for (let q = 0; q < queryCount; q++) {
      const i = this.queryBuffer[q]!;
      const term = v.terms[i]!;
      const weight = v.weights[i]!;
      const end = Math.min(start[term + 1]!, start[term]! + this.pruning.maxPostingsPerTerm);
      for (let p = start[term]!; p < end; p++) {
        const other = docs[p]!;
        if (scores[other] === 0) touched[touchedCount++] = other;
        scores[other]! += weight * weights[p]!;
      }
    }
    let found = 0;
    const buffer = this.selectBuffer;
    let candidates = 0;
    for (let i = 0; i < touchedCount; i++) if (touched[i] !== row) buffer[candidates++] = scores[touched[i]!]!;
    if (candidates <= limit) {
      for (let i = 0; i < touchedCount; i++) if (touched[i] !== row) out[found++] = touched[i]!;
    } else {
      // Quickselect finds the cut in time linear in the candidates; sorting them all would not be.
      const cut = kthLargest(buffer, candidates, limit);
      const atCut: number[] = [];
      for (let i = 0; i < touchedCount; i++) {
        const other = touched[i]!;
        if (other === row) continue;
        if (scores[other]! > cut) out[found++] = other;
        else if (scores[other] === cut) atCut.push(other);
      }
      atCut.sort((a, b) => a - b);
      for (const other of atCut) {
        if (found >= limit) break;
        out[found++] = other;
      }
    }
    for (let i = 0; i < found; i++) estimates[i] = scores[out[i]!]!;
    for (let i = 0; i < touchedCount; i++) scores[touched[i]!] = 0;
    return found;
  }

  /** Fills the query buffer with positions (in `v.terms`) of the row's heaviest walkable terms; returns how many. */
  private queryTerms(row: number): number {
    const { v, queryBuffer } = this;
    const max = queryBuffer.length;
    let count = 0;
    // Insertion into a short list kept heaviest first (ties to the smaller term id).
    for (let i = v.start[row]!; i < v.start[row + 1]!; i++) {
      const df = v.documentFrequency[v.terms[i]!]!;
      // A term only this article has finds nothing; one in most articles finds everything.
      if (df < 2 || df > this.maxDf) continue;
      if (count === max && !heavier(v, i, queryBuffer[max - 1]!)) continue;
      let at = count < max ? count++ : max - 1;
      while (at > 0 && heavier(v, i, queryBuffer[at - 1]!)) {
        queryBuffer[at] = queryBuffer[at - 1]!;
        at--;
      }
      queryBuffer[at] = i;
    }
    return count;
  }
}

function heavier(v: DocumentVectors, a: number, b: number): boolean {
  return v.weights[a]! > v.weights[b]! || (v.weights[a] === v.weights[b] && v.terms[a]! < v.terms[b]!);
}
