/**
 * Builds the search index from the site's documents: postings weighted by
 * field (BM25F-style) and normalised by length, with word positions, in
 * buckets by term prefix; a suffix list for typo correction; one record per
 * document. Every file is named by a digest of its content (index-format.ts
 * says how the files are cut so that one story's change renames few).
 * Deterministic: the same documents and options give byte-identical files,
 * whatever order the documents come in.
 */
import { PostingsWriter } from './postings-codec';
import {
  IMPACT_SCALE, INDEX_VERSION, MANIFEST_FILE, compareTerms, contentPath, reverseTerm,
  type DirectoryShard, type DocRecord, type HeadlineShard, type PositionsShard, type PostingShard, type PrefixBuckets, type SearchManifest, type SearchThumbnail,
  type SearchTuning, type SectionRef, type SectionShard, type SuffixShard, type VocabShard,
} from './index-format';
import { buildEntities, type EntityInput } from './entities';
import { storyLength, storyTerms } from './story-terms';
import { isCorrectable } from './tokenize';

export interface SearchDocument {
  url: string;
  title: string;
  summary: string;
  section: SectionRef;
  date: Date;
  dateText: string;
  tags: readonly string[];
  /** The place the story was filed from: searchable, never in a snippet. */
  dateline?: string;
  /** Body text, without the dateline run-in. */
  text: string;
  thumbnail?: SearchThumbnail;
}

/** How the index is cut up and weighted; set in site.config.ts (SearchConfig extends it). */
export interface IndexShape {
  /** How much a word in each field counts against one in the body (BM25F-style). */
  fieldWeights: { title: number; summary: number; tags: number };
  /** Target size in bytes of one postings chunk (the browser fetches only the chunks a query needs). */
  shardBytes: number;
  /**
   * A term whose positions take more bytes than this ships them in a file of
   * their own, apart from its stories and weights: the browser fetches them
   * for phrases, and otherwise reads the few leading stories' positions from
   * their records.
   */
  positionsApartBytes: number;
  /**
   * Most terms in one vocabulary bucket: a bucket with more is split by one
   * letter more of the terms' start (each query word reads the bucket(s) of
   * its first letters).
   */
  vocabShardTerms: number;
  /** The same for the suffix list used to correct typos near the start of a word (bucketed by last letters). */
  suffixShardTerms: number;
  /** Stories per headline shard (what results show, fetched in runs). */
  headlineShardSize: number;
  /**
   * After the first search, the browser loads the whole index but the
   * stories' records in the background when its files add up to at most this
   * many bytes of JSON (before gzip, which about halves them); otherwise only
   * the vocabulary, suffix, directory and headline files when those fit,
   * leaving postings on demand. 0: neither.
   */
  prefetchBytes: number;
}

export interface BuildOptions extends IndexShape {
  tuning: SearchTuning;
  /** Every section in display order (the filter offers these). */
  sections: readonly SectionRef[];
  /** Groups of names meaning one thing (Saigon, Hồ Chí Minh City, HCMC), applied at query time. */
  aliases?: readonly (readonly string[])[];
  /** Sections, tags, sources, places and people the suggestions offer. */
  entities?: EntityInput;
}

export interface BuiltIndex {
  /** Path relative to the index root → file text. */
  files: Map<string, string>;
  manifest: SearchManifest;
}

/** cyrb53: a small, fast 53-bit string hash. */
function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed, h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Headline shards per directory file. */
const DIRECTORY_SIZE = 64;
/** Stories per section file. */
const SECTION_SHARD_SIZE = 8192;
/** Bucket keys are at most this many letters (a bucket of one key may then pass its size). */
const MAX_PREFIX = 5;

/** FNV-1a over UTF-16 code units: where a bucket's postings are cut into chunks. */
function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A file's name from its kind and content: 63 bits of two cyrb53 hashes, in base 36. */
function contentName(kind: string, text: string): string {
  return kind + hash53(text).toString(36).padStart(11, '0') + (hash53(text, 1) % 1296).toString(36).padStart(2, '0');
}

/** Builds every file of the index for `docs`, numbered oldest first (then by URL). */
export function buildSearchIndex(input: readonly SearchDocument[], options: BuildOptions): BuiltIndex {
  const { fieldWeights, tuning } = options;
  const docs = [...input].sort((x, y) => x.date.getTime() - y.date.getTime() || compareTerms(x.url, y.url));
  const sectionIndex = new Map(options.sections.map((s, i) => [s.id, i]));
  const files = new Map<string, string>();
  /** Adds a content-named file; returns its name. */
  const put = (kind: string, content: unknown): string => {
    const text = JSON.stringify(content);
    const name = contentName(kind, text);
    files.set(contentPath(name), text);
    return name;
  };

  // BM25's length normalisation is applied here, against the mean length to
  // two figures (so that one more story seldom changes it): a first pass counts.
  const lengths = docs.map(storyLength);
  const mean = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 1;
  const normLength = Number(Math.max(1, mean).toPrecision(2));

  const postings = new Map<string, PostingsWriter>();
  const docSections: number[] = [];
  docs.forEach((doc, n) => {
    const section = sectionIndex.get(doc.section.id);
    if (section === undefined) throw new Error(`${doc.url}: section "${doc.section.id}" is not a configured section`);
    docSections.push(section);
    const norm = 1 - tuning.b + (tuning.b * lengths[n]!) / normLength;
    for (const [term, entry] of storyTerms(doc, fieldWeights)) {
      let writer = postings.get(term);
      if (!writer) postings.set(term, (writer = new PostingsWriter()));
      writer.add(n, Math.max(1, Math.round((IMPACT_SCALE * entry.weight) / norm)), entry.positions);
    }
  });

  const terms = [...postings.keys()].sort(compareTerms);
  const vocab: PrefixBuckets = { keys: [], files: [] };
  for (const { key, items } of prefixBuckets(terms, options.vocabShardTerms)) {
    // A common word's positions go to a file of their own (fetched only for
    // phrases, or when many stories need them): the others' stay in its chunk.
    const encoded = items.map((t) => {
      const { docs, positions } = postings.get(t)!.encoded();
      return { docs, positions: positions.length > options.positionsApartBytes ? { file: put('q', { positions } satisfies PositionsShard), length: positions.length } : positions };
    });
    const bytes = encoded.reduce((sum, e) => sum + e.docs.length + (typeof e.positions === 'string' ? e.positions.length : 40) + 6, 0);
    // Chunks are runs of the bucket's terms (a word's completions and
    // corrections mostly share one), cut before each term whose hash is a
    // multiple of `every`: the cuts depend only on the terms, never on their
    // places, so a term's growth moves no cut. `every` is a power of two
    // giving chunks of about `shardBytes`; when it halves, cuts are only added.
    const chunks = Math.max(1, bytes / options.shardBytes);
    let every = 1;
    while (every * 2 <= items.length / chunks) every *= 2;
    const starts = items.flatMap((term, i) => (i === 0 || termHash(term) % every === 0 ? [i] : []));
    const files = starts.map((from, k) => {
      const to = starts[k + 1] ?? items.length;
      const run = encoded.slice(from, to);
      return put('p', { terms: items.slice(from, to), postings: run.map((e) => e.docs), positions: run.map((e) => e.positions) } satisfies PostingShard);
    });
    const shard: VocabShard = { terms: items, df: items.map((t) => postings.get(t)!.count), starts, postings: files };
    vocab.keys.push(key);
    vocab.files.push(put('v', shard));
  }

  const reversed = terms.filter((t) => t.length >= 3 && isCorrectable(t)).map(reverseTerm).sort(compareTerms);
  const suffix: PrefixBuckets = { keys: [], files: [] };
  for (const { key, items } of prefixBuckets(reversed, options.suffixShardTerms)) {
    suffix.keys.push(key);
    suffix.files.push(put('s', { reversed: items } satisfies SuffixShard));
  }

  const size = options.headlineShardSize;
  const headlineFiles: string[] = [];
  let recordChars = 0;
  for (let i = 0; i < docs.length; i += size) {
    const run = docs.slice(i, i + size).map((doc): DocRecord => ({
      url: doc.url, title: doc.title, summary: doc.summary, section: doc.section,
      date: doc.date.toISOString(), dateText: doc.dateText,
      ...(doc.thumbnail ? { thumbnail: doc.thumbnail } : {}),
      tags: [...doc.tags],
      ...(doc.dateline ? { dateline: doc.dateline } : {}),
      text: doc.text,
    }));
    const shard: HeadlineShard = {
      url: run.map((r) => r.url), title: run.map((r) => r.title), summary: run.map((r) => r.summary),
      section: run.map((r) => sectionIndex.get(r.section.id)!), date: run.map((r) => r.date), dateText: run.map((r) => r.dateText),
      thumbnail: run.map((r) => r.thumbnail ?? 0),
      record: run.map((r) => {
        const name = put('r', r);
        recordChars += files.get(contentPath(name))!.length;
        return name;
      }),
    };
    headlineFiles.push(put('h', shard));
  }
  const directories: string[] = [];
  for (let i = 0; i < headlineFiles.length; i += DIRECTORY_SIZE) {
    directories.push(put('d', { headlines: headlineFiles.slice(i, i + DIRECTORY_SIZE) } satisfies DirectoryShard));
  }
  const sectionShards: string[] = [];
  for (let i = 0; i < docs.length; i += SECTION_SHARD_SIZE) {
    sectionShards.push(put('c', { sections: docSections.slice(i, i + SECTION_SHARD_SIZE) } satisfies SectionShard));
  }
  const entities = put('e', buildEntities(options.entities ?? {}, options.aliases ?? []));

  let lookupBytes = 0, postingBytes = 0;
  for (const [path, text] of files) {
    const kind = path[path.indexOf('/') + 1];
    if (kind === 'p' || kind === 'q') postingBytes += text.length;
    else if (kind === 'v' || kind === 's' || kind === 'd' || kind === 'h') lookupBytes += text.length;
  }
  const prefetch = lookupBytes + postingBytes <= options.prefetchBytes ? 'all' : lookupBytes <= options.prefetchBytes ? 'lookup' : 'none';

  const manifest: SearchManifest = {
    version: INDEX_VERSION,
    docCount: docs.length,
    normLength,
    recordLength: Number(Math.max(1, recordChars / Math.max(1, docs.length)).toPrecision(2)),
    sections: options.sections.map((s) => ({ id: s.id, name: s.name })),
    vocab,
    suffix,
    headlineShardSize: size,
    directorySize: DIRECTORY_SIZE,
    directories,
    sectionShardSize: SECTION_SHARD_SIZE,
    sectionShards,
    entities,
    prefetch,
    tuning,
    aliases: (options.aliases ?? []).map((group) => [...group]),
  };
  files.set(MANIFEST_FILE, JSON.stringify(manifest));
  return { files, manifest };
}

/**
 * Sorted strings in buckets by prefix: all in one (key ""), and a bucket with
 * more than `max` split by one letter more (up to MAX_PREFIX), so a small
 * index is a few files and a large one many. Keys are ascending; a string
 * shorter than its bucket's depth is a bucket of its own.
 */
function prefixBuckets(sorted: readonly string[], max: number, depth = 0): { key: string; items: string[] }[] {
  const out: { key: string; items: string[] }[] = [];
  for (let i = 0; i < sorted.length; ) {
    const key = sorted[i]!.slice(0, depth);
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.slice(0, depth) === key) j++;
    const items = sorted.slice(i, j);
    if (items.length > max && depth < MAX_PREFIX && items.some((t) => t.length > depth)) out.push(...prefixBuckets(items, max, depth + 1));
    else out.push({ key, items });
    i = j;
  }
  return out;
}
