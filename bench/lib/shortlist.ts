/**
 * The best few candidates by score (ties to the smaller row, i.e. smaller
 * id), kept in a small sorted array: far cheaper than sorting every
 * candidate of every article.
 */
export class Shortlist {
  private rows: number[] = [];
  private scores: number[] = [];
  private similarities: number[] = [];

  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  clear(): void {
    this.rows.length = 0;
    this.scores.length = 0;
    this.similarities.length = 0;
  }

  offer(row: number, similarity: number, score: number): void {
    const { rows, scores } = this;
    const n = rows.length;
    if (n === this.capacity && !ranksBefore(score, row, scores[n - 1]!, rows[n - 1]!)) return;
    let at = n;
    while (at > 0 && ranksBefore(score, row, scores[at - 1]!, rows[at - 1]!)) at--;
    rows.splice(at, 0, row);
    scores.splice(at, 0, score);
    this.similarities.splice(at, 0, similarity);
    if (rows.length > this.capacity) {
      rows.pop();
      scores.pop();
      this.similarities.pop();
    }
  }

  get length(): number {
    return this.rows.length;
  }

  /** The kept candidates, best first. */
  ranked(): { row: number; similarity: number }[] {
    return this.rows.map((row, i) => ({ row, similarity: this.similarities[i]! }));
  }
}

function ranksBefore(scoreA: number, rowA: number, scoreB: number, rowB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && rowA < rowB);
}
