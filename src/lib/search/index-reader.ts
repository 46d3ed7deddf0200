/**
 * Reading the search index as the engine needs it: files fetched once and
 * cached, vocabulary buckets, the suffix list, postings decoded on demand,
 * headlines and story records, sections, and the background prefetch. Where
 * the files come from is the caller's business (fetch in the worker, a map in tests).
 */
import {
  INDEX_VERSION, MANIFEST_FILE, bucketOf, bucketsFor, chunkHolding, chunkNames, contentPath, headlineName, frontDecode, lowerBound, recordName, reverseTerm,
  type DirectoryShard, type DocHeadline, type DocRecord, type HeadlineShard, type KnownWordsShard, type PositionsRef, type PositionsShard, type PostingShard, type SearchManifest, type SectionShard, type SuffixShard, type VocabShard,
} from './index-format.ts';
import { EntityIndex, type Entity } from './entities.ts';
import { decodePositions, decodePostings, type PostingList } from './postings-codec.ts';
import { aliasRuns, storyTerms } from './story-terms.ts';

/** Where the index files come from: fetch in the browser, a map in tests. */
export type IndexSource = (path: string) => Promise<unknown>;

/** A term of the vocabulary: its bucket (which places its postings; -1 for a phrase made at query time) and document frequency. */
export interface VocabEntry {
  term: string;
  bucket: number;
  df: number;
}

/** Sorts after every term that starts with a given prefix. */
export const HIGH = '\uffff';
const EMPTY = new Int32Array(0);
const CACHE_DOCS = 400;
const CACHE_POSTINGS = 4000;
/** Positions do not depend on field weights. */
const UNWEIGHTED = { title: 1, summary: 1, tags: 1 };

export class IndexReader {
  /** Index files by name (content-named, so never stale); records are kept apart, in a bounded cache. */
  private readonly files = new Map<string, Promise<unknown>>();
  private readonly docs = new Map<number, Promise<DocRecord>>();
  /** Story records that have arrived (a bounded cache), and headlines from headline shards. */
  private readonly records = new Map<number, DocRecord>();
  private readonly headlines = new Map<number, DocHeadline>();
  /** Known-words files, decoded (isKnownWord). */
  private readonly knownWords = new Map<string, string[]>();
  /** Decoded postings of the terms queried so far. */
  readonly postings = new Map<string, PostingList>();
  /** The positions files of common words whose postings came without positions. */
  private readonly apart = new Map<string, PositionsRef>();
  /** Files that have arrived (a common word's positions may have come with the prefetch). */
  private readonly arrived = new Set<string>();
  /** Common words' positions in a story, read from the story's record (cached with it). */
  private readonly recordPositions = new Map<number, Map<string, Int32Array>>();
  private prefetching: Promise<void> | undefined;
  private entityIndex: Promise<EntityIndex> | undefined;
  private sectionList: Promise<Uint8Array> | undefined;

  private readonly source: IndexSource;
  readonly manifest: SearchManifest;

  private constructor(source: IndexSource, manifest: SearchManifest) {
    this.source = source;
    this.manifest = manifest;
  }

  /** Reads the manifest. */
  static async open(source: IndexSource): Promise<IndexReader> {
    const manifest = (await source(MANIFEST_FILE)) as SearchManifest;
    if (manifest?.version !== INDEX_VERSION) throw new Error(`search index version ${String(manifest?.version)} is not ${INDEX_VERSION}`);
    return new IndexReader(source, manifest);
  }

  /** Drops decoded postings once there are many; called between queries, never during one. */
  trimPostings(): void {
    if (this.postings.size >= CACHE_POSTINGS) {
      this.postings.clear();
      this.apart.clear();
    }
  }

  /** The headline of story `doc`, if its headline shard has arrived. */
  headline(doc: number): DocHeadline | undefined {
    return this.headlines.get(doc);
  }

  /** The record of story `doc`, if it has arrived and is still cached. */
  record(doc: number): DocRecord | undefined {
    return this.records.get(doc);
  }

  /**
   * Loads, two at a time, the files the manifest allows: the vocabulary,
   * suffix, directory and headline files (later queries then fetch only
   * postings and snippet text), and the postings too when the index is small.
   */
  prefetch(): Promise<void> {
    const mode = this.manifest.prefetch;
    if (mode === 'none') return Promise.resolve();
    this.prefetching ??= (async () => {
      const { vocab, suffix, docCount, headlineShardSize } = this.manifest;
      const jobs: (() => Promise<unknown>)[] = [
        ...vocab.files.map((_, i) => async () => {
          const shard = await this.vocabShard(i);
          if (mode !== 'all') return;
          for (const name of chunkNames(shard)) {
            jobs.push(async () => {
              const chunk = (await this.file(name)) as PostingShard;
              for (const p of chunk.positions) if (typeof p !== 'string') jobs.push(() => this.file(p.file));
            });
          }
        }),
        ...suffix.files.map((_, i) => () => this.suffixShard(i)),
        ...Array.from({ length: Math.ceil(docCount / headlineShardSize) }, (_, i) => () => this.headlineShard(i)),
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
      const loading = (this.file(this.manifest.entities) as Promise<Entity[]>).then((list) => new EntityIndex(list));
      loading.catch(() => (this.entityIndex = undefined));
      this.entityIndex = loading;
    }
    return this.entityIndex;
  }

  /** The section of every story (index into the manifest's sections), fetched when a query filters by section. */
  sections(): Promise<Uint8Array> {
    if (!this.sectionList) {
      const { sectionShards, sectionShardSize, docCount } = this.manifest;
      const loading = Promise.all(sectionShards.map((name) => this.file(name) as Promise<SectionShard>)).then((shards) => {
        const out = new Uint8Array(docCount);
        shards.forEach((shard, k) => out.set(shard.sections, k * sectionShardSize));
        return out;
      });
      loading.catch(() => (this.sectionList = undefined));
      this.sectionList = loading;
    }
    return this.sectionList;
  }

  /**
   * Positions of `term` in story `doc` (empty when absent); undefined when
   * the term is a common word whose positions have not arrived, neither its
   * positions file nor the story's record.
   */
  positions(term: string, doc: number): Int32Array | undefined {
    const list = this.postings.get(term);
    if (!list) return EMPTY;
    if (list.positions) return positionsIn(list, doc);
    if (!holds(list, doc)) return EMPTY;
    const known = this.recordPositions.get(doc)?.get(term);
    if (known) return known;
    // Cut from the record: the positions of every common word queried so far, at once.
    const record = this.records.get(doc);
    if (!record) return undefined;
    const wanted = new Set([...this.apart.keys(), term]);
    const found = storyTerms(record, UNWEIGHTED, wanted, aliasRuns(this.manifest.aliases));
    const story = new Map([...wanted].map((t) => [t, found.has(t) ? Int32Array.from(found.get(t)!.positions) : EMPTY]));
    this.recordPositions.set(doc, story);
    return story.get(term)!;
  }

  /** Characters `term`'s positions file would bring (0 when its positions are here, or the file is). */
  positionsLength(term: string): number {
    const ref = this.apart.get(term);
    return !ref || this.postings.get(term)?.positions || this.arrived.has(ref.file) ? 0 : ref.length;
  }

  /** Makes sure the postings of `term` (loaded already) carry every story's positions: a common word's come from a file of their own. */
  async loadPositions(term: string): Promise<void> {
    const list = this.postings.get(term);
    const ref = this.apart.get(term);
    if (!list || list.positions || !ref) return;
    const { positions } = (await this.file(ref.file)) as PositionsShard;
    if (!list.positions) Object.assign(list, decodePositions(positions, list.docs.length));
  }

  /**
   * How the positions of `terms` in `docs` would come: a common word's
   * positions file, or the stories' records when they come to fewer
   * characters (and to few enough to stay cached; the files when some are
   * gone all the same); and the characters that costs (0 when they are here).
   */
  positionsPlan(terms: readonly string[], docs: readonly number[]): { cost: number; load: () => Promise<unknown> } {
    const missing = [...new Set(terms)].filter((t) => this.apart.has(t) && !this.postings.get(t)?.positions);
    const needed = missing.length ? docs.filter((d) => missing.some((t) => !this.positions(t, d))) : [];
    if (needed.length === 0) return { cost: 0, load: async () => {} };
    const fileCost = missing.reduce((n, t) => n + this.positionsLength(t), 0);
    const recordCost = needed.length * this.manifest.recordLength;
    return needed.length > CACHE_DOCS / 2 || fileCost <= recordCost
      ? { cost: fileCost, load: () => Promise.all(missing.map((t) => this.loadPositions(t))) }
      : {
        cost: recordCost,
        load: async () => {
          await this.loadRecords(needed);
          // Records that other queries' records pushed out of the cache: the files, then.
          if (needed.some((d) => missing.some((t) => !this.positions(t, d)))) await Promise.all(missing.map((t) => this.loadPositions(t)));
        },
      };
  }

  /** Makes sure the positions of `terms` in `docs` are here, the cheaper way (positionsPlan). */
  async positionsFor(terms: readonly string[], docs: readonly number[]): Promise<void> {
    await this.positionsPlan(terms, docs).load();
  }

  /** Reads the records of `docs`, whose positions then stand in for common words' positions files. */
  async loadRecords(docs: readonly number[]): Promise<void> {
    await Promise.all(docs.map((d) => this.doc(d)));
  }

  /** The vocabulary entries starting with `prefix`, in term order. */
  async entries(prefix: string): Promise<VocabEntry[]> {
    const buckets = bucketsFor(this.manifest.vocab.keys, prefix);
    const shards = await Promise.all(buckets.map((k) => this.vocabShard(k)));
    const out: VocabEntry[] = [];
    const end = prefix + HIGH;
    shards.forEach((shard, n) => {
      for (let i = lowerBound(shard.terms, prefix); i < shard.terms.length && shard.terms[i]! < end; i++) {
        out.push({ term: shard.terms[i]!, bucket: buckets[n]!, df: shard.df[i]! });
      }
    });
    return out;
  }

  /** The vocabulary entry of `term`, if the index has it. */
  async lookup(term: string): Promise<VocabEntry | undefined> {
    const bucket = bucketOf(this.manifest.vocab.keys, term);
    if (bucket < 0) return undefined;
    const shard = await this.vocabShard(bucket);
    const i = lowerBound(shard.terms, term);
    return shard.terms[i] === term ? { term, bucket, df: shard.df[i]! } : undefined;
  }

  /** Whether `word` is one of the known English words (index-format.ts), which are never corrected. */
  async isKnownWord(word: string): Promise<boolean> {
    const { keys } = this.manifest.known;
    const at = lowerBound(keys, word);
    const bucket = keys[at] === word ? at : at - 1;
    if (bucket < 0) return false;
    const file = this.manifest.known.files[bucket]!;
    let words = this.knownWords.get(file);
    if (!words) {
      words = frontDecode(((await this.file(file)) as KnownWordsShard).words);
      this.knownWords.set(file, words);
    }
    return words[lowerBound(words, word)] === word;
  }

  /** The terms ending with the reverse of `reversedSuffix`. */
  async suffixRange(reversedSuffix: string): Promise<string[]> {
    const buckets = bucketsFor(this.manifest.suffix.keys, reversedSuffix);
    const loaded = await Promise.all(buckets.map((k) => this.suffixShard(k)));
    const end = reversedSuffix + HIGH;
    return loaded.flatMap((s) => {
      const out: string[] = [];
      for (let i = lowerBound(s.reversed, reversedSuffix); i < s.reversed.length && s.reversed[i]! < end; i++) out.push(reverseTerm(s.reversed[i]!));
      return out;
    });
  }

  async loadPostings(entry: VocabEntry): Promise<void> {
    if (this.postings.has(entry.term) || entry.bucket < 0) return;
    const shard = await this.vocabShard(entry.bucket);
    const at = lowerBound(shard.terms, entry.term);
    const chunk = (await this.file(chunkHolding(shard, at))) as PostingShard;
    const i = lowerBound(chunk.terms, entry.term);
    if (chunk.terms[i] !== entry.term || this.postings.has(entry.term)) return;
    const positions = chunk.positions[i]!;
    if (typeof positions === 'string') {
      this.postings.set(entry.term, decodePostings({ docs: chunk.postings[i]!, positions }));
      return;
    }
    this.postings.set(entry.term, decodePostings({ docs: chunk.postings[i]! }));
    this.apart.set(entry.term, positions);
    // Already here (the background prefetch): as good as inline.
    if (this.arrived.has(positions.file)) await this.loadPositions(entry.term);
  }

  /** Makes sure the headlines of `docs` have arrived. */
  async loadHeadlines(docs: readonly number[]): Promise<void> {
    const size = this.manifest.headlineShardSize;
    await Promise.all([...new Set(docs.filter((d) => !this.headlines.has(d)).map((d) => Math.floor(d / size)))].map((k) => this.headlineShard(k)));
  }

  /** A story's record; recently used ones stay cached. */
  doc(i: number): Promise<DocRecord> {
    let p = this.docs.get(i);
    if (p) {
      this.docs.delete(i);
    } else {
      p = this.recordFile(i).then((name) => this.source(contentPath(name)) as Promise<DocRecord>);
      p.then(
        (record) => {
          if (this.docs.has(i)) this.records.set(i, record);
          // A record holds the story's headline: a result whose record came for closeness needs no headline file.
          if (!this.headlines.has(i)) {
            const { url, title, summary, section, date, dateText, thumbnail } = record;
            this.headlines.set(i, { url, title, summary, section, date, dateText, ...(thumbnail ? { thumbnail } : {}) });
          }
        },
        () => this.docs.delete(i),
      );
    }
    this.docs.set(i, p);
    if (this.docs.size > CACHE_DOCS) {
      const oldest = this.docs.keys().next().value!;
      this.docs.delete(oldest);
      this.records.delete(oldest);
      this.recordPositions.delete(oldest);
    }
    return p;
  }

  /** One fetch per file; a failed one is tried again next time. */
  private file(name: string): Promise<unknown> {
    let p = this.files.get(name);
    if (!p) {
      p = this.source(contentPath(name));
      p.then(() => this.arrived.add(name), () => this.files.delete(name));
      this.files.set(name, p);
    }
    return p;
  }

  private vocabShard(i: number): Promise<VocabShard> {
    return this.file(this.manifest.vocab.files[i]!) as Promise<VocabShard>;
  }

  private suffixShard(i: number): Promise<SuffixShard> {
    return this.file(this.manifest.suffix.files[i]!) as Promise<SuffixShard>;
  }

  /** The headline shard file of run `i` of stories, from its directory. */
  private async headlineFile(i: number): Promise<string> {
    const { directorySize, directories } = this.manifest;
    const k = i % directorySize;
    const directory = (await this.file(directories[(i - k) / directorySize]!)) as DirectoryShard;
    return headlineName(directory, i - k, k);
  }

  /** The record file of story `doc`: named for its headline shard, which it needs not fetch. */
  private async recordFile(doc: number): Promise<string> {
    const size = this.manifest.headlineShardSize;
    return recordName(await this.headlineFile(Math.floor(doc / size)), doc % size);
  }

  private async headlineShard(i: number): Promise<void> {
    const { sections, headlineShardSize } = this.manifest;
    const shard = (await this.file(await this.headlineFile(i))) as HeadlineShard;
    shard.url.forEach((url, k) => {
      const doc = i * headlineShardSize + k;
      if (this.headlines.has(doc)) return;
      const thumbnail = shard.thumbnail[k];
      this.headlines.set(doc, {
        url, title: shard.title[k]!, summary: shard.summary[k]!, section: sections[shard.section[k]!]!,
        date: shard.date[k]!, dateText: shard.dateText[k]!, ...(thumbnail ? { thumbnail } : {}),
      });
    });
  }
}

/** Where story `doc` stands in a posting list (-1 when absent). */
function postingOf(list: PostingList, doc: number): number {
  let lo = 0, hi = list.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list.docs[mid]!;
    if (d === doc) return mid;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** True when a posting list holds story `doc`. */
export function holds(list: PostingList, doc: number): boolean {
  return postingOf(list, doc) >= 0;
}

/** Positions of a posting list's story `doc` (empty when absent); the list must carry its positions. */
function positionsIn(list: PostingList, doc: number): Int32Array {
  const at = postingOf(list, doc);
  if (!list.positions || !list.offsets) throw new Error('positions not loaded');
  return at < 0 ? EMPTY : list.positions.subarray(list.offsets[at]!, list.offsets[at + 1]!);
}
