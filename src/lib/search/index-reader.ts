/**
 * Reading the search index as the engine needs it: shards fetched once and
 * cached, vocabulary ranges, the suffix list, postings decoded on demand,
 * headlines and story records, and the background prefetch. Where the files
 * come from is the caller's business (fetch in the worker, a map in tests).
 */
import {
  INDEX_VERSION, MANIFEST_FILE, docFile, entitiesFile, headlineShardFile, postingShardFile, reverseTerm, shardFor, suffixShardFile, vocabShardFile,
  type DocHeadline, type DocRecord, type HeadlineShard, type PostingShard, type SearchManifest, type SuffixShard, type VocabShard,
} from './index-format';
import { EntityIndex, type Entity } from './entities';
import { decodePostings, type PostingList } from './postings-codec';

/** Where the index files come from: fetch in the browser, a map in tests. */
export type IndexSource = (path: string) => Promise<unknown>;

/** A term of the vocabulary: its number (which places its postings) and document frequency. */
export interface VocabEntry {
  term: string;
  index: number;
  df: number;
}

/** Sorts after every term that starts with a given prefix. */
export const HIGH = '\uffff';
const EMPTY = new Int32Array(0);
const CACHE_DOCS = 400;
const CACHE_POSTINGS = 4000;

export class IndexReader {
  private readonly vocabShards = new Map<number, Promise<VocabShard>>();
  private readonly postingShards = new Map<number, Promise<PostingShard>>();
  private readonly suffixShards = new Map<number, Promise<SuffixShard>>();
  private readonly docs = new Map<number, Promise<DocRecord>>();
  /** Story records that have arrived (a bounded cache), and headlines from records or headline shards. */
  private readonly records = new Map<number, DocRecord>();
  private readonly headlines = new Map<number, DocHeadline>();
  /** Decoded postings of the terms queried so far. */
  readonly postings = new Map<string, PostingList>();
  private prefetching: Promise<void> | undefined;
  private entityIndex: Promise<EntityIndex> | undefined;

  private constructor(private readonly source: IndexSource, readonly manifest: SearchManifest) {}

  /** Reads the manifest. */
  static async open(source: IndexSource): Promise<IndexReader> {
    const manifest = (await source(MANIFEST_FILE)) as SearchManifest;
    if (manifest?.version !== INDEX_VERSION) throw new Error(`search index version ${String(manifest?.version)} is not ${INDEX_VERSION}`);
    return new IndexReader(source, manifest);
  }

  /** Drops decoded postings once there are many; called between queries, never during one. */
  trimPostings(): void {
    if (this.postings.size >= CACHE_POSTINGS) this.postings.clear();
  }

  /** The headline of story `doc`, if its record or headline shard has arrived. */
  headline(doc: number): DocHeadline | undefined {
    return this.headlines.get(doc);
  }

  /** The record of story `doc`, if it has arrived and is still cached. */
  record(doc: number): DocRecord | undefined {
    return this.records.get(doc);
  }

  /**
   * Loads, two at a time, the shards the manifest allows: the vocabulary,
   * suffix and headline shards (later queries then fetch only postings and
   * snippet text), and the postings too when the index is small.
   */
  prefetch(): Promise<void> {
    const mode = this.manifest.prefetch;
    if (mode === 'none') return Promise.resolve();
    this.prefetching ??= (async () => {
      const { vocabShards, postingShards, suffixShards, headlineShardSize, docCount } = this.manifest;
      const jobs: (() => Promise<unknown>)[] = [
        ...vocabShards.map((_, i) => () => this.vocabShard(i)),
        ...suffixShards.map((_, i) => () => this.suffixShard(i)),
        ...Array.from({ length: Math.ceil(docCount / headlineShardSize) }, (_, i) => () => this.headlineShard(i)),
        ...(mode === 'all' ? postingShards.map((_, i) => () => this.postingShard(i)) : []),
      ];
      const worker = async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) await job();
      };
      await Promise.all([worker(), worker()]);
    })();
    return this.prefetching;
  }

  /** The entity list (suggestions), fetched once; a failed fetch is tried again next time. */
  entities(): Promise<EntityIndex> {
    if (!this.entityIndex) {
      const loading = (this.source(entitiesFile(this.manifest.build)) as Promise<Entity[]>).then((list) => new EntityIndex(list));
      loading.catch(() => (this.entityIndex = undefined));
      this.entityIndex = loading;
    }
    return this.entityIndex;
  }

  /** Positions of `term` in story `doc` (empty when absent). */
  positions(term: string, doc: number): Int32Array {
    const list = this.postings.get(term);
    return list ? positionsIn(list, doc) : EMPTY;
  }

  /** The vocabulary entries from `from` (inclusive) to `to` (exclusive). */
  async entries(from: string, to: string): Promise<VocabEntry[]> {
    const bounds = this.manifest.vocabShards;
    if (bounds.length === 0) return [];
    const first = shardFor(bounds, from), last = shardFor(bounds, to);
    const out: VocabEntry[] = [];
    for (let k = first; k <= last; k++) {
      const shard = await this.vocabShard(k);
      const start = k * this.manifest.vocabShardTerms;
      for (let i = lowerBound(shard.terms, from); i < shard.terms.length && shard.terms[i]! < to; i++) {
        out.push({ term: shard.terms[i]!, index: start + i, df: shard.df[i]! });
      }
    }
    return out;
  }

  /** The vocabulary entry of `term`, if the index has it. */
  async lookup(term: string): Promise<VocabEntry | undefined> {
    const [entry] = await this.entries(term, `${term}\0`);
    return entry;
  }

  async suffixRange(reversedSuffix: string): Promise<string[]> {
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

  async loadPostings(entry: VocabEntry): Promise<void> {
    if (this.postings.has(entry.term)) return;
    const starts = this.manifest.postingShards;
    let k = 0;
    for (let lo = 0, hi = starts.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= entry.index) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const shard = await this.postingShard(k);
    const encoded = shard.postings[entry.index - starts[k]!];
    if (encoded !== undefined && !this.postings.has(entry.term)) this.postings.set(entry.term, decodePostings(encoded));
  }

  private vocabShard(i: number): Promise<VocabShard> {
    return cached(this.vocabShards, i, () => this.source(vocabShardFile(this.manifest.build, i)) as Promise<VocabShard>);
  }

  private postingShard(i: number): Promise<PostingShard> {
    return cached(this.postingShards, i, () => this.source(postingShardFile(this.manifest.build, i)) as Promise<PostingShard>);
  }

  private suffixShard(i: number): Promise<SuffixShard> {
    return cached(this.suffixShards, i, () => this.source(suffixShardFile(this.manifest.build, i)) as Promise<SuffixShard>);
  }

  private async headlineShard(i: number): Promise<void> {
    const shard = (await this.source(headlineShardFile(this.manifest.build, i))) as HeadlineShard;
    const { sections, headlineShardSize } = this.manifest;
    shard.url.forEach((url, k) => {
      const thumbnail = shard.thumbnail[k];
      this.headlines.set(i * headlineShardSize + k, {
        url, title: shard.title[k]!, summary: shard.summary[k]!, section: sections[shard.section[k]!]!,
        date: shard.date[k]!, dateText: shard.dateText[k]!, ...(thumbnail ? { thumbnail } : {}),
      });
    });
  }

  /** A story's record; recently used ones stay cached. */
  doc(i: number): Promise<DocRecord> {
    let p = this.docs.get(i);
    if (p) {
      this.docs.delete(i);
    } else {
      p = this.source(docFile(this.manifest.build, i)) as Promise<DocRecord>;
      p.then(
        (record) => {
          if (this.docs.has(i)) this.records.set(i, record);
          const { text: _text, ...headline } = record;
          this.headlines.set(i, headline);
        },
        () => this.docs.delete(i),
      );
    }
    this.docs.set(i, p);
    if (this.docs.size > CACHE_DOCS) {
      const oldest = this.docs.keys().next().value!;
      this.docs.delete(oldest);
      this.records.delete(oldest);
    }
    return p;
  }
}

/** One fetch per shard; a failed one is tried again next time. */
function cached<T>(cache: Map<number, Promise<T>>, i: number, load: () => Promise<T>): Promise<T> {
  let p = cache.get(i);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(i));
    cache.set(i, p);
  }
  return p;
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


/** Positions of a posting list's story `doc` (empty when absent). */
export function positionsIn(list: PostingList, doc: number): Int32Array {
  let lo = 0, hi = list.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list.docs[mid]!;
    if (d === doc) return list.positions.subarray(list.offsets[mid]!, list.offsets[mid + 1]!);
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return EMPTY;
}

