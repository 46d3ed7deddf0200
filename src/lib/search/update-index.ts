/**
 * The search index brought up to date from the last build's, byte for byte
 * the index a whole build of the same stories gives (decision 005, "Updated,
 * not rebuilt"). Stories are compared number by number (oldest first), by
 * their digests: a story whose record differs, or whose number now holds
 * another story, is touched. Only the terms of touched stories (before and
 * after) get new postings; only the vocabulary buckets holding those terms
 * are written again, with their chunks and positions files; only the
 * headline runs holding touched stories; the rest is the last index's files
 * as they were, passed on unread.
 *
 * A change that moves the mean story length (every weight with it), or
 * touches more than an eighth of the stories (a story inserted or removed
 * far back renumbers all after it), is left to a whole build: the update
 * returns undefined. A kept index that does not hold together throws.
 */
import {
  buildSearchIndex, contentFiles, docDigest, finishIndex, meanLength, namedPositions, prefixBuckets, sectionNumbers, sortedDocuments, textOf, weightedTerms, writeBucket,
  writeHeadlines, writeSuffixes, type BuildOptions, type BuiltIndex, type IndexFile, type SearchDocument, type TermPostings,
} from './build-index.ts';
import {
  bucketOf, chunkHolding, chunkNames, compareTerms, contentPath, headlineNames, lowerBound, recordName, type DirectoryShard, type DocRecord, type PositionsRef, type PositionsShard, type PostingShard, type PrefixBuckets, type VocabShard,
} from './index-format.ts';
import { PostingsWriter, decodePostings } from './postings-codec.ts';
import { aliasRuns, storyLength, storyTerms } from './story-terms.ts';

/** Past this share of stories touched, a whole build is about as quick. */
const MOST_TOUCHED = 1 / 8;

/** How the index was had: updated from the kept one (with the stories touched), or built whole (and why). */
export type IndexOutcome = { index: BuiltIndex; touched: number } | { index: BuiltIndex; whole: string };

/**
 * The index of `input`: updated from `kept` (the last build's, undefined when
 * there is none or it was not to be used) where it can be, else built whole.
 */
export function searchIndexFrom(kept: BuiltIndex | undefined, input: readonly SearchDocument[], options: BuildOptions): IndexOutcome {
  let why = 'no index kept from the last build';
  if (kept) {
    try {
      const updated = updateSearchIndex(kept, input, options);
      if ('index' in updated) return updated;
      why = updated.declined;
    } catch (error) {
      why = `the kept index is damaged (${(error as Error).message})`;
    }
  }
  return { index: buildSearchIndex(input, options), whole: why };
}

/** Reads the kept index's files as JSON, each once; a missing file throws. */
function keptReader(files: ReadonlyMap<string, IndexFile>) {
  const parsed = new Map<string, unknown>();
  return <T>(name: string): T => {
    let value = parsed.get(name);
    if (value === undefined) {
      const file = files.get(contentPath(name));
      if (file === undefined) throw new Error(`no file ${name}`);
      parsed.set(name, (value = JSON.parse(textOf(file))));
    }
    return value as T;
  };
}

/** The index of `input` from `kept`, or why it is left to a whole build. */
export function updateSearchIndex(kept: BuiltIndex, input: readonly SearchDocument[], options: BuildOptions): { index: BuiltIndex; touched: number } | { declined: string } {
  const old = kept.manifest;
  if (old.headlineShardSize !== options.headlineShardSize) throw new Error('its headline runs are of another size');
  const read = keptReader(kept.files);
  const { files, put } = contentFiles();
  /** Passes a kept file on as it is (unread, when it was kept by the last build); returns it. */
  const copy = (name: string) => {
    const path = contentPath(name);
    const file = kept.files.get(path);
    if (file === undefined) throw new Error(`no file ${name}`);
    files.set(path, file);
    return file;
  };

  // The last index's stories, in number order: each one's headline run and record
  // (every run holds headlineShardSize stories but the last).
  const oldHeadlines = old.directories.flatMap((d, i) => headlineNames(read<DirectoryShard>(d), i * old.directorySize));
  if (kept.digests.length !== old.docCount || oldHeadlines.length !== Math.ceil(old.docCount / old.headlineShardSize)) {
    throw new Error('its stories do not add up to its manifest');
  }
  const oldRecords = Array.from({ length: old.docCount }, (_, n) => recordName(oldHeadlines[Math.floor(n / old.headlineShardSize)]!, n % old.headlineShardSize));

  const docs = sortedDocuments(input);
  /** Numbers whose story is new, gone, edited or another one. */
  const touched: number[] = [];
  for (let n = 0; n < Math.max(docs.length, oldRecords.length); n++) {
    if (n >= docs.length || n >= oldRecords.length || kept.digests[n] !== docDigest(docs[n]!)) touched.push(n);
  }
  if (touched.length > Math.max(1, docs.length * MOST_TOUCHED)) return { declined: `${touched.length} of ${docs.length} stories touched` };

  const oldStory = (n: number) => (n < oldRecords.length ? read<DocRecord>(oldRecords[n]!) : undefined);
  const newLengths = new Map(touched.filter((n) => n < docs.length).map((n) => [n, storyLength(docs[n]!)]));
  let indexedWords = kept.indexedWords;
  for (const n of touched) indexedWords += (newLengths.get(n) ?? 0) - (n < oldRecords.length ? storyLength(oldStory(n)!) : 0);
  const normLength = meanLength(indexedWords, docs.length);
  if (normLength !== old.normLength) return { declined: `the mean story length moved from ${old.normLength} to ${normLength} words` };

  // The touched stories' postings, by term; and every term they held before.
  const added = new Map<string, { doc: number; weight: number; positions: number[] }[]>();
  for (const [n, length] of newLengths) {
    for (const [term, weight, positions] of weightedTerms(docs[n]!, length, normLength, options)) {
      const list = added.get(term) ?? [];
      list.push({ doc: n, weight, positions });
      added.set(term, list);
    }
  }
  const changedTerms = new Set(added.keys());
  for (const n of touched) {
    const story = oldStory(n);
    if (story) for (const term of storyTerms(story, options.fieldWeights, undefined, aliasRuns(options.aliases)).keys()) changedTerms.add(term);
  }

  // Where a term's postings are in the kept index.
  const oldPostings = (term: string): TermPostings | undefined => {
    const at = bucketOf(old.vocab.keys, term);
    if (at < 0) return undefined;
    const shard = read<VocabShard>(old.vocab.files[at]!);
    const i = lowerBound(shard.terms, term);
    if (shard.terms[i] !== term) return undefined;
    const postings = read<PostingShard>(chunkHolding(shard, i));
    const k = lowerBound(postings.terms, term);
    if (postings.terms[k] !== term) throw new Error(`postings of "${term}" are not where its bucket says`);
    return { docs: postings.postings[k]!, positions: postings.positions[k]!, count: shard.df[i]! };
  };

  const positionsText = (positions: string | PositionsRef) => (typeof positions === 'string' ? positions : read<PositionsShard>(positions.file).positions);
  /** An unchanged term's postings, its positions file (if apart) kept as it was. */
  const keptPostings = (term: string): TermPostings => {
    const postings = oldPostings(term);
    if (!postings) throw new Error(`"${term}" is in no bucket`);
    if (typeof postings.positions !== 'string') copy(postings.positions.file);
    return postings;
  };

  // New postings of the changed terms: the kept ones but the touched stories', with the touched stories' merged in.
  const touchedSet = new Set(touched);
  const changed = new Map<string, TermPostings>();
  for (const term of changedTerms) {
    const writer = new PostingsWriter();
    const fresh = (added.get(term) ?? []).sort((a, b) => a.doc - b.doc);
    const before = oldPostings(term);
    const list = before ? decodePostings({ docs: before.docs, positions: positionsText(before.positions) }) : undefined;
    let f = 0;
    for (let i = 0; list && i < list.docs.length; i++) {
      const doc = list.docs[i]!;
      if (touchedSet.has(doc)) continue;
      for (; f < fresh.length && fresh[f]!.doc < doc; f++) writer.add(fresh[f]!.doc, fresh[f]!.weight, fresh[f]!.positions);
      writer.add(doc, list.weights[i]!, list.positions!.subarray(list.offsets![i]!, list.offsets![i + 1]!));
    }
    for (; f < fresh.length; f++) writer.add(fresh[f]!.doc, fresh[f]!.weight, fresh[f]!.positions);
    changed.set(term, { ...writer.encoded(), count: writer.count });
  }

  // Every term of the new index, in order: the kept ones less those now in no story, and the new ones.
  const oldTerms = old.vocab.files.flatMap((f) => read<VocabShard>(f).terms);
  const oldTermSet = new Set(oldTerms);
  const newTerms = [...changedTerms].filter((t) => changed.get(t)!.count > 0 && !oldTermSet.has(t)).sort(compareTerms);
  const gone = new Set([...changedTerms].filter((t) => changed.get(t)!.count === 0));
  const terms = mergeSorted(gone.size ? oldTerms.filter((t) => !gone.has(t)) : oldTerms, newTerms);

  const oldBuckets = new Map(old.vocab.keys.map((key, i) => [key, i]));
  const vocab: PrefixBuckets = { keys: [], files: [] };
  for (const { key, items } of prefixBuckets(terms, options.vocabShardTerms)) {
    const at = oldBuckets.get(key);
    const before = at === undefined ? undefined : old.vocab.files[at]!;
    vocab.keys.push(key);
    if (before && sameTerms(read<VocabShard>(before).terms, items) && !items.some((t) => changed.has(t))) {
      // The bucket as it was: its file, its chunks and the positions files they name.
      copy(before);
      for (const chunk of chunkNames(read<VocabShard>(before))) namedPositions(copy(chunk)).forEach(copy);
      vocab.files.push(before);
    } else {
      vocab.files.push(writeBucket(items, (t) => changed.get(t) ?? keptPostings(t), options, put));
    }
  }

  let suffix: PrefixBuckets;
  if (newTerms.length || gone.size) suffix = writeSuffixes(terms, options, put);
  else {
    suffix = old.suffix;
    old.suffix.files.forEach(copy);
  }

  // Headline runs: as they were where none of their stories is touched.
  const size = options.headlineShardSize;
  const sectionIndex = sectionNumbers(options);
  const headlineFiles: string[] = [];
  for (let i = 0; i < docs.length; i += size) {
    const run = docs.slice(i, i + size);
    const runTouched = touched.some((n) => n >= i && n < i + size) || i + run.length > oldRecords.length;
    const shard = oldHeadlines[i / size];
    if (!runTouched && shard) {
      copy(shard);
      run.forEach((_, k) => copy(oldRecords[i + k]!));
      headlineFiles.push(shard);
    } else headlineFiles.push(writeHeadlines(run, i / size, sectionIndex, put, files));
  }
  return { index: finishIndex({ files, put, docs, normLength, indexedWords, terms, vocab, suffix, headlineFiles }, options), touched: touched.length };
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Two sorted lists as one. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (!b.length) return [...a];
  const out: string[] = [];
  let j = 0;
  for (const t of a) {
    for (; j < b.length && compareTerms(b[j]!, t) < 0; j++) out.push(b[j]!);
    out.push(t);
  }
  for (; j < b.length; j++) out.push(b[j]!);
  return out;
}
