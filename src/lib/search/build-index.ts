/**
 * Builds the search index from the site's documents: postings weighted by
 * field (BM25F-style) and normalised by length, with word positions, in
 * buckets by term prefix; a suffix list for typo correction; one record per
 * document. Every file is named by a digest of its content (index-format.ts
 * says how the files are cut so that one story's change renames few).
 * Deterministic: the same documents and options give byte-identical files,
 * whatever order the documents come in.
 */
import { createHash } from 'node:crypto';
import { PostingsWriter } from './postings-codec.ts';
import { textDigest } from '../content/body-texts.ts';
import {
  IMPACT_SCALE, INDEX_VERSION, MANIFEST_FILE, VERSION_LETTERS, chunkLineage, chunkStarts, compareTerms, contentPath, frontCode, headlineLineage, lowerBound, recordName, reverseTerm,
  type DirectoryShard, type DocRecord, type HeadlineShard, type KnownWordsShard, type PositionsRef, type PositionsShard, type PostingShard, type PrefixBuckets, type SearchManifest, type SearchThumbnail,
  type SearchTuning, type SectionRef, type SectionShard, type SuffixShard, type VocabShard,
} from './index-format.ts';
import { buildEntities, type EntityInput } from './entities.ts';
import { aliasRuns, aliasTerm, storyLength, storyTerms } from './story-terms.ts';
import { isCorrectable } from './tokenize.ts';

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
  /** The SHA-256 of `text` (base64url), when the caller has it (Article.textDigest): docDigest takes it rather than hash the text. */
  textDigest?: string;
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
  /** English words, folded and sorted (compareTerms): a typed one is never corrected (known-words.ts). */
  knownWords?: readonly string[];
}

/**
 * A file of an index kept by the last build, read only when asked for
 * (kept-index.ts): an update passes most of them on unread.
 */
export interface KeptText {
  /** Its length in UTF-16 units, as a string's. */
  readonly length: number;
  /** Its length in UTF-8 bytes. */
  readonly bytes: number;
  /** The positions files it names (a postings chunk's). */
  readonly names: readonly string[];
  /** Its text; throws, naming the file, when the kept copy cannot be read or is not the one kept. */
  read(): string;
}

/** A file's text, or a kept file's, read when asked for. */
export type IndexFile = string | KeptText;

export const textOf = (file: IndexFile): string => (typeof file === 'string' ? file : file.read());
export const bytesOf = (file: IndexFile): number => (typeof file === 'string' ? Buffer.byteLength(file) : file.bytes);

/** The positions files a postings chunk's text names (a term's quotes are escaped in it). */
export const namedPositions = (file: IndexFile): string[] =>
  typeof file === 'string' ? [...file.matchAll(/"file":"([^"]+)"/g)].map((m) => m[1]!) : [...file.names];

export interface BuiltIndex<F extends IndexFile = IndexFile> {
  /** Path relative to the index root → file text. */
  files: Map<string, F>;
  manifest: SearchManifest;
  /** Indexed words of all stories (their BM25 lengths summed): what an update needs for the new mean. */
  indexedWords: number;
  /** Each story's digest (docDigest), in number order: an update tells the stories that changed by them. */
  digests: string[];
}

/** Headline shards per directory file. */
const DIRECTORY_SIZE = 64;
/** Stories per section file. */
const SECTION_SHARD_SIZE = 8192;
/** Known words per file (about 2.4 KB gzipped). */
const KNOWN_WORDS_PER_FILE = 1500;
/** SCOWL's licence asks every copy of its lists to carry this (known-words.ts). */
const KNOWN_WORDS_NOTICE = 'From SCOWL, Copyright 2000-2016 by Kevin Atkinson; licence: /licences/scowl.txt';
/** Bucket keys are at most this many letters (a bucket of one key may then pass its size). */
const MAX_PREFIX = 5;

/**
 * A file's name from its kind and content: 64 bits of its SHA-256, in 13
 * base-36 digits, or `VERSION_LETTERS` digits after a lineage that already
 * tells it from other files (a postings chunk's: chunkNames). Node's hash
 * reads an update's 6 MB of new files in a few milliseconds, where a hash
 * written in JavaScript took a quarter of a second.
 */
function contentName(kind: string, text: string, short = false): string {
  const digest = createHash('sha256').update(text).digest().readBigUInt64BE();
  return short ? kind + (digest % 36n ** BigInt(VERSION_LETTERS)).toString(36).padStart(VERSION_LETTERS, '0') : kind + digest.toString(36).padStart(13, '0');
}

/** Builds every file of the index for `docs`, numbered oldest first (then by URL). */
export function buildSearchIndex(input: readonly SearchDocument[], options: BuildOptions): BuiltIndex<string> {
  const docs = sortedDocuments(input);
  const { files, put } = contentFiles<string>();

  // BM25's length normalisation is applied here, against the mean length to
  // two figures (so that one more story seldom changes it): a first pass counts.
  const lengths = docs.map(storyLength);
  const indexedWords = lengths.reduce((a, b) => a + b, 0);
  const normLength = meanLength(indexedWords, docs.length);

  const postings = new Map<string, PostingsWriter>();
  const sectionIndex = sectionNumbers(options);
  docs.forEach((doc, n) => {
    for (const [term, weight, positions] of weightedTerms(doc, lengths[n]!, normLength, options)) {
      let writer = postings.get(term);
      if (!writer) postings.set(term, (writer = new PostingsWriter()));
      writer.add(n, weight, positions);
    }
  });

  const terms = [...postings.keys()].sort(compareTerms);
  const vocab: PrefixBuckets = { keys: [], files: [] };
  for (const { key, items } of prefixBuckets(terms, options.vocabShardTerms)) {
    vocab.keys.push(key);
    vocab.files.push(writeBucket(items, (t) => ({ ...postings.get(t)!.encoded(), count: postings.get(t)!.count }), options, put));
  }
  const suffix = writeSuffixes(terms, options, put);
  const size = options.headlineShardSize;
  const headlineFiles: string[] = [];
  for (let i = 0; i < docs.length; i += size) {
    headlineFiles.push(writeHeadlines(docs.slice(i, i + size), i / size, sectionIndex, put, files));
  }
  return finishIndex({ files, put, docs, normLength, indexedWords, terms, vocab, suffix, headlineFiles }, options);
}

/** A term's postings as a bucket writes them: stories and weights, positions (or the file already holding them), and the number of stories. */
export interface TermPostings {
  docs: string;
  positions: string | PositionsRef;
  count: number;
}

/** Adds a content-named file to the index's files; returns its name (`short`: a version after a lineage, contentName). */
export type PutFile = (kind: string, content: unknown, short?: boolean) => string;

/** An empty set of index files and the function adding one by its content. */
export function contentFiles<F extends IndexFile = IndexFile>(): { files: Map<string, F>; put: PutFile } {
  const files = new Map<string, F>();
  const put: PutFile = (kind, content, short) => {
    const text = JSON.stringify(content);
    const name = contentName(kind, text, short);
    (files as Map<string, IndexFile>).set(contentPath(name), text);
    return name;
  };
  return { files, put };
}

/** The documents in story order: oldest first, then by URL. */
export function sortedDocuments(input: readonly SearchDocument[]): SearchDocument[] {
  return [...input].sort((x, y) => x.date.getTime() - y.date.getTime() || compareTerms(x.url, y.url));
}

/** The length postings are normalised against: the mean story length, to two figures. */
export function meanLength(indexedWords: number, docCount: number): number {
  return Number(Math.max(1, docCount ? indexedWords / docCount : 1).toPrecision(2));
}

/** Each section's number (its place in the configured order). */
export function sectionNumbers(options: BuildOptions): Map<string, number> {
  return new Map(options.sections.map((s, i) => [s.id, i]));
}

/** A story's terms with the weights its postings carry (normalised by its `length`) and their positions. */
export function weightedTerms(doc: SearchDocument, length: number, normLength: number, { fieldWeights, tuning, aliases }: BuildOptions): [string, number, number[]][] {
  const norm = 1 - tuning.b + (tuning.b * length) / normLength;
  return [...storyTerms(doc, fieldWeights, undefined, aliasRuns(aliases))].map(([term, entry]) => [term, Math.max(1, Math.round((IMPACT_SCALE * entry.weight) / norm)), entry.positions]);
}

/** The text of a story's record file. */
function recordText(doc: SearchDocument): string {
  return JSON.stringify(docRecord(doc));
}

const docDigests = new WeakMap<SearchDocument, string>();

/**
 * A digest of all a story's record holds (made once per document): the build
 * cache's key and an update compare stories by it. It takes the rest of the
 * record as JSON and the text's own digest, the one the document carries
 * (a build's do, made when the body was rendered) or the same made here:
 * escaping 40 MB of text into records at 10,000 stories took a quarter of a
 * second of every build, and hashing it a third of that.
 */
export function docDigest(doc: SearchDocument): string {
  let digest = docDigests.get(doc);
  if (digest === undefined) {
    digest = textDigest(`${JSON.stringify(docRecord(doc, false))}\0${doc.textDigest ?? textDigest(doc.text)}`).slice(0, 22);
    docDigests.set(doc, digest);
  }
  return digest;
}

/** The record of one story, as its file holds it (without its text: `withText` false, for `docDigest`, which takes the text's digest). */
function docRecord(doc: SearchDocument, withText = true): Omit<DocRecord, 'text'> | DocRecord {
  return {
    url: doc.url, title: doc.title, summary: doc.summary, section: doc.section,
    date: doc.date.toISOString(), dateText: doc.dateText,
    ...(doc.thumbnail ? { thumbnail: doc.thumbnail } : {}),
    tags: [...doc.tags],
    ...(doc.dateline ? { dateline: doc.dateline } : {}),
    ...(withText && { text: doc.text }),
  };
}

/** Writes one vocabulary bucket of `items` (sorted terms) and its postings chunks; returns the bucket's file. */
export function writeBucket(items: readonly string[], postingsOf: (term: string) => TermPostings, options: IndexShape, put: PutFile): string {
  // A common word's positions go to a file of their own (fetched only for
  // phrases, or when many stories need them): the others' stay in its chunk.
  const all = items.map(postingsOf);
  const encoded = all.map(({ docs, positions }) => ({
    docs, positions: typeof positions === 'string' && positions.length > options.positionsApartBytes ? { file: put('q', { positions } satisfies PositionsShard), length: positions.length } : positions,
  }));
  const bytes = encoded.reduce((sum, e) => sum + e.docs.length + (typeof e.positions === 'string' ? e.positions.length : 40) + 6, 0);
  // Chunks are runs of the bucket's terms (a word's completions and
  // corrections mostly share one), cut before each term whose hash is a
  // multiple of `every`: the cuts depend only on the terms, never on their
  // places, so a term's growth moves no cut. `every` is a power of two
  // giving chunks of about `shardBytes`; when it halves, cuts are only added.
  const chunks = Math.max(1, bytes / options.shardBytes);
  let every = 1;
  while (every * 2 <= items.length / chunks) every *= 2;
  const starts = chunkStarts({ terms: items, every });
  const versions = starts.map((from, k) => {
    const to = starts[k + 1] ?? items.length;
    const run = encoded.slice(from, to);
    const chunk = { terms: items.slice(from, to), postings: run.map((e) => e.docs), positions: run.map((e) => e.positions) } satisfies PostingShard;
    return put(chunkLineage(items[from]!), chunk, true).slice(-VERSION_LETTERS);
  });
  return put('v', { terms: [...items], df: all.map((p) => p.count), every, postings: versions.join('') } satisfies VocabShard);
}

/** Writes the suffix buckets of `terms` (sorted): the correctable ones spelt backwards. */
export function writeSuffixes(terms: readonly string[], options: IndexShape, put: PutFile): PrefixBuckets {
  const reversed = terms.filter((t) => t.length >= 3 && isCorrectable(t)).map(reverseTerm).sort(compareTerms);
  const suffix: PrefixBuckets = { keys: [], files: [] };
  for (const { key, items } of prefixBuckets(reversed, options.suffixShardTerms)) {
    suffix.keys.push(key);
    suffix.files.push(put('s', { reversed: items } satisfies SuffixShard));
  }
  return suffix;
}

/** Writes the headline shard of a run of stories and their records (named for it); returns its file. */
export function writeHeadlines(run: readonly SearchDocument[], number: number, sectionIndex: ReadonlyMap<string, number>, put: PutFile, files: Map<string, IndexFile>): string {
  const records = run.map(recordText);
  const name = put(headlineLineage(number), {
    url: run.map((d) => d.url), title: run.map((d) => d.title), summary: run.map((d) => d.summary),
    section: run.map((d) => sectionIndex.get(d.section.id)!), date: run.map((d) => d.date.toISOString()), dateText: run.map((d) => d.dateText),
    thumbnail: run.map((d) => d.thumbnail ?? 0),
    // A record's text holds no line break (JSON): joined by them, the texts stay apart.
    records: contentName('', records.join('\n')),
  } satisfies HeadlineShard, true);
  records.forEach((text, k) => files.set(contentPath(recordName(name, k)), text));
  return name;
}

/** The parts of an index before its last files (directories, sections, entities, manifest) are written. */
export interface IndexParts<F extends IndexFile> {
  files: Map<string, F>;
  put: PutFile;
  docs: readonly SearchDocument[];
  normLength: number;
  indexedWords: number;
  /** Every term of the index, sorted (compareTerms). */
  terms: readonly string[];
  vocab: PrefixBuckets;
  suffix: PrefixBuckets;
  headlineFiles: readonly string[];
}

/** Writes the directories, section files, entities and manifest of an index whose other files are written. */
export function finishIndex<F extends IndexFile>({ files, put, docs, normLength, indexedWords, terms, vocab, suffix, headlineFiles }: IndexParts<F>, options: BuildOptions): BuiltIndex<F> {
  const sectionIndex = sectionNumbers(options);
  const docSections = docs.map((doc) => {
    const section = sectionIndex.get(doc.section.id);
    if (section === undefined) throw new Error(`${doc.url}: section "${doc.section.id}" is not a configured section`);
    return section;
  });
  const directories: string[] = [];
  for (let i = 0; i < headlineFiles.length; i += DIRECTORY_SIZE) {
    const versions = headlineFiles.slice(i, i + DIRECTORY_SIZE).map((name) => name.slice(-VERSION_LETTERS));
    directories.push(put('d', { headlines: versions.join('') } satisfies DirectoryShard));
  }
  const sectionShards: string[] = [];
  for (let i = 0; i < docs.length; i += SECTION_SHARD_SIZE) {
    sectionShards.push(put('c', { sections: docSections.slice(i, i + SECTION_SHARD_SIZE) } satisfies SectionShard));
  }
  const held = (name: string) => {
    const term = aliasTerm(name);
    return terms[lowerBound(terms, term)] === term;
  };
  const entities = put('e', buildEntities(options.entities ?? {}, options.aliases ?? [], held));
  // Runs of the sorted words, each keyed by the shortest start of its first
  // word that sorts after the run before it.
  const words = options.knownWords ?? [];
  const known: PrefixBuckets = { keys: [], files: [] };
  for (let i = 0; i < words.length; i += KNOWN_WORDS_PER_FILE) {
    const first = words[i]!, before = words[i - 1] ?? '';
    let n = 1;
    while (first.slice(0, n) <= before) n++;
    known.keys.push(first.slice(0, n));
    known.files.push(put('k', { notice: KNOWN_WORDS_NOTICE, words: frontCode(words.slice(i, i + KNOWN_WORDS_PER_FILE)) } satisfies KnownWordsShard));
  }

  let lookupBytes = 0, postingBytes = 0, recordChars = 0;
  for (const [path, text] of files) {
    const kind = path[path.indexOf('/') + 1];
    if (kind === 'p' || kind === 'q') postingBytes += text.length;
    else if (kind === 'v' || kind === 's' || kind === 'd' || kind === 'h') lookupBytes += text.length;
    else if (kind === 'r') recordChars += text.length;
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
    known,
    headlineShardSize: options.headlineShardSize,
    directorySize: DIRECTORY_SIZE,
    directories,
    sectionShardSize: SECTION_SHARD_SIZE,
    sectionShards,
    entities,
    prefetch,
    tuning: options.tuning,
    aliases: (options.aliases ?? []).map((group) => [...group]),
  };
  (files as Map<string, IndexFile>).set(MANIFEST_FILE, JSON.stringify(manifest));
  return { files, manifest, indexedWords, digests: docs.map(docDigest) };
}

/**
 * Sorted strings in buckets by prefix: all in one (key ""), and a bucket with
 * more than `max` split by one letter more (up to MAX_PREFIX), so a small
 * index is a few files and a large one many. Keys are ascending; a string
 * shorter than its bucket's depth is a bucket of its own.
 */
export function prefixBuckets(sorted: readonly string[], max: number, depth = 0): { key: string; items: string[] }[] {
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
