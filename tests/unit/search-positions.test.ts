import { describe, expect, it } from 'vitest';
import { buildSearchIndex, type BuildOptions, type SearchDocument } from '../../src/lib/search/build-index';
import { SearchEngine, type SearchResult } from '../../src/lib/search/engine';
import type { PostingShard, SearchTuning } from '../../src/lib/search/index-format';

// A common word's positions are shipped apart from its postings and read
// only for the leading stories (decision 005, "Positions apart"). These tests
// build one corpus twice, with every position in the postings and with
// common words' positions apart, and compare the ranked lists.

const tuning: SearchTuning = {
  k1: 0.9, b: 0.75, typoMinLength: 4, twoTypoMinLength: 9, typoWeights: [0.6, 0.35], completionWeight: 0.7, formWeight: 0.8,
  maxExpansions: 8, knownWordRatio: 10, snippetWords: 20, proximityWeight: 3, proximityScale: 8, proximityCandidates: 100, proximityRecords: 20,
};
const sections = [{ id: 'news', name: 'News' }];
const whole: BuildOptions = {
  fieldWeights: { title: 4, summary: 2, tags: 3 }, shardBytes: 2_000, positionsApartBytes: Infinity, vocabShardTerms: 200, suffixShardTerms: 200,
  headlineShardSize: 8, prefetchBytes: 0, tuning, sections, aliases: [['Hồ Chí Minh City', 'Saigon']],
};
const apart: BuildOptions = { ...whole, positionsApartBytes: 300 };

/** A small deterministic generator (mulberry32), so the corpus is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Our own words: a few very common ones, more of middling use, many rare.
const common = ['harbour', 'market', 'council', 'river', 'province', 'weather', 'village', 'ferry'];
const middling = ['lantern', 'coffee', 'rice', 'typhoon', 'bridge', 'school', 'festival', 'budget', 'fishing', 'temple', 'railway', 'pepper', 'orchard', 'clinic', 'monsoon', 'museum'];
const rare = Array.from({ length: 120 }, (_, i) => `${['kal', 'vor', 'mip', 'tesh', 'bran', 'quil'][i % 6]}${['ado', 'eno', 'ita', 'umo', 'ara'][Math.floor(i / 6) % 5]}${'xyzw'[Math.floor(i / 30)]}`);
const next = random(16);
const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
const word = () => {
  const r = next();
  return r < 0.45 ? pick(common) : r < 0.8 ? pick(middling) : pick(rare);
};
const sentence = (n: number) => Array.from({ length: n }, word).join(' ');

const corpus: SearchDocument[] = Array.from({ length: 400 }, (_, i) => ({
  url: `/articles/s${i}/`,
  title: `${sentence(4)}${i % 50 === 0 ? ' in Saigon' : ''}`,
  summary: sentence(8),
  section: sections[0]!,
  date: new Date(Date.UTC(2024, 0, 1, i)),
  dateText: `${i}`,
  tags: [pick(middling)],
  text: `${sentence(30)}. ${sentence(25)}${i % 40 === 0 ? ' Hồ Chí Minh City harbour' : ''}.`,
}));

function engines(options: BuildOptions) {
  const { files } = buildSearchIndex(corpus, options);
  const fetched: string[] = [];
  return {
    files,
    fetched,
    open: () => SearchEngine.open(async (path) => {
      fetched.push(path);
      return JSON.parse(files.get(path)!);
    }),
  };
}

const ranked = (r: SearchResult) => ({ total: r.total, partialTotal: r.partialTotal, hits: r.hits.map((h) => `${h.url}${h.partial ? ' (some words)' : ''}`) });
const kind = (path: string) => path.slice(2, 3);

// Two and three words drawn from stories' text, typos, the word being typed, phrases and an alias.
const pickQueries = random(7);
const queries = [
  ...Array.from({ length: 40 }, (_, i) => {
    const words = corpus[Math.floor(pickQueries() * corpus.length)]!.text.split(/[ .]+/).filter(Boolean);
    const at = Math.floor(pickQueries() * (words.length - 3));
    return words.slice(at, at + 2 + (i % 2)).join(' ');
  }),
  'harbour market', 'harbour markte', 'council river provi', '"harbour market"', '"river ferry"', 'saigon harbour', 'lantern harbour weather',
];

// A word in every story (its positions file far longer than a few
// records), and a rarer one in a hundred: the stories holding both are
// the candidates that closeness may raise.
const filler = () => Array.from({ length: 12 }, () => pick(rare));
const wide: SearchDocument[] = Array.from({ length: 6000 }, (_, i) => {
  const text = filler();
  text.splice(Math.floor(next() * 12), 0, 'harbour');
  if (i % 60 === 0) text.splice(Math.floor(next() * 13), 0, 'lantern');
  return { ...corpus[0]!, url: `/articles/w${i}/`, title: filler().slice(0, 3).join(' '), summary: filler().slice(0, 3).join(' '), tags: [], date: new Date(Date.UTC(2024, 0, 1, i)), text: text.join(' ') };
});
const open = (options: BuildOptions, fetched: string[]) => {
  const { files } = buildSearchIndex(wide, options);
  return SearchEngine.open(async (path) => {
    fetched.push(path);
    return JSON.parse(files.get(path)!);
  });
};

describe('a common word\'s positions, shipped apart from its postings', () => {
  it('writes the positions of the most common words to files of their own, and keeps the rest in the postings', () => {
    const { files } = buildSearchIndex(corpus, apart);
    const chunks = [...files].filter(([path]) => kind(path) === 'p').map(([, text]) => JSON.parse(text) as PostingShard);
    const shippedApart = chunks.flatMap((c) => c.terms.filter((_, i) => typeof c.positions[i] !== 'string'));
    expect(shippedApart).toEqual(expect.arrayContaining(common));
    expect(shippedApart).not.toContain(rare[0]);
    expect([...files.keys()].filter((path) => kind(path) === 'q')).toHaveLength(shippedApart.length);
  });

  it('ranks every query as an index with every position in its postings does, page by page', async () => {
    const a = engines(apart), w = engines(whole);
    for (const query of queries) {
      for (const offset of [0, 10]) {
        // A fresh engine for each: a reader's first search, with nothing loaded before.
        const [fromApart, fromWhole] = await Promise.all([a.open(), w.open()]);
        const request = { query, offset, limit: 10 };
        expect(ranked(await fromApart.search(request)), `${query} from ${offset}`).toEqual(ranked(await fromWhole.search(request)));
      }
    }
  });

  it('reads positions for the stories that could reach the page, never for every candidate', async () => {
    const request = { query: 'lantern harbour', limit: 10 };
    const fromWhole: string[] = [];
    const expected = ranked(await (await open(whole, fromWhole)).search(request));
    expect(expected.total).toBe(100);
    expect(fromWhole.map(kind)).not.toContain('r');
    // Within its budget of records, the engine reads no positions file and
    // only some of the candidates' records…
    const fromApart: string[] = [];
    await (await open(apart, fromApart)).search(request);
    const kinds = fromApart.map(kind);
    expect(kinds).not.toContain('q');
    const records = kinds.filter((k) => k === 'r').length;
    expect(records).toBeGreaterThan(0);
    expect(records).toBeLessThanOrEqual(tuning.proximityRecords);
    // …and with a budget that covers every candidate, it ranks as the index
    // with positions inline does.
    const generous = { ...apart, tuning: { ...tuning, proximityRecords: 100 } };
    expect(ranked(await (await open(generous, [])).search(request))).toEqual(expected);
  });

  it('shows a result whose record came for closeness from that record, without fetching its headline file', async () => {
    const request = { query: 'lantern harbour', limit: 10 };
    const fetched: string[] = [];
    const result = await (await open(apart, fetched)).search(request);
    // Each hit shows its own story, as its headline file would.
    expect(result.hits.length).toBe(10);
    for (const hit of result.hits) {
      const story = wide.find((d) => d.url === hit.url)!;
      expect([hit.title.map((s) => s.text).join(''), hit.section, hit.date, hit.dateText, hit.thumbnail], hit.url)
        .toEqual([story.title, story.section, story.date.toISOString(), story.dateText, undefined]);
    }
    // Records are f/r<run>-<version>-<place>.json, headline files f/h<run>-<version>.json (runs in base 36).
    const withRecord = new Set(fetched.filter((p) => kind(p) === 'r').map((p) => {
      const [run, , place] = p.slice(3, -5).split('-');
      return parseInt(run!, 36) * whole.headlineShardSize + Number(place);
    }));
    const headlineRuns = new Set(fetched.filter((p) => kind(p) === 'h').map((p) => parseInt(p.slice(3).split('-')[0]!, 36)));
    const hits = result.hits.map((h) => h.doc);
    expect(hits.filter((doc) => withRecord.has(doc)).length).toBeGreaterThan(0);
    for (const doc of hits) {
      const run = Math.floor(doc / whole.headlineShardSize);
      const needed = hits.some((other) => Math.floor(other / whole.headlineShardSize) === run && !withRecord.has(other));
      expect(headlineRuns.has(run), `story ${doc}`).toBe(needed);
    }
  });

  it('uses the positions files the background prefetch of a small index brought, without reading records', async () => {
    const a = engines({ ...apart, prefetchBytes: 10_000_000 }), w = engines(whole);
    const engine = await a.open();
    await engine.prefetch();
    const before = a.fetched.length;
    for (const query of ['harbour market', 'lantern harbour weather', '"river ferry"', 'saigon harbour']) {
      expect(ranked(await engine.search({ query, limit: 10 })), query).toEqual(ranked(await (await w.open()).search({ query, limit: 10 })));
    }
    // Only the suggestions' entity list, which the prefetch leaves out, comes later.
    expect(a.fetched.slice(before).map(kind)).toEqual(['e']);
  });

  it('does not try an unknown word as two common words written apart when their positions would cost more than closeness may read', async () => {
    const fetched: string[] = [];
    const result = await (await open(apart, fetched)).search({ query: 'harbourlantern', limit: 10 });
    expect(result.total).toBe(0);
    expect(fetched.map(kind).filter((k) => k === 'q' || k === 'r')).toEqual([]);
  });

  it('checks a quoted phrase in every story holding its words, reading the positions file when it is smaller than their records', async () => {
    const a = engines(apart), w = engines(whole);
    const request = { query: '"harbour market"', limit: 10 };
    const result = ranked(await (await a.open()).search(request));
    expect(result.total).toBeGreaterThan(0);
    expect(result).toEqual(ranked(await (await w.open()).search(request)));
    expect(a.fetched.map(kind)).toContain('q');
    expect(a.fetched.map(kind)).not.toContain('r');
  });
});
