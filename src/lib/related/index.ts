/**
 * "See more": which stories to show under an article, computed once per build
 * for every article from the articles' own text.
 *
 * For each article, in this order:
 * 1. editor pins (`related:` in frontmatter), in the order given;
 * 2. the most similar stories: cosine of weighted tf-idf vectors (vectors.ts),
 *    candidates found through an inverted index with pruning
 *    (inverted-index.ts), at least `floor` similar, ranked by similarity plus
 *    the share of nearest neighbours they have in common with the article
 *    (neighbourhood.ts), times a recency factor, skipping copies of the
 *    article and near copies of a story already listed;
 * 3. when fewer than `count` pass the floor, the latest stories of the same
 *    section, marked `latest` so pages do not present them as related.
 * A story dated after `now` is never listed. Everything is deterministic:
 * the input order does not matter and ties go to the smaller id.
 *
 * Plain TypeScript without Astro imports: it runs in the build, in Vitest and
 * in the benchmark (bench/related.ts) alike.
 */
import { CandidateFinder, type PruningOptions } from './inverted-index.ts';
import { NeighbourhoodScorer, NeighbourLists, type NeighbourhoodOptions } from './neighbourhood.ts';
import { buildVectors, type FieldWeights } from './vectors.ts';
import type { TermCache } from './term-cache.ts';

export type { FieldWeights } from './vectors.ts';

/** Why a story is in an article's list. */
export type RelatedReason = 'pinned' | 'similar' | 'latest';

export interface RelatedLink {
  id: string;
  reason: RelatedReason;
  /** Text similarity (cosine, 0–1) to the article, for `similar` links. */
  similarity?: number;
}

/** What the engine needs of an article. */
export interface RelatedInput {
  id: string;
  title: string;
  summary: string;
  /** The body as plain text. */
  text: string;
  /**
   * A digest of `text`, when the caller has one: the lists' build key
   * (ahead.ts) and the kept terms (term-cache.ts) take it instead of
   * hashing the text again.
   */
  textDigest?: string;
  section: string;
  tags: readonly string[];
  date: Date;
  /** Ids the editor pinned, in order. */
  pinned: readonly string[];
}

/** The engine's tuning knobs; the site's values live in `site.related` (src/site.config.ts). */
export interface RelatedTuning {
  /** List length ("See more" shows this many stories). */
  count: number;
  /** How much headline, summary, body, tags and section count in the text similarity. */
  weights: FieldWeights;
  /** Among similar stories, newer ones rank higher. */
  recency: {
    /** Age in days (counted back from `now`, by default the newest story) at which a story loses half of its recency bonus. */
    halfLifeDays: number;
    /**
     * Share of the text similarity that depends on age, 0–1: the similarity
     * (not the shared-neighbour share added to it) is multiplied by
     * `1 − weight + weight × 0.5^(age / halfLifeDays)`, so 0 ignores dates
     * and 0.2 lets a very old story keep 80 % of its similarity.
     */
    weight: number;
  };
  /** Minimum text similarity (cosine, 0–1) for a story to be listed as similar. */
  floor: number;
  /**
   * Text similarity at or above which two stories count as copies of one
   * another: never listed under each other, never both in one list.
   */
  duplicateSimilarity: number;
  /** Shared-nearest-neighbour re-ranking (neighbourhood.ts). */
  neighbourhood: NeighbourhoodOptions;
  /** Limits that keep the cost near-linear in the number of articles. */
  pruning: PruningOptions & {
    /** Each article's vector keeps only its heaviest terms, at most this many. */
    maxTermsPerArticle: number;
  };
}

export interface RelatedOptions extends RelatedTuning {
  /**
   * The build time: stories dated after it are never listed, and ages are
   * counted from it. Defaults to the newest article's date.
   */
  now?: Date;
}

const DAY_MS = 86_400_000;

/**
 * Computes every article's "See more" list at once: pins, then similar
 * stories, then the latest of the section. `termCache` holds the stories'
 * terms from an earlier build; it is given this build's to keep.
 */
export function computeRelated(articles: readonly RelatedInput[], options: RelatedOptions, termCache?: TermCache): Map<string, RelatedLink[]> {
  // Sorting by id first makes term ids, float sums and therefore ties
  // independent of the order the articles were read in.
  const docs = [...articles].sort((a, b) => compareIds(a.id, b.id));
  for (let i = 1; i < docs.length; i++) {
    if (docs[i]!.id === docs[i - 1]!.id) throw new Error(`related stories: two articles have the id "${docs[i]!.id}"`);
  }
  const result = new Map<string, RelatedLink[]>();
  if (docs.length === 0) return result;

  const k = Math.max(0, Math.floor(options.count));
  const rowOf = new Map(docs.map((d, i) => [d.id, i]));
  const times = docs.map((d) => d.date.getTime());
  const now = options.now?.getTime() ?? times.reduce((a, b) => Math.max(a, b));
  const listable = times.map((t) => t <= now);
  const recency = times.map((t) => recencyFactor((now - t) / DAY_MS, options.recency));

  const vectors = buildVectors(docs, options.weights, options.pruning.maxTermsPerArticle, termCache);
  termCache?.save();
  const width = Math.max(1, options.neighbourhood.size, k);
  const neighbours = new NeighbourLists(vectors, new CandidateFinder(vectors, options.pruning), {
    width, exact: Math.max(k, options.neighbourhood.candidates), duplicateSimilarity: options.duplicateSimilarity,
  });
  const scorer = new NeighbourhoodScorer(neighbours, options.neighbourhood);
  const isCopy = (a: number, b: number) => vectors.fingerprints[a] === vectors.fingerprints[b] || neighbours.areCopies(a, b);
  const latestInSection = latestBySection(docs, times, listable);
  const list = new ListBuilder(docs.length, k, isCopy);
  const ranked = new Ranking(neighbours.exact);
  // Recency weighs the text similarity only, not the shared-neighbour share:
  // in a corpus smaller than the neighbourhood every pair shares nearly all
  // neighbours, and that share, scaled by recency, put the newest stories in
  // almost every list whatever they were about.
  const offer = (other: number, similarity: number, score: number) => {
    if (similarity >= options.floor && listable[other]) ranked.offer(other, similarity, score - similarity + similarity * recency[other]!);
  };

  for (let row = 0; row < docs.length; row++) {
    list.start(row);
    for (const pin of docs[row]!.pinned) {
      const other = rowOf.get(pin);
      if (other !== undefined && listable[other]) list.add(other, 'pinned');
    }
    if (!list.full()) {
      ranked.clear();
      scorer.forEachCandidate(row, offer);
      // Best first until the list is full: copies are skipped, so how many are needed is not known ahead.
      while (!list.full() && ranked.length > 0) {
        const best = ranked.takeBest();
        list.add(ranked.rows[best]!, 'similar', ranked.similarities[best]);
      }
    }
    for (const other of latestInSection.get(docs[row]!.section) ?? []) {
      if (list.full()) break;
      list.add(other, 'latest');
    }
    result.set(docs[row]!.id, list.links.map((entry) => toLink(docs[entry.row]!.id, entry)));
  }
  return result;
}

/** Plain code-point order, the same in every locale (localeCompare is not). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1 − w + w × 0.5^(age / halfLife)`; ages below zero count as zero. */
export function recencyFactor(ageDays: number, recency: RelatedTuning['recency']): number {
  const weight = Math.min(1, Math.max(0, recency.weight));
  if (weight === 0 || !(recency.halfLifeDays > 0)) return 1;
  return 1 - weight + weight * Math.pow(0.5, Math.max(0, ageDays) / recency.halfLifeDays);
}

/** Listable rows of each section, newest first, ties by id. */
function latestBySection(docs: readonly RelatedInput[], times: readonly number[], listable: readonly boolean[]): Map<string, number[]> {
  const bySection = new Map<string, number[]>();
  for (let row = 0; row < docs.length; row++) {
    if (!listable[row]) continue;
    const rows = bySection.get(docs[row]!.section) ?? [];
    rows.push(row);
    bySection.set(docs[row]!.section, rows);
  }
  // Rows are in id order, so on equal times the smaller row is the smaller id.
  for (const rows of bySection.values()) rows.sort((a, b) => times[b]! - times[a]! || a - b);
  return bySection;
}

/**
 * One article's candidates, taken best first (highest score, ties to the
 * smaller row): a list needs a handful of them, so picking beats sorting.
 */
class Ranking {
  readonly rows: Int32Array;
  readonly similarities: Float64Array;
  private readonly scores: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.rows = new Int32Array(capacity);
    this.similarities = new Float64Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  offer(row: number, similarity: number, score: number): void {
    const at = this.length++;
    this.rows[at] = row;
    this.similarities[at] = similarity;
    this.scores[at] = score;
  }

  /** Moves the best remaining candidate just past the remaining ones and returns its position there. */
  takeBest(): number {
    const { rows, similarities, scores } = this;
    let best = 0;
    for (let i = 1; i < this.length; i++) {
      if (scores[i]! > scores[best]! || (scores[i] === scores[best] && rows[i]! < rows[best]!)) best = i;
    }
    const last = --this.length;
    const row = rows[best]!, similarity = similarities[best]!, score = scores[best]!;
    rows[best] = rows[last]!;
    similarities[best] = similarities[last]!;
    scores[best] = scores[last]!;
    rows[last] = row;
    similarities[last] = similarity;
    scores[last] = score;
    return last;
  }
}

interface Entry {
  row: number;
  reason: RelatedReason;
  similarity?: number;
}

function toLink(id: string, { reason, similarity }: Entry): RelatedLink {
  return similarity === undefined ? { id, reason } : { id, reason, similarity };
}

/**
 * One article's list as it fills, reused from article to article: no
 * repeats, never the article itself, and (except for editor pins) no copy of
 * the article or of a story already listed.
 */
class ListBuilder {
  links: Entry[] = [];
  private row = -1;
  /** Row + 1 of the article whose list last saw each row. */
  private readonly seen: Int32Array;

  private readonly k: number;
  private readonly isCopy: (a: number, b: number) => boolean;

  constructor(size: number, k: number, isCopy: (a: number, b: number) => boolean) {
    this.k = k;
    this.isCopy = isCopy;
    this.seen = new Int32Array(size);
  }

  start(row: number): void {
    this.row = row;
    this.links = [];
    this.seen[row] = row + 1;
  }

  full(): boolean {
    return this.links.length >= this.k;
  }

  add(other: number, reason: RelatedReason, similarity?: number): void {
    if (this.full() || this.seen[other] === this.row + 1) return;
    this.seen[other] = this.row + 1;
    if (reason !== 'pinned') {
      if (this.isCopy(this.row, other)) return;
      for (const link of this.links) if (this.isCopy(link.row, other)) return;
    }
    this.links.push(similarity === undefined ? { row: other, reason } : { row: other, reason, similarity });
  }
}
