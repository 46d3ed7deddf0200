/**
 * Shared nearest neighbours: two stories are more likely about the same thing
 * when, besides resembling each other, they resemble the same other stories.
 * Word overlap between two texts is noisy (a business story and a politics
 * story share "tax" and "growth"); whether their nearest neighbours coincide
 * averages that noise over many stories. It also tames "hub" stories that
 * are a little similar to everything.
 *
 *   score(a, b) = sim(a, b) + λ · |N(a) ∩ N(b)| / size
 *
 * for b among the head of a's list of `size` nearest neighbours N(a). The
 * cost is size² per article at most, independent of the corpus size.
 * (Jarvis & Patrick's shared-near-neighbour similarity, used here as a
 * re-ranking term.)
 */
import type { CandidateFinder } from './inverted-index';
import { DenseRow, type DocumentVectors } from './vectors';

export interface NeighbourhoodOptions {
  /** Nearest neighbours kept per article: the neighbourhoods compared. */
  size: number;
  /** λ: weight of the shared-neighbour share (0–1) against the cosine (0 = plain cosine). */
  weight: number;
  /** How many of an article's nearest neighbours get exact cosines, are re-ranked and can be listed. */
  candidates: number;
}

/**
 * Every article's nearest neighbours, best first (ties to the smaller row),
 * and which pairs are copies. The index search's estimates decide who is in
 * a list; the first `exact` entries, the ones that can be listed, are
 * re-ranked by their exact cosines.
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

  constructor(v: DocumentVectors, finder: CandidateFinder, options: { width: number; exact: number; duplicateSimilarity: number }) {
    const size = (this.size = v.size);
    const width = (this.width = Math.max(1, options.width));
    const exact = (this.exact = Math.min(width, Math.max(0, options.exact)));
    this.counts = new Int32Array(size);
    this.rows = new Int32Array(size * width);
    this.similarities = new Float64Array(size * width);
    const found = new Int32Array(width);
    const estimates = new Float64Array(width);
    const score = new Float64Array(size);
    const order: number[] = [];
    const dense = new DenseRow(v);
    const byScore = (a: number, b: number) => score[b]! - score[a]! || a - b;
    for (let row = 0; row < size; row++) {
      const count = finder.nearest(row, width, found, estimates);
      order.length = 0;
      for (let i = 0; i < count; i++) {
        order.push(found[i]!);
        score[found[i]!] = estimates[i]!;
      }
      order.sort(byScore);
      const head = Math.min(exact, count);
      dense.load(row);
      for (let i = 0; i < head; i++) {
        const other = order[i]!;
        score[other] = dense.cosine(other);
        if (score[other]! >= options.duplicateSimilarity) this.copies.add(pairKey(row, other, size));
      }
      const sortedHead = order.slice(0, head).sort(byScore);
      for (let i = 0; i < head; i++) order[i] = sortedHead[i]!;
      this.counts[row] = count;
      for (let i = 0; i < count; i++) {
        this.rows[row * width + i] = order[i]!;
        this.similarities[row * width + i] = score[order[i]!]!;
      }
    }
  }

  /** True when `a` and `b` are at least `duplicateSimilarity` alike (found from either side). */
  areCopies(a: number, b: number): boolean {
    return this.copies.has(pairKey(a, b, this.size));
  }
}

function pairKey(a: number, b: number, size: number): number {
  return a < b ? a * size + b : b * size + a;
}

/** Re-scores each article's nearest neighbours with the neighbourhoods they share. */
export class NeighbourhoodScorer {
  /** Row + 1 of the article whose neighbourhood is marked. */
  private readonly mark: Int32Array;

  constructor(
    private readonly lists: NeighbourLists,
    private readonly options: NeighbourhoodOptions,
  ) {
    this.mark = new Int32Array(lists.size);
  }

  /** Calls `visit(other, similarity, score)` for the head of `row`'s list, the neighbours with exact cosines. */
  forEachCandidate(row: number, visit: (other: number, similarity: number, score: number) => void): void {
    const { lists, mark } = this;
    const { width } = lists;
    const lambda = Math.min(1, Math.max(0, this.options.weight));
    const first = row * width;
    const end = first + lists.counts[row]!;
    for (let i = first; i < end; i++) mark[lists.rows[i]!] = row + 1;
    const scoreEnd = first + Math.min(lists.counts[row]!, lists.exact);
    for (let i = first; i < scoreEnd; i++) {
      const other = lists.rows[i]!;
      let shared = 0;
      if (lambda > 0) {
        const otherEnd = other * width + lists.counts[other]!;
        for (let j = other * width; j < otherEnd; j++) if (mark[lists.rows[j]!] === row + 1) shared++;
      }
      const similarity = lists.similarities[i]!;
      visit(other, similarity, similarity + (lambda * shared) / width);
    }
  }
}
