import { describe, expect, it } from 'vitest';
import { CandidateFinder, rungAtOrAbove, rungAtOrBelow } from '../../src/lib/related/inverted-index';
import { selectBest } from '../../src/lib/related/select';
import { buildVectors, type DocumentVectors } from '../../src/lib/related/vectors';

const weights = { title: 3, summary: 2, body: 1, tags: 2, section: 1 };

/** Vectors of articles given by their body text only. */
function vectorsOf(bodies: string[]): DocumentVectors {
  return buildVectors(
    bodies.map((text) => ({ title: '', summary: '', text, section: 'news', tags: [] })),
    weights,
  );
}

/** Every other article's full dot product with `row`, all pairs: what pruning estimates. */
function bruteForce(v: DocumentVectors, row: number): Map<number, number> {
  const mine = new Map<number, number>();
  for (let i = v.start[row]!; i < v.start[row + 1]!; i++) mine.set(v.terms[i]!, v.weights[i]!);
  const dots = new Map<number, number>();
  for (let other = 0; other < v.size; other++) {
    if (other === row) continue;
    let dot = 0;
    for (let i = v.start[other]!; i < v.start[other + 1]!; i++) dot += (mine.get(v.terms[i]!) ?? 0) * v.weights[i]!;
    if (dot > 0) dots.set(other, dot);
  }
  return dots;
}

function nearest(finder: CandidateFinder, row: number, limit: number): Map<number, number> {
  const out = new Int32Array(limit);
  const estimates = new Float64Array(limit);
  const found = finder.nearest(row, limit, out, estimates);
  return new Map(Array.from(out.subarray(0, found), (other, i) => [other, estimates[i]!]));
}

const topics = ['river flood barrier', 'rice harvest export', 'metro ticket fare', 'football league title', 'museum gallery reopening'];
/** A small corpus with five topics and words shared across them. */
const mixedCorpus = () =>
  Array.from({ length: 40 }, (_, i) => `${topics[i % 5]} ${topics[(i * 3) % 5]} report ${i % 7 === 0 ? 'weather' : 'city'} story${i % 4}`);

describe('CandidateFinder', () => {
  it('finds the full dot products of all sharing articles when the budget covers every posting', () => {
    const v = vectorsOf(mixedCorpus());
    const finder = new CandidateFinder(v, { maxPostingsPerQuery: 1e9 });
    for (const row of [0, 7, 23]) {
      const expected = bruteForce(v, row);
      const found = nearest(finder, row, v.size);
      expect([...found.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
      for (const [other, dot] of expected) expect(found.get(other)).toBeCloseTo(dot, 5);
    }
  });

  it('keeps the articles with the highest sums when more share a word than the limit allows, never the article itself', () => {
    const v = vectorsOf(mixedCorpus());
    const finder = new CandidateFinder(v, { maxPostingsPerQuery: 1e9 });
    const expected = [...bruteForce(v, 3)].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5);
    const found = nearest(finder, 3, 5);
    expect(found.has(3)).toBe(false);
    expect([...found.keys()].sort((a, b) => a - b)).toEqual(expected.map(([other]) => other).sort((a, b) => a - b));
  });

  it('visits exactly as many postings as the budget allows, or all of them when fewer', () => {
    const v = vectorsOf(mixedCorpus());
    const total = (finder: CandidateFinder, row: number) => {
      const take = new Int32Array(v.size * 20);
      const count = finder.plan(row, take);
      return take.subarray(0, count).reduce((sum, n) => sum + n, 0);
    };
    const unlimited = total(new CandidateFinder(v, { maxPostingsPerQuery: 1e9 }), 5);
    expect(unlimited).toBeGreaterThan(30);
    expect(total(new CandidateFinder(v, { maxPostingsPerQuery: 30 }), 5)).toBe(30);
    expect(total(new CandidateFinder(v, { maxPostingsPerQuery: unlimited + 100 }), 5)).toBe(unlimited);
    expect(total(new CandidateFinder(v, { maxPostingsPerQuery: 0 }), 5)).toBe(0);
    // One finder planning query after query (each starts its search from the last one's) plans each the same.
    const all = new CandidateFinder(v, { maxPostingsPerQuery: 1e9 });
    const reused = new CandidateFinder(v, { maxPostingsPerQuery: 30 });
    for (let row = v.size - 1; row >= 0; row--) expect(total(reused, row), `row ${row}`).toBe(Math.min(30, total(all, row)));
  });

  it('spends a small budget on the heaviest products: the one article sharing a rare word beats many sharing a common one', () => {
    // The common word comes first, so it has the smallest term id: a walk in
    // term order would spend the whole budget on its postings.
    const bodies = [
      'council zebra zebra zebra crossing',
      'zebra crossing painted outside school',
      ...Array.from({ length: 60 }, (_, i) => `council meeting agenda item${i} minutes`),
    ];
    const v = vectorsOf(bodies);
    const found = nearest(new CandidateFinder(v, { maxPostingsPerQuery: 8 }), 0, 3);
    expect(found.has(1)).toBe(true);
  });

  it('finds nothing for an article that shares no word with any other', () => {
    const v = vectorsOf(['quantum lattice', 'harbour ferry', 'harbour ferry timetable']);
    expect(nearest(new CandidateFinder(v, { maxPostingsPerQuery: 100 }), 0, 5).size).toBe(0);
    expect([...nearest(new CandidateFinder(v, { maxPostingsPerQuery: 100 }), 1, 5).keys()]).toEqual([2]);
  });
});

describe('weight ladder', () => {
  it('brackets a weight between the rungs at or below and at or above it, a quarter-octave apart', () => {
    for (const weight of [1, 0.9, 0.5, 0.3, 0.05, 0.001]) {
      const below = rungAtOrBelow(weight), above = rungAtOrAbove(weight);
      expect(2 ** (-below / 4)).toBeLessThanOrEqual(weight * (1 + 1e-12));
      expect(2 ** (-above / 4)).toBeGreaterThanOrEqual(weight * (1 - 1e-12));
      expect(below - above).toBeLessThanOrEqual(1);
    }
    expect(rungAtOrBelow(0)).toBe(rungAtOrBelow(1e-30));
  });
});

describe('selectBest', () => {
  it('moves the best rows to the front and breaks ties at the cut towards smaller rows', () => {
    const rows = Int32Array.from([9, 4, 7, 2, 5, 1]);
    const values = Float64Array.from([0.5, 0.9, 0.5, 0.1, 0.5, 0.7]);
    const kept = selectBest(rows, values, rows.length, 4, new Float64Array(rows.length));
    expect(kept).toBe(4);
    expect([...rows.subarray(0, kept)].sort((a, b) => a - b)).toEqual([1, 4, 5, 7]);
    // Each row still carries its own value.
    const valueOf = new Map([[9, 0.5], [4, 0.9], [7, 0.5], [2, 0.1], [5, 0.5], [1, 0.7]]);
    for (let i = 0; i < rows.length; i++) expect(values[i]).toBe(valueOf.get(rows[i]!));
  });

  it('keeps all rows when there are no more than the limit', () => {
    const rows = Int32Array.from([3, 1]);
    expect(selectBest(rows, Float64Array.from([0.2, 0.4]), 2, 5, new Float64Array(2))).toBe(2);
  });
});
