/**
 * The query side of search, run in a Web Worker (and in tests and benchmarks).
 *
 * Each query word is matched against the vocabulary three ways: as typed,
 * corrected for typos (Fuse.js over the few hundred terms that share the
 * word's first or last letters, confirmed by edit distance), and, for the
 * word being typed, completed. The postings of those terms score stories with
 * BM25 over field-weighted frequencies; a story's score for a word is its best
 * match among the word's expansions. Stories matching more of the words rank
 * first. Quoted phrases are checked against the stories' text.
 *
 * Only the shards a query needs are fetched, once; later queries reuse them.
 */
import Fuse from 'fuse.js/basic';
import { editDistance } from './edit-distance';
import {
  INDEX_VERSION, MANIFEST_FILE, docFile, reverseTerm, shardFor, suffixShardFile, termShardFile,
  type DocRecord, type SearchManifest, type SectionRef, type SuffixShard, type TermShard,
} from './index-format';
import { decodePostings } from './postings-codec';
import { containsPhrase, parseQuery, type QueryWord } from './query';
import { highlight, snippet, type Segment, type TermMatcher } from './snippet';
import { isCorrectable, tokenize } from './tokenize';

/** Where the engine reads index files from: fetch in the browser, a map in tests. */
export type IndexSource = (path: string) => Promise<unknown>;

export interface SearchRequest {
  query: string;
  /** Section id to keep; empty or absent for all. */
  section?: string;
  offset?: number;
  limit: number;
}

export interface SearchHit {
  doc: number;
  url: string;
  title: Segment[];
  snippet: Segment[];
  section: SectionRef;
  date: string;
  dateText: string;
  thumbnail?: DocRecord['thumbnail'];
}

export interface SearchResult {
  query: string;
  section: string;
  offset: number;
  /** Matching stories (a lower bound when `exhaustive` is false). */
  total: number;
  exhaustive: boolean;
  hits: SearchHit[];
  /** Words not in the index that were read as another word. */
  corrections: { typed: string; used: string }[];
  /** A query worth trying when nothing matched. */
  suggestion?: string;
}

/** Thrown when a newer query made this one pointless. */
export class StaleQuery extends Error {
  constructor() {
    super('a newer query replaced this one');
  }
}

interface Expansion {
  term: string;
  weight: number;
  /** Edits from the typed word (0 for the word itself and completions). */
  edits: number;
  completion: boolean;
}

interface WordPlan {
  word: QueryWord;
  expansions: Expansion[];
}

const HIGH = '\uffff';
const CACHE_DOCS = 400;
const CACHE_POSTINGS = 4000;

export class SearchEngine {
  private readonly termShards = new Map<number, Promise<TermShard>>();
  private readonly suffixShards = new Map<number, Promise<SuffixShard>>();
  private readonly docs = new Map<number, Promise<DocRecord>>();
  private readonly postings = new Map<string, Int32Array>();
  private readonly total: Float64Array;
  private readonly best: Float64Array;
  private readonly masks: Uint32Array;
  private readonly sectionIds: Map<string, number>;

  private constructor(private readonly source: IndexSource, readonly manifest: SearchManifest) {
    this.total = new Float64Array(manifest.docCount);
    this.best = new Float64Array(manifest.docCount);
    this.masks = new Uint32Array(manifest.docCount);
    this.sectionIds = new Map(manifest.sections.map((s, i) => [s.id, i]));
  }

  /** Reads the manifest and returns an engine ready to search. */
  static async open(source: IndexSource): Promise<SearchEngine> {
    const manifest = (await source(MANIFEST_FILE)) as SearchManifest;
    if (manifest?.version !== INDEX_VERSION) throw new Error(`search index version ${String(manifest?.version)} is not ${INDEX_VERSION}`);
    return new SearchEngine(source, manifest);
  }

  /** Runs a query. `isCurrent` is asked after every wait; when it says no, the query stops with StaleQuery. */
  async search(request: SearchRequest, isCurrent: () => boolean = () => true): Promise<SearchResult> {
    const check = () => {
      if (!isCurrent()) throw new StaleQuery();
    };
    const offset = request.offset ?? 0;
    const section = request.section && this.sectionIds.has(request.section) ? request.section : '';
    // Decoded postings are kept for later queries, within reason.
    if (this.postings.size >= CACHE_POSTINGS) this.postings.clear();
    const parsed = parseQuery(request.query);
    const result: SearchResult = { query: request.query, section, offset, total: 0, exhaustive: true, hits: [], corrections: [] };
    if (parsed.words.length === 0) return result;

    const plans = await this.plan(parsed.words.slice(0, 31), check);
    const required = plans.reduce((mask, p, i) => (p.word.exact ? mask | (1 << i) : mask), 0);
    const ranked = this.rank(plans, section ? this.sectionIds.get(section)! : -1, required);
    for (const p of plans) {
      const exact = p.expansions.find((e) => e.edits === 0 && !e.completion);
      const corrected = p.expansions.find((e) => e.edits > 0);
      if (!exact && corrected && !p.word.partial) result.corrections.push({ typed: p.word.term, used: corrected.term });
    }

    let matches = ranked;
    if (parsed.phrases.length > 0) {
      const verified = await this.verifyPhrases(ranked, parsed.phrases, offset + request.limit + 1, check);
      matches = verified.matches;
      result.exhaustive = verified.exhaustive;
    }
    result.total = matches.length;
    const page = matches.slice(offset, offset + request.limit);
    const matcher = this.matcher(plans);
    const records = await Promise.all(page.map((d) => this.doc(d)));
    check();
    result.hits = records.map((record, i) => ({
      doc: page[i]!,
      url: record.url,
      title: highlight(record.title, matcher),
      snippet: snippet(`${record.summary}\n${record.text}`, matcher, this.manifest.tuning.snippetWords),
      section: record.section,
      date: record.date,
      dateText: record.dateText,
      ...(record.thumbnail ? { thumbnail: record.thumbnail } : {}),
    }));
    if (result.total === 0) result.suggestion = await this.suggest(parsed.words, check);
    return result;
  }

  /** Finds each word's expansions: itself, completions, typo corrections. */
  private async plan(words: QueryWord[], check: () => void): Promise<WordPlan[]> {
    const { tuning } = this.manifest;
    return Promise.all(
      words.map(async (word): Promise<WordPlan> => {
        const w = word.term;
        const fuzzy = !word.exact && w.length >= tuning.typoMinLength && isCorrectable(w);
        const maxEdits = w.length >= tuning.twoTypoMinLength ? 2 : 1;
        const prefix = fuzzy ? w.slice(0, w.length >= 6 ? 3 : 2) : w;
        const suffix = w.slice(-(w.length >= 7 ? 3 : 2));
        const [shards, suffixTerms] = await Promise.all([
          this.termRange(prefix, prefix + HIGH),
          fuzzy ? this.suffixRange(reverseTerm(suffix)) : Promise.resolve([]),
        ]);
        check();
        const expansions: Expansion[] = [];
        if (this.lookup(shards, w)) expansions.push({ term: w, weight: 1, edits: 0, completion: false });
        if (word.partial) {
          const completions = this.inRange(shards, w, w + HIGH).filter((t) => t !== w);
          completions.sort((a, b) => this.df(shards, b) - this.df(shards, a) || (a < b ? -1 : 1));
          for (const term of completions.slice(0, tuning.maxExpansions)) {
            expansions.push({ term, weight: tuning.completionWeight, edits: 0, completion: true });
          }
        }
        if (fuzzy) {
          const corrections = await this.corrections(w, maxEdits, [...this.inRange(shards, prefix, prefix + HIGH), ...suffixTerms], shards, check);
          for (const c of corrections) {
            if (expansions.some((e) => e.term === c.term)) continue;
            expansions.push({ term: c.term, weight: tuning.typoWeights[c.edits - 1] ?? 0, edits: c.edits, completion: false });
          }
        }
        await Promise.all(expansions.map((e) => this.loadPostings(e.term)));
        check();
        return { word, expansions };
      }),
    );
  }

  /**
   * Terms within `maxEdits` typos of `w` among `candidates`: Fuse.js (Bitap)
   * shortlists, edit distance with swaps decides. Nearest first, then the
   * most common; at most `maxExpansions`.
   */
  private async corrections(w: string, maxEdits: number, candidates: string[], shards: Map<number, TermShard>, check: () => void) {
    const { tuning } = this.manifest;
    // A typed word of the shortest length is only completed by a missing letter
    // ("hous" → "house"), never swapped for another short word.
    const minLength = w.length <= tuning.typoMinLength ? w.length + 1 : w.length - maxEdits;
    const pool = [...new Set(candidates)].filter(
      (t) => t !== w && t.length >= minLength && t.length <= w.length + maxEdits && isCorrectable(t),
    );
    if (pool.length === 0) return [];
    const fuse = new Fuse(pool, { includeScore: true, ignoreLocation: true, isCaseSensitive: true, shouldSort: false, threshold: 0.5 });
    const found = fuse
      .search(w)
      .map((r) => ({ term: r.item, edits: editDistance(w, r.item, maxEdits) }))
      .filter((c) => c.edits <= maxEdits);
    // Corrections found through the suffix list may live in shards not loaded yet.
    found.sort((a, b) => a.edits - b.edits || (a.term < b.term ? -1 : 1));
    const shortlisted = found.slice(0, tuning.maxExpansions * 2);
    const bounds = this.manifest.termShards;
    await Promise.all(shortlisted.map((c) => this.termShard(shardFor(bounds, c.term)).then((s) => shards.set(shardFor(bounds, c.term), s))));
    check();
    return shortlisted
      .filter((c) => this.lookup(shards, c.term))
      .sort((a, b) => a.edits - b.edits || this.df(shards, b.term) - this.df(shards, a.term) || (a.term < b.term ? -1 : 1))
      .slice(0, tuning.maxExpansions);
  }

  /** Scores every story; returns matching story numbers, best first. */
  private rank(plans: WordPlan[], section: number, required: number): number[] {
    const { k1, b } = this.manifest.tuning;
    const { lengths, avgLength, docSections, docCount } = this.manifest;
    const { total, best, masks } = this;
    const matched: number[] = [];
    plans.forEach((plan, bit) => {
      const touched: number[] = [];
      for (const e of plan.expansions) {
        const postings = this.postings.get(e.term);
        if (!postings || e.weight <= 0) continue;
        const df = postings.length / 2;
        const idf = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
        const scale = e.weight * idf * (k1 + 1);
        for (let i = 0; i < postings.length; i += 2) {
          const doc = postings[i]!;
          if (section >= 0 && docSections[doc] !== section) continue;
          const tf = postings[i + 1]!;
          const s = (scale * tf) / (tf + k1 * (1 - b + (b * lengths[doc]!) / avgLength));
          if (best[doc] === 0) touched.push(doc);
          if (s > best[doc]!) best[doc] = s;
        }
      }
      for (const doc of touched) {
        if (masks[doc] === 0) matched.push(doc);
        total[doc] = total[doc]! + best[doc]!;
        masks[doc] = masks[doc]! | (1 << bit);
        best[doc] = 0;
      }
    });
    // One sort key: words matched, then score (always far below 1e9).
    const keep = matched.filter((d) => (masks[d]! & required) === required);
    const key = new Float64Array(keep.length);
    keep.forEach((d, i) => (key[i] = popcount(masks[d]!) * 1e9 + total[d]!));
    for (const d of matched) {
      total[d] = 0;
      masks[d] = 0;
    }
    const order = Array.from(keep.keys()).sort((i, j) => key[j]! - key[i]! || keep[i]! - keep[j]!);
    return order.map((i) => keep[i]!);
  }

  /** Keeps the stories whose text holds every phrase, reading stories in rank order. */
  private async verifyPhrases(ranked: number[], phrases: string[][], wanted: number, check: () => void) {
    const limit = this.manifest.tuning.phraseCheckLimit;
    const matches: number[] = [];
    let read = 0;
    while (read < ranked.length && read < limit && matches.length < wanted) {
      const batch = ranked.slice(read, Math.min(read + 16, limit));
      const records = await Promise.all(batch.map((d) => this.doc(d)));
      check();
      records.forEach((r, i) => {
        const terms = tokenize(`${r.title}\n${r.summary}\n${r.text}`);
        if (phrases.every((p) => containsPhrase(terms, p))) matches.push(batch[i]!);
      });
      read += batch.length;
    }
    return { matches, exhaustive: read >= ranked.length };
  }

  /** Which query word a term in a story matches, for highlighting. */
  private matcher(plans: WordPlan[]): TermMatcher {
    const byTerm = new Map<string, number>();
    plans.forEach((p, i) => {
      for (const e of p.expansions) if (!byTerm.has(e.term)) byTerm.set(e.term, i);
    });
    const partial = plans.findIndex((p) => p.word.partial);
    const stem = partial >= 0 ? plans[partial]!.word.term : '';
    return (term) => byTerm.get(term) ?? (stem && term.startsWith(stem) ? partial : -1);
  }

  /** "Did you mean": each unknown word replaced by its nearest common term (up to two typos). */
  private async suggest(words: QueryWord[], check: () => void): Promise<string | undefined> {
    let changed = false;
    const replaced = await Promise.all(
      words.map(async (word) => {
        const w = word.term;
        if (!isCorrectable(w) || w.length < 3) return w;
        const prefix = w.slice(0, 2);
        const [shards, suffixTerms] = await Promise.all([this.termRange(prefix, prefix + HIGH), this.suffixRange(reverseTerm(w.slice(-2)))]);
        check();
        if (this.lookup(shards, w)) return w;
        const found = await this.corrections(w, 2, [...this.inRange(shards, prefix, prefix + HIGH), ...suffixTerms], shards, check);
        if (!found[0]) return w;
        changed = true;
        return found[0].term;
      }),
    );
    return changed ? replaced.join(' ') : undefined;
  }

  private async termRange(from: string, to: string): Promise<Map<number, TermShard>> {
    const bounds = this.manifest.termShards;
    const shards = new Map<number, TermShard>();
    if (bounds.length === 0) return shards;
    const first = shardFor(bounds, from), last = shardFor(bounds, to);
    const loaded = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.termShard(first + i)));
    loaded.forEach((s, i) => shards.set(first + i, s));
    return shards;
  }

  private async suffixRange(reversedSuffix: string): Promise<string[]> {
    const bounds = this.manifest.suffixShards;
    if (bounds.length === 0) return [];
    const first = shardFor(bounds, reversedSuffix), last = shardFor(bounds, reversedSuffix + HIGH);
    const loaded = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.suffixShard(first + i)));
    const end = reversedSuffix + HIGH;
    return loaded.flatMap((s) => {
      const out: string[] = [];
      for (let i = lowerBound(s.reversed, reversedSuffix); i < s.reversed.length && s.reversed[i]! < end; i++) out.push(reverseTerm(s.reversed[i]!));
      return out;
    });
  }

  private inRange(shards: Map<number, TermShard>, from: string, to: string): string[] {
    const out: string[] = [];
    for (const shard of shards.values()) {
      let i = lowerBound(shard.terms, from);
      for (; i < shard.terms.length && shard.terms[i]! < to; i++) out.push(shard.terms[i]!);
    }
    return out;
  }

  private lookup(shards: Map<number, TermShard>, term: string): string | undefined {
    const shard = shards.get(shardFor(this.manifest.termShards, term));
    if (!shard) return undefined;
    const i = lowerBound(shard.terms, term);
    return shard.terms[i] === term ? shard.postings[i] : undefined;
  }

  /** Document frequency, from the decoded postings or the encoded length as a stand-in. */
  private df(shards: Map<number, TermShard>, term: string): number {
    const decoded = this.postings.get(term);
    if (decoded) return decoded.length / 2;
    return this.lookup(shards, term)?.length ?? 0;
  }

  private async loadPostings(term: string): Promise<void> {
    if (this.postings.has(term)) return;
    const i = shardFor(this.manifest.termShards, term);
    const shard = await this.termShard(i);
    const at = lowerBound(shard.terms, term);
    if (shard.terms[at] !== term || this.postings.has(term)) return;
    this.postings.set(term, decodePostings(shard.postings[at]!));
  }

  private termShard(i: number): Promise<TermShard> {
    let p = this.termShards.get(i);
    if (!p) {
      p = this.source(termShardFile(this.manifest.build, i)) as Promise<TermShard>;
      p.catch(() => this.termShards.delete(i));
      this.termShards.set(i, p);
    }
    return p;
  }

  private suffixShard(i: number): Promise<SuffixShard> {
    let p = this.suffixShards.get(i);
    if (!p) {
      p = this.source(suffixShardFile(this.manifest.build, i)) as Promise<SuffixShard>;
      p.catch(() => this.suffixShards.delete(i));
      this.suffixShards.set(i, p);
    }
    return p;
  }

  /** A story's record; recently used ones stay cached. */
  doc(i: number): Promise<DocRecord> {
    let p = this.docs.get(i);
    if (p) {
      this.docs.delete(i);
    } else {
      p = this.source(docFile(this.manifest.build, i)) as Promise<DocRecord>;
      p.catch(() => this.docs.delete(i));
    }
    this.docs.set(i, p);
    if (this.docs.size > CACHE_DOCS) this.docs.delete(this.docs.keys().next().value!);
    return p;
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function popcount(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
