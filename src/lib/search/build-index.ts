/**
 * Builds the search index from the site's documents: postings weighted by
 * field (BM25F-style) with word positions, sharded by term range; a suffix
 * list for typo correction; one record per document. Deterministic: the same documents and
 * options give byte-identical files.
 */
import { PostingsWriter } from './postings-codec';
import {
  INDEX_VERSION, MANIFEST_FILE, docFile, entitiesFile, headlineShardFile, postingShardFile, reverseTerm, suffixShardFile, vocabShardFile,
  type DocRecord, type HeadlineShard, type PostingShard, type SearchManifest, type SearchThumbnail, type SearchTuning, type SectionRef, type SuffixShard, type VocabShard,
} from './index-format';
import { buildEntities, type EntityInput } from './entities';
import { MAX_TERM_LENGTH, isCorrectable, isIndexed, isJoinablePart, joinedBy, tokenSpans } from './tokenize';

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
  /** Target size in bytes of one postings shard (the browser fetches only the shards a query needs). */
  shardBytes: number;
  /** Terms per vocabulary shard (each query word reads the shard(s) around its first letters). */
  vocabShardTerms: number;
  /** Terms per shard of the suffix list used to correct typos near the start of a word. */
  suffixShardTerms: number;
  /** Stories per headline shard (what results show, fetched in runs). */
  headlineShardSize: number;
  /**
   * After the first search, the browser loads the whole index in the background
   * when its shards add up to at most this many bytes of JSON (before gzip,
   * which about halves them); otherwise only the vocabulary, suffix and
   * headline shards when those fit, leaving postings on demand. 0: neither.
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

/** cyrb53: a small, fast 53-bit string hash; enough to name a build. */
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

/** Builds every file of the index for `docs`, numbered in the order given. */
export function buildSearchIndex(docs: readonly SearchDocument[], options: BuildOptions): BuiltIndex {
  const { fieldWeights } = options;
  const sectionIndex = new Map(options.sections.map((s, i) => [s.id, i]));
  const postings = new Map<string, PostingsWriter>();
  const lengths: number[] = [];
  const docSections: number[] = [];

  docs.forEach((doc, n) => {
    const entries = new Map<string, { weight: number; positions: number[] }>();
    let position = 0;
    let length = 0;
    // One token stream per story (stopwords counted, so phrases can be checked),
    // with a gap between fields so that no phrase runs from one into the next.
    const push = (term: string, weight: number, at: number) => {
      const entry = entries.get(term) ?? { weight: 0, positions: [] };
      if (entry.positions.length > 0 && entry.positions[entry.positions.length - 1]! >= at) return;
      entry.weight += weight;
      entry.positions.push(at);
      entries.set(term, entry);
    };
    const add = (text: string, weight: number) => {
      // The last two words, when they may be part of a name written in
      // syllables ("Hà Nội", "Nha Trang"): the joined spelling English uses
      // ("hanoi", "nhatrang") is indexed at the first syllable's place.
      let run: { term: string; at: number; end: number }[] = [];
      for (const span of tokenSpans(text)) {
        const { term } = span;
        if (!term) continue;
        if (isIndexed(term)) {
          push(term, weight, position);
          length++;
        }
        if (isJoinablePart(text.slice(span.start, span.end), term)) {
          const last = run[run.length - 1];
          const joined = last && last.at === position - 1 && joinedBy(text, last.end, span.start);
          run = [...(joined ? run.slice(-2) : []), { term, at: position, end: span.end }];
          for (let n = 2; n <= run.length; n++) {
            const parts = run.slice(-n);
            const compound = parts.map((p) => p.term).join('');
            if (compound.length <= MAX_TERM_LENGTH) push(compound, weight, parts[0]!.at);
          }
        } else run = [];
        position++;
      }
      position++;
    };
    add(doc.title, fieldWeights.title);
    add(doc.summary, fieldWeights.summary);
    for (const tag of doc.tags) add(tag, fieldWeights.tags);
    if (doc.dateline) add(doc.dateline, fieldWeights.tags);
    add(doc.text, 1);
    lengths.push(length);
    const section = sectionIndex.get(doc.section.id);
    if (section === undefined) throw new Error(`${doc.url}: section "${doc.section.id}" is not a configured section`);
    docSections.push(section);
    for (const [term, entry] of entries) {
      let writer = postings.get(term);
      if (!writer) postings.set(term, (writer = new PostingsWriter()));
      writer.add(n, Math.round(entry.weight), entry.positions);
    }
  });

  const terms = [...postings.keys()].sort(compare);
  const vocabBounds: string[] = [];
  const vocabFiles: string[] = [];
  for (let i = 0; i < terms.length; i += options.vocabShardTerms) {
    const chunk = terms.slice(i, i + options.vocabShardTerms);
    vocabBounds.push(chunk[0]!);
    const shard: VocabShard = { terms: chunk, df: chunk.map((t) => postings.get(t)!.count) };
    vocabFiles.push(JSON.stringify(shard));
  }
  const postingStarts: number[] = [];
  const postingFiles: string[] = [];
  let shard: string[] = [];
  let shardSize = 0;
  terms.forEach((term, i) => {
    const encoded = postings.get(term)!.text();
    if (shardSize > 0 && shardSize + encoded.length > options.shardBytes) {
      postingFiles.push(JSON.stringify({ postings: shard } satisfies PostingShard));
      shard = [];
      shardSize = 0;
    }
    if (shard.length === 0) postingStarts.push(i);
    shard.push(encoded);
    shardSize += encoded.length + 3;
  });
  if (shard.length > 0) postingFiles.push(JSON.stringify({ postings: shard } satisfies PostingShard));

  const reversed = terms.filter((t) => t.length >= 3 && isCorrectable(t)).map(reverseTerm).sort(compare);
  const suffixBounds: string[] = [];
  const suffixFiles: string[] = [];
  for (let i = 0; i < reversed.length; i += options.suffixShardTerms) {
    const chunk = reversed.slice(i, i + options.suffixShardTerms);
    suffixBounds.push(chunk[0]!);
    const file: SuffixShard = { reversed: chunk };
    suffixFiles.push(JSON.stringify(file));
  }

  const records: DocRecord[] = docs.map((doc) => ({
    url: doc.url, title: doc.title, summary: doc.summary, section: doc.section,
    date: doc.date.toISOString(), dateText: doc.dateText,
    ...(doc.thumbnail ? { thumbnail: doc.thumbnail } : {}),
    text: doc.text,
  }));
  const docFiles = records.map((r) => JSON.stringify(r));
  const headlineFiles: string[] = [];
  for (let i = 0; i < records.length; i += options.headlineShardSize) {
    const run = records.slice(i, i + options.headlineShardSize);
    const shard: HeadlineShard = {
      url: run.map((r) => r.url), title: run.map((r) => r.title), summary: run.map((r) => r.summary),
      section: run.map((r) => sectionIndex.get(r.section.id)!), date: run.map((r) => r.date), dateText: run.map((r) => r.dateText),
      thumbnail: run.map((r) => r.thumbnail ?? 0),
    };
    headlineFiles.push(JSON.stringify(shard));
  }
  const bytes = (files: string[]) => files.reduce((sum, f) => sum + f.length, 0);
  const lookup = bytes(vocabFiles) + bytes(suffixFiles) + bytes(headlineFiles);
  const prefetch = lookup + bytes(postingFiles) <= options.prefetchBytes ? 'all' : lookup <= options.prefetchBytes ? 'lookup' : 'none';

  const totalLength = lengths.reduce((a, b) => a + b, 0);
  const body: Omit<SearchManifest, 'build'> = {
    version: INDEX_VERSION,
    docCount: docs.length,
    lengths,
    avgLength: docs.length ? Math.round((totalLength / docs.length) * 100) / 100 : 0,
    sections: options.sections.map((s) => ({ id: s.id, name: s.name })),
    docSections,
    vocabShards: vocabBounds,
    vocabShardTerms: options.vocabShardTerms,
    postingShards: postingStarts,
    suffixShards: suffixBounds,
    headlineShardSize: options.headlineShardSize,
    prefetch,
    tuning: options.tuning,
    aliases: (options.aliases ?? []).map((group) => [...group]),
  };
  const entitiesText = JSON.stringify(buildEntities(options.entities ?? {}, options.aliases ?? []));
  let h = hash53(JSON.stringify(body));
  for (const text of [entitiesText, ...vocabFiles, ...postingFiles, ...suffixFiles, ...docFiles, ...headlineFiles]) h = hash53(text, h % 4294967296);
  const build = h.toString(36).padStart(11, '0');

  const manifest: SearchManifest = { ...body, build };
  const { version, ...rest } = body;
  const files = new Map<string, string>([[MANIFEST_FILE, JSON.stringify({ version, build, ...rest })]]);
  vocabFiles.forEach((text, i) => files.set(vocabShardFile(build, i), text));
  postingFiles.forEach((text, i) => files.set(postingShardFile(build, i), text));
  suffixFiles.forEach((text, i) => files.set(suffixShardFile(build, i), text));
  docFiles.forEach((text, i) => files.set(docFile(build, i), text));
  headlineFiles.forEach((text, i) => files.set(headlineShardFile(build, i), text));
  files.set(entitiesFile(build), entitiesText);
  return { files, manifest };
}

/** Code-unit order, the same in Node and every browser (unlike localeCompare). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
