/**
 * The plain baseline the related engine is measured against: TF-IDF cosine
 * over the story text, all pairs, the way a textbook (or scikit-learn's
 * TfidfVectorizer with its defaults) does it: lower-cased words of two or
 * more word characters, no stopwords, no stemming, smoothed idf
 * ln((1 + N) / (1 + df)) + 1, unit-length vectors. `sublinear` swaps raw
 * term counts for 1 + ln tf.
 *
 * Every pair is scored exactly (accumulated over posting lists, which gives
 * the same sums as comparing each article with every other).
 */
import { Shortlist } from './shortlist';

export interface BaselineOptions {
  /** List length. */
  k: number;
  sublinear: boolean;
  /** Pairs never to list (the article's exact copies). */
  exclude?: (a: number, b: number) => boolean;
}

const WORD_RE = /\w\w+/g;

/** The `k` most similar texts to each text, as indexes, best first (ties to the smaller index). */
export function tfidfNeighbours(texts: readonly string[], options: BaselineOptions): number[][] {
  const vocabulary = new Map<string, number>();
  const rows = texts.map((text) => {
    const counts = new Map<number, number>();
    for (const word of text.toLowerCase().match(WORD_RE) ?? []) {
      let id = vocabulary.get(word);
      if (id === undefined) vocabulary.set(word, (id = vocabulary.size));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  });
  const n = texts.length;
  const df = new Int32Array(vocabulary.size);
  for (const row of rows) for (const t of row.keys()) df[t]!++;

  const postings: { doc: number; weight: number }[][] = Array.from({ length: vocabulary.size }, () => []);
  const vectors = rows.map((row, doc) => {
    const entries = [...row].map(([t, c]) => [t, (options.sublinear ? 1 + Math.log(c) : c) * (Math.log((1 + n) / (1 + df[t]!)) + 1)] as const);
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
    const unit = entries.map(([t, w]) => [t, w / norm] as const);
    for (const [t, weight] of unit) postings[t]!.push({ doc, weight });
    return unit;
  });

  const scores = new Float64Array(n);
  const shortlist = new Shortlist(options.k);
  return vectors.map((vector, a) => {
    scores.fill(0);
    for (const [t, w] of vector) for (const p of postings[t]!) scores[p.doc]! += w * p.weight;
    shortlist.clear();
    for (let b = 0; b < n; b++) {
      if (b !== a && !options.exclude?.(a, b)) shortlist.offer(b, scores[b]!, scores[b]!);
    }
    return shortlist.ranked().map((r) => r.row);
  });
}
