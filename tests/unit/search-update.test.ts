import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILD_CACHE_ENV, keptOrComputed } from '../../src/lib/build/step-cache';
import { buildSearchIndex, docDigest, textOf, type BuildOptions, type BuiltIndex, type SearchDocument } from '../../src/lib/search/build-index';
import type { VocabShard } from '../../src/lib/search/index-format';
import { storyTerms } from '../../src/lib/search/story-terms';
import { keptSearchIndex } from '../../src/lib/search/kept-index';
import { textDigest } from '../../src/lib/content/body-texts';
import { searchIndexFrom, updateSearchIndex } from '../../src/lib/search/update-index';
import { seededRandom } from '../../bench/lib/synthetic-corpus';
import { siteIndexOptions } from '../../bench/lib/synthetic-search';

const sections = [{ id: 'news', name: 'News' }, { id: 'business', name: 'Business' }, { id: 'travel', name: 'Travel' }];
// The site's weights and tuning, with small files, so that a few dozen stories make many buckets, chunks, positions files and headline runs.
const options: BuildOptions = {
  ...siteIndexOptions(), shardBytes: 400, positionsApartBytes: 80, vocabShardTerms: 14, suffixShardTerms: 20, headlineShardSize: 4, prefetchBytes: 0, sections,
};

// Our own words: the fixture stories are random runs of them.
const words = (
  'ferry harbour rain flood council budget market rice coffee farmers delta river bridge metro station airport tourists ' +
  'festival lanterns school teachers hospital nurses factory exports shipping port container price inflation bank loan ' +
  'typhoon storm warning evacuated villages highway traffic motorbikes electric buses power grid solar wind drought ' +
  'harvest fishermen boats night market street food noodles museum heritage temple pagoda island beach hotel visitors'
).split(' ');
const places = ['Hà Nội', 'Đà Nẵng', 'Hội An', 'Hồ Chí Minh City', 'Cần Thơ', 'Huế'];
const tags = ['Weather', 'Transport', 'Economy', 'Tourism', 'Farming'];

function story(random: () => number, id: number, day: number): SearchDocument {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const run = (n: number) => Array.from({ length: n }, () => (random() < 0.1 ? pick(places) : pick(words))).join(' ');
  const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000);
  return {
    url: `/articles/story-${id}/`, title: run(5), summary: run(9), text: `${run(25)}. ${run(25)}.`,
    section: pick(sections), date, dateText: date.toISOString().slice(0, 10),
    tags: random() < 0.5 ? [pick(tags)] : [],
    ...(random() < 0.3 ? { dateline: pick(places) } : {}),
  };
}

/** The index's files as sorted pairs: every name and every byte. */
const filesOf = (index: BuiltIndex) => [...index.files].map(([path, file]): [string, string] => [path, textOf(file)]).sort(([a], [b]) => (a < b ? -1 : 1));

describe('the search index updated from the last build', () => {
  it('equals a whole build of the same stories, file for file, through random adds, edits and deletes', () => {
    const random = seededRandom(16);
    let next = 0, lastDay = 60;
    let docs = Array.from({ length: 40 }, (_, i) => story(random, next++, i + Math.floor(i / 3)));
    let index: BuiltIndex = buildSearchIndex(docs, options);
    expect(filesOf(index).some(([path]) => path.startsWith('f/q'))).toBe(true);
    expect(index.manifest.vocab.files.length).toBeGreaterThan(20);
    let updated = 0;
    for (let step = 0; step < 40; step++) {
      const roll = random(), at = Math.floor(random() * docs.length);
      if (roll < 0.3) docs = [...docs, story(random, next++, ++lastDay)];
      else if (roll < 0.4) docs = [...docs, story(random, next++, Math.floor(random() * lastDay))];
      else if (roll < 0.55) docs = docs.filter((_, i) => i !== at);
      else if (roll < 0.65) docs = docs.filter((_, i) => i !== docs.length - 1);
      else {
        const fresh = story(random, 0, 0);
        const edits: Partial<SearchDocument>[] = [{ text: fresh.text }, { title: fresh.title }, { tags: fresh.tags, section: fresh.section }, { dateline: undefined }];
        docs = docs.map((d, i) => (i === at ? { ...d, ...edits[Math.floor(random() * edits.length)] } : d));
      }
      const outcome = searchIndexFrom(index, docs, options);
      if ('touched' in outcome) updated++;
      expect(filesOf(outcome.index), `step ${step}`).toEqual(filesOf(buildSearchIndex(docs, options)));
      index = outcome.index;
    }
    // Most steps touch a few stories, and are updates rather than whole builds.
    expect(updated).toBeGreaterThan(20);
  });

  it('touches only the story edited: every file written again holds its terms, its record or a list naming them', () => {
    const random = seededRandom(3);
    const docs = Array.from({ length: 40 }, (_, i) => story(random, i, i));
    const kept = buildSearchIndex(docs, options);
    const edited = docs.map((d, i) => (i === 20 ? { ...d, text: `${d.text} The night ferry to the island resumed.` } : d));
    const outcome = updateSearchIndex(kept, edited, options);
    expect(outcome).toMatchObject({ touched: 1 });
    const index = 'index' in outcome ? outcome.index : kept;
    const storyWords = new Set([...storyTerms(docs[20]!, options.fieldWeights).keys(), ...storyTerms(edited[20]!, options.fieldWeights).keys()]);
    const written = [...index.files.keys()].filter((path) => !kept.files.has(path));
    const kinds = written.map((path) => path[2]);
    // The edited story's run of headlines, and its records (named for its file).
    expect(kinds.filter((k) => k === 'r')).toHaveLength(options.headlineShardSize);
    expect(kinds.filter((k) => k === 'h')).toHaveLength(1);
    for (const path of written.filter((p) => p[2] === 'v')) {
      const bucket = JSON.parse(textOf(index.files.get(path)!)) as VocabShard;
      expect(bucket.terms.some((t) => storyWords.has(t)), path).toBe(true);
    }
    const buckets = index.manifest.vocab.files.length;
    expect(written.filter((p) => p[2] === 'v').length).toBeLessThan(buckets);
  });

  it('tells a story by the digest of its text that its body was kept with, or the same digest made from the text', () => {
    const doc = story(seededRandom(9), 1, 1);
    expect(docDigest({ ...doc, textDigest: textDigest(doc.text) })).toBe(docDigest({ ...doc }));
    expect(docDigest({ ...doc, text: `${doc.text} More.` })).not.toBe(docDigest({ ...doc }));
    expect(docDigest({ ...doc, title: `${doc.title}!` })).not.toBe(docDigest({ ...doc }));
  });

  it('leaves a change that touches many stories to a whole build, and says so', () => {
    const random = seededRandom(5);
    const docs = Array.from({ length: 40 }, (_, i) => story(random, i, i + 1));
    const kept = buildSearchIndex(docs, options);
    // A story dated before all others renumbers every one after it.
    const backdated = [story(random, 99, 0), ...docs];
    const outcome = searchIndexFrom(kept, backdated, options);
    expect(outcome).toMatchObject({ whole: '41 of 41 stories touched' });
    expect(filesOf(outcome.index)).toEqual(filesOf(buildSearchIndex(backdated, options)));
  });

  it('builds whole when the kept index lacks a file it needs, and says it is damaged', () => {
    const random = seededRandom(7);
    const docs = Array.from({ length: 40 }, (_, i) => story(random, i, i));
    const kept = buildSearchIndex(docs, options);
    const chunk = [...kept.files.keys()].find((path) => path.startsWith('f/p'))!;
    kept.files.delete(chunk);
    const edited = docs.map((d, i) => (i === 39 ? { ...d, title: `${d.title} ${kept.manifest.vocab.keys.join(' ')}` } : d));
    const outcome = searchIndexFrom(kept, edited, options);
    expect('whole' in outcome && outcome.whole).toMatch(/^the kept index is damaged/);
    expect(filesOf(outcome.index)).toEqual(filesOf(buildSearchIndex(edited, options)));
  });
});

describe('the search index kept in the build cache', () => {
  let dir: string;
  let step: string;
  let lines: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-search-update-'));
    step = pathToFileURL(join(dir, 'step.mjs')).href;
    writeFileSync(join(dir, 'step.mjs'), 'export {};');
    process.env[BUILD_CACHE_ENV] = dir;
    lines = [];
    vi.spyOn(console, 'info').mockImplementation((line: string) => void lines.push(line));
  });
  afterEach(() => {
    delete process.env[BUILD_CACHE_ENV];
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The step as the site's build runs it; says whether it was handed a kept index, and why it built whole. */
  function build(docs: SearchDocument[]): { index: BuiltIndex; handed: boolean; whole?: string } {
    let handed = false;
    let whole: string | undefined;
    const index = keptOrComputed('search index', step, () => docs.map((d) => JSON.stringify(d)), (kept) => {
      handed = kept !== undefined;
      const outcome = searchIndexFrom(kept, docs, options);
      if ('whole' in outcome) whole = outcome.whole;
      return outcome.index;
    }, keptSearchIndex(), JSON.stringify(options));
    return { index, handed, whole };
  }

  const random = seededRandom(11);
  const docs = Array.from({ length: 30 }, (_, i) => story(random, i, i));
  const added = [...docs, story(random, 30, 40)];

  it('hands the last build\'s index to the next build, which updates it to a whole build\'s files', () => {
    expect(build(docs).handed).toBe(false);
    const next = build(added);
    expect(next.handed, lines.join('\n')).toBe(true);
    expect(filesOf(next.index)).toEqual(filesOf(buildSearchIndex(added, options)));
  });

  /** The logs of texts in the steps folder. */
  const logs = () => readdirSync(join(dir, 'steps')).filter((name) => name.endsWith('.texts'));
  const logFile = () => join(dir, 'steps', logs()[0]!);

  /** The newest story with a word of its text changed: an update, touching one story. */
  const reworded = docs.map((d, i) => (i === docs.length - 1 ? { ...d, text: d.text.replace(/\w+/, 'ferry') } : d));

  /** Changes the character after the first `marker` in the log, keeping its length. */
  const flipAfter = (log: string, marker: string) => {
    const text = readFileSync(log, 'latin1');
    expect(text.includes(marker)).toBe(true);
    const at = text.indexOf(marker) + marker.length;
    writeFileSync(log, text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1), 'latin1');
  };

  it('builds whole, saying why, when its list is damaged or its texts are missing', () => {
    const damages: [string, (log: string, step: string) => void][] = [
      ['the log cut short', (log) => writeFileSync(log, readFileSync(log).subarray(0, -3))],
      ['the log missing', (log) => rmSync(log)],
      ['the list cut short', (_, step) => writeFileSync(step, readFileSync(step).subarray(0, -3))],
      ['the list with more after it', (_, step) => appendFileSync(step, '{}')],
    ];
    for (const [what, damage] of damages) {
      rmSync(join(dir, 'steps'), { recursive: true, force: true });
      build(docs);
      damage(logFile(), join(dir, 'steps/search-index.json'));
      lines.length = 0;
      const next = build(added);
      expect(next.handed, what).toBe(false);
      expect(lines.some((line) => /search index: the last build's is damaged/.test(line)), what).toBe(true);
      expect(filesOf(next.index)).toEqual(filesOf(buildSearchIndex(added, options)));
    }
  });

  /** The build after the one kept from `docs` had the text after `marker` in its log damaged: handed that index, it rewords a story. */
  const rewordedAfterDamage = (marker: string) => {
    build(docs);
    flipAfter(logFile(), marker);
    const next = build(reworded);
    expect(next.handed).toBe(true);
    return next;
  };

  it('builds whole, saying why, when a text the update reads is not the one kept', () => {
    // A story count in a vocabulary bucket (the update reads every bucket), still valid JSON.
    const next = rewordedAfterDamage('"df":[');
    expect(next.whole).toMatch(/^the kept index is damaged \(the search index kept by the last build is damaged: f\/v\w+\.json: its kept text is not the one it was kept with\)/);
    expect(filesOf(next.index)).toEqual(filesOf(buildSearchIndex(reworded, options)));
  });

  it('never gives a damaged text it passed on unread: reading it throws, and the next build builds the index whole', () => {
    // The oldest story's record, which a word changed in the newest story leaves as it is.
    const next = rewordedAfterDamage('{"url":"/');
    expect(next.whole).toBeUndefined();
    expect(() => filesOf(next.index)).toThrow(/search index kept by the last build is damaged: f\/r[\w-]+\.json: its kept text is not the one it was kept with/);
    const again = build(reworded);
    expect(again.handed).toBe(false);
    expect(filesOf(again.index)).toEqual(filesOf(buildSearchIndex(reworded, options)));
  });

  it('appends to its log only the texts it lacks, and writes a new log once the old one holds too much that is gone', () => {
    build(docs);
    const [first] = logs();
    const whole = statSync(logFile()).size;
    // Edits of one story, back and forth: each adds its changed files to the log.
    const edited = (n: number) => docs.map((d, i) => (i === 7 ? { ...d, text: `${d.text} ${words[n % words.length]} ${words[(n * 7) % words.length]}.` } : d));
    const next = build(edited(1));
    expect(next.handed).toBe(true);
    expect(filesOf(next.index)).toEqual(filesOf(buildSearchIndex(edited(1), options)));
    expect(logs()).toEqual([first]);
    const grown = statSync(logFile()).size - whole;
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThan(whole / 2);
    // A stopped build's appended texts, read by no one.
    appendFileSync(logFile(), 'half a file');
    let n = 2;
    for (; logs().length === 1 && n < 100; n++) {
      const index = build(edited(n));
      expect(index.handed).toBe(true);
      expect(filesOf(index.index)).toEqual(filesOf(buildSearchIndex(edited(n), options)));
    }
    // A new log beside the old one, which the next build, reading the new one, removes.
    expect(logs()).toContain(first);
    expect(logs().length).toBe(2);
    const fresh = logs().find((name) => name !== first)!;
    expect(statSync(join(dir, 'steps', fresh)).size).toBeLessThan(1.2 * whole);
    expect(build(edited(n)).handed).toBe(true);
    expect(logs()).toEqual([fresh]);
  });

  it('builds whole when the build is forced', () => {
    build(docs);
    process.argv.push('--force');
    try {
      const next = build(added);
      expect(next.handed).toBe(false);
      expect(filesOf(next.index)).toEqual(filesOf(buildSearchIndex(added, options)));
    } finally {
      process.argv.pop();
    }
  });
});
