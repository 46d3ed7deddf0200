import { describe, expect, it } from 'vitest';
import { buildSearchIndex, type BuildOptions, type SearchDocument } from '../../src/lib/search/build-index';
import { COMMON_WORD_STORIES, leadingInOrder, SearchEngine, StaleQuery, type SearchResult } from '../../src/lib/search/engine';
import { chunkNames, headlineNames, recordName, type PostingShard, type SearchTuning, type VocabShard } from '../../src/lib/search/index-format';
import { decodePostings } from '../../src/lib/search/postings-codec';
import { seededRandom } from '../../bench/lib/synthetic-corpus';

const tuning: SearchTuning = {
  k1: 0.9, b: 0.75, typoMinLength: 4, twoTypoMinLength: 9, typoWeights: [0.6, 0.35], completionWeight: 0.7, formWeight: 0.8,
  maxExpansions: 8, knownWordRatio: 10, snippetWords: 20, proximityWeight: 3, proximityScale: 8, proximityCandidates: 100, proximityRecords: 20,
};
const sections = [
  { id: 'news', name: 'News' }, { id: 'politics', name: 'Politics' }, { id: 'travel', name: 'Travel' },
];
const options: BuildOptions = {
  fieldWeights: { title: 4, summary: 2, tags: 3 }, shardBytes: 16_000, positionsApartBytes: 16_000, vocabShardTerms: 1_000, suffixShardTerms: 1_500,
  headlineShardSize: 128, prefetchBytes: 1_000_000, tuning, sections,
};

let day = 0;
function doc(slug: string, title: string, summary: string, text: string, section = 'news', tags: string[] = []): SearchDocument {
  day++;
  return {
    url: `/articles/${slug}/`, title, summary, text, tags,
    section: sections.find((s) => s.id === section)!,
    date: new Date(Date.UTC(2025, 0, day)), dateText: `${day} Jan 2025`,
  };
}

// Our own small corpus: each story exists to make one behaviour testable.
const corpus: SearchDocument[] = [
  doc('metro', 'Đà Nẵng approves first metro line', 'The city council approved a light rail line.', 'Trains will run along the Hàn River to the airport.'),
  doc('coffee', 'Coffee growers count the cost of drought', 'Farmers in Đắk Lắk lost a third of their harvest.', 'Irrigation ponds dried up in March across the highlands.'),
  doc('heat', 'Hà Nội opens cooling centres', 'Temperatures reached 41 degrees.', 'Elderly residents sheltered in libraries and schools.', 'news', ['Heat']),
  doc('assembly', 'Deputies question ministers', 'The spring session opened on Monday.', 'Members of the Vietnamese parliament asked about delayed public investment.', 'politics'),
  doc('festival', 'Huế welcomes lantern boats', 'The rain festival is back on the Perfume River.', 'Singers performed from the decks of small wooden boats.', 'travel'),
  doc('near', 'Farm news', 'A short note.', 'The rice harvest started early this year in the delta provinces.'),
  doc('far', 'Market news', 'Another short note.', 'The rice price fell. Many words stand between these two ideas in this longer story, which goes on about boats, roads and weather before the harvest is mentioned at last.'),
  doc('ports', 'Ports expand', 'Shipping lines add routes.', 'Container traffic grew at Cái Mép this quarter.'),
];

function engineFor(docs: SearchDocument[], opts: BuildOptions = options) {
  const { files } = buildSearchIndex(docs, opts);
  const fetched: string[] = [];
  const open = () => SearchEngine.open(async (path) => {
    fetched.push(path);
    const text = files.get(path);
    if (text === undefined) throw new Error(`no file ${path}`);
    return JSON.parse(text);
  });
  return { files, fetched, open };
}

const urls = (r: SearchResult) => r.hits.map((h) => h.url.split('/')[2]);

describe('the search engine on a small corpus', () => {
  it('finds Vietnamese names typed without diacritics', async () => {
    const engine = await engineFor(corpus).open();
    expect(urls(await engine.search({ query: 'Da Nang', limit: 5 }))[0]).toBe('metro');
    expect(urls(await engine.search({ query: 'dak lak', limit: 5 }))[0]).toBe('coffee');
    expect(urls(await engine.search({ query: 'Ha Noi', limit: 5 }))[0]).toBe('heat');
  });

  it('lists the same stories newest first when asked, those with every word before those with some', async () => {
    const engine = await engineFor(corpus).open();
    const best = await engine.search({ query: 'rice harvest', limit: 10 });
    const newest = await engine.search({ query: 'rice harvest', limit: 10, order: 'newest' });
    // By relevance the story with the words side by side leads; by date the later one does.
    expect(urls(best)).toEqual(['near', 'far', 'coffee']);
    expect(urls(newest)).toEqual(['far', 'near', 'coffee']);
    expect(newest.hits.map((h) => h.partial)).toEqual([false, false, true]);
    expect([newest.total, newest.partialTotal, newest.newest]).toEqual([best.total, best.partialTotal, true]);
    expect(best.newest).toBeUndefined();
    // A second page goes on in the same order.
    expect(urls(await engine.search({ query: 'rice harvest', limit: 1, offset: 1, order: 'newest' }))).toEqual(['near']);
  });

  it('finds a word that appears only in the body', async () => {
    const engine = await engineFor(corpus).open();
    expect(urls(await engine.search({ query: 'irrigation', limit: 5 }))).toEqual(['coffee']);
  });

  it('forgives one typo in a word of five or more letters, and says which word it read', async () => {
    const engine = await engineFor(corpus).open();
    for (const query of ['parliment', 'Vietnmese', 'iirigation', 'irrigaiton', 'lanetrn boats']) {
      const result = await engine.search({ query, limit: 5 });
      expect(urls(result).length, query).toBeGreaterThan(0);
    }
    const result = await engine.search({ query: 'parliment', limit: 5 });
    expect(urls(result)).toEqual(['assembly']);
    expect(result.corrections).toEqual([{ typed: 'parliment', used: 'parliament' }]);
  });

  it('reads a four-letter word with two letters swapped as the word, but never changes it into another short word', async () => {
    const engine = await engineFor(corpus).open();
    const swapped = await engine.search({ query: 'heta ', limit: 5 });
    expect(urls(swapped)).toEqual(['heat']);
    expect(swapped.corrections).toEqual([{ typed: 'heta', used: 'heat' }]);
    // Its middle two letters swapped change both ends the typo search starts from (neither "ha…" nor "…et" is heat's).
    expect(urls(await engine.search({ query: 'haet', limit: 5 }))).toEqual(['heat']);
    const city = await engine.search({ query: 'ctiy council', limit: 5 });
    expect(urls(city)).toEqual(['metro']);
    expect(city.corrections).toEqual([{ typed: 'ctiy', used: 'city' }]);
    // "meat" is a letter from "heat", not a swap of it: no story for it.
    expect(urls(await engine.search({ query: 'meat ', limit: 5 }))).toEqual([]);
  });

  it('completes the word being typed', async () => {
    const engine = await engineFor(corpus).open();
    expect(urls(await engine.search({ query: 'irrig', limit: 5 }))).toEqual(['coffee']);
    expect(urls(await engine.search({ query: 'irrig ', limit: 5 }))).toEqual([]);
  });

  it('ranks stories with every query word above stories with some', async () => {
    const engine = await engineFor(corpus).open();
    // "boats" alone is in two stories, with "singers" only in one.
    const result = await engine.search({ query: 'boats singers', limit: 5 });
    expect(urls(result)[0]).toBe('festival');
    expect(urls(result)).toContain('far');
    expect(urls(result).indexOf('far')).toBeGreaterThan(0);
  });

  it('ranks the story where the words stand together above one where they are far apart', async () => {
    const engine = await engineFor(corpus).open();
    expect(urls(await engine.search({ query: 'rice harvest', limit: 5 })).slice(0, 2)).toEqual(['near', 'far']);
  });

  it('matches a quoted phrase only where its words stand side by side', async () => {
    const engine = await engineFor(corpus).open();
    expect(urls(await engine.search({ query: '"rice harvest"', limit: 5 }))).toEqual(['near']);
    expect(urls(await engine.search({ query: '"the rice price"', limit: 5 }))).toEqual(['far']);
    expect((await engine.search({ query: '"rice harvest"', limit: 5 })).apart).toBeUndefined();
  });

  it('gives the stories holding quoted words apart where none holds them side by side, and says so', async () => {
    const engine = await engineFor(corpus).open();
    const apart = await engine.search({ query: '"harvest rice"', limit: 5 });
    expect(apart.apart).toBe(true);
    expect(urls(apart).sort()).toEqual(['far', 'near']);
    expect(apart.total).toBe(2);
    // Words no story holds at all are still nothing found.
    const none = await engine.search({ query: '"harvest xyzzy"', limit: 5 });
    expect(none.apart).toBeUndefined();
    expect(none.total).toBe(0);
  });

  it('keeps only the chosen section', async () => {
    const engine = await engineFor(corpus).open();
    expect(urls(await engine.search({ query: 'boats', section: 'travel', limit: 5 }))).toEqual(['festival']);
    expect((await engine.search({ query: 'boats', section: 'politics', limit: 5 })).total).toBe(0);
  });

  it('pages through results with offset and limit', async () => {
    const engine = await engineFor(corpus).open();
    const all = urls(await engine.search({ query: 'news', limit: 10 }));
    expect(all.length).toBeGreaterThan(1);
    expect(urls(await engine.search({ query: 'news', offset: 1, limit: 10 }))).toEqual(all.slice(1));
  });

  it('marks matched words in the headline and cuts a snippet around the match in the text', async () => {
    const engine = await engineFor(corpus).open();
    const [hit] = (await engine.searchWithSnippets({ query: 'da nang airport', limit: 1 })).hits;
    expect(hit?.title.filter((s) => s.mark).map((s) => s.text)).toEqual(['Đà Nẵng']);
    expect(hit?.snippet.filter((s) => s.mark).map((s) => s.text)).toContain('airport');
  });

  it('marks the words the word being typed starts, but not a word the index leaves out', async () => {
    const lanterns = doc('lanterns', 'Hội An lights its lanterns', 'The old town and its river.', 'Boats and lanterns filled the Thu Bồn, and another festival begins.');
    const engine = await engineFor([...corpus, lanterns]).open();
    const [hit] = (await engine.searchWithSnippets({ query: 'lanterns an', limit: 10 })).hits;
    expect(hit?.url).toBe('/articles/lanterns/');
    const marked = [...hit!.title, ...hit!.snippet].filter((s) => s.mark).map((s) => s.text.toLowerCase());
    expect(marked).toContain('another');
    expect(marked).not.toContain('and');
  });

  it('reads a name typed as syllables as the name: it finds and marks the name, never a syllable standing alone', async () => {
    const lanterns = doc('lanterns', 'Hội An lights its lanterns', 'An old town glows on the river.', 'An hour before dusk, boats and lanterns fill the Thu Bồn.');
    const annual = doc('annual', 'An annual count of river boats', 'An anniversary for the ferry.', 'Another year, an extra boat.');
    const engine = await engineFor([...corpus, lanterns, annual]).open();
    for (const query of ['hoi an', 'hoi an ']) {
      const result = await engine.searchWithSnippets({ query, limit: 10 });
      expect(result.hits.map((h) => h.url), query).toEqual(['/articles/lanterns/']);
      const [hit] = result.hits;
      expect(hit!.title.filter((s) => s.mark).map((s) => s.text)).toEqual(['Hội An']);
      expect(hit!.snippet.filter((s) => s.mark)).toEqual([]);
    }
  });

  it('suggests a nearer spelling when nothing matches', async () => {
    const engine = await engineFor(corpus).open();
    const result = await engine.search({ query: 'feztivel', limit: 5 });
    expect(result.total).toBe(0);
    expect(result.suggestion).toBe('festival');
    expect((await engine.search({ query: 'qqqqzzzz', limit: 5 })).suggestion).toBeUndefined();
  });


  it('reads a word the stories use as typed: not another word a letter away, but its other forms and a far commoner spelling', async () => {
    const business = [
      doc('firms-1', 'Small firms hire again', 'Factories add shifts.', 'Exporting firms in Bình Dương took on workers.'),
      doc('firms-2', 'Tax relief for firms', 'The ministry cut fees.', 'Firms with fewer than fifty staff pay less.'),
      doc('firm-1', 'One firm wins the bridge contract', 'Work starts in May.', 'The firm built the last bridge too.'),
      doc('films-1', 'Local films fill cinemas', 'Ticket sales rose.', 'Three films opened on the same weekend.'),
      doc('films-2', 'Films of the delta', 'A festival in Cần Thơ.', 'Documentary films about rivers won prizes.'),
      // A common word: eleven stories, more than ten times the misspelling's one.
      ...['Farmers', 'Schools', 'Patients', 'Ports', 'Clinics', 'Villages', 'Pensioners', 'Libraries', 'Students', 'Fishermen', 'Hospitals'].map((who, i) =>
        doc(`receive-${i + 1}`, `${who} receive help`, `Round ${i + 1} of the programme.`, `${who} in the province will receive support this year.`)),
      doc('recieve', 'A letter to the editor', 'Misspelled as sent.', 'Readers did not recieve the paper on Sunday.'),
    ];
    const engine = await engineFor(business).open();
    const firms = urls(await engine.search({ query: 'firms', limit: 10 }));
    expect(firms.filter((u) => u?.startsWith('films'))).toEqual([]);
    // Another form of the word (one letter more or less) still counts.
    expect(firms).toEqual(expect.arrayContaining(['firms-1', 'firms-2', 'firm-1']));
    // A misspelling the archive also holds once still finds the word meant.
    expect(urls(await engine.search({ query: 'recieve', limit: 10 }))).toEqual(expect.arrayContaining(['recieve', 'receive-1', 'receive-2']));
    // 0 keeps every near form.
    const every = await engineFor(business, { ...options, tuning: { ...tuning, knownWordRatio: 0 } }).open();
    expect(urls(await every.search({ query: 'firms', limit: 10 }))).toEqual(expect.arrayContaining(['films-1']));
  });

  it('reads a word the stories use as typed whatever the length of the word a letter away: party is not part', async () => {
    const politics = [
      doc('party-1', 'Party congress opens', 'Delegates gather in Hà Nội.', 'The party will elect its new leadership this week.', 'politics'),
      doc('party-2', 'Street party for the new bridge', 'Residents celebrate.', 'A party ran late into the night by the river.'),
      doc('parties', 'Parties agree on a budget', 'A deal after months.', 'Both parties signed before the deadline.', 'politics'),
      doc('part-1', 'Part of the road closes', 'Repairs start Monday.', 'Part of the coast road will shut for a month.'),
      doc('part-2', 'Schools take part in a reading week', 'Pupils read aloud.', 'Forty schools will take part this year.'),
    ];
    const engine = await engineFor(politics).open();
    const party = urls(await engine.search({ query: 'party ', limit: 10 }));
    expect(party.filter((u) => u?.startsWith('part-'))).toEqual([]);
    // Its own forms still count.
    expect(party).toEqual(expect.arrayContaining(['party-1', 'party-2', 'parties']));
  });

  it('reads a mistyped word as the word a letter away before it reads it as two words typed joined', async () => {
    const stories = [
      doc('party', 'Party congress opens', 'Delegates gather.', 'The party will elect its new leadership this week.', 'politics'),
      doc('golf', 'Junior golf tour expands', 'Two new courses.', 'Golfers who finish under par try the harder course next season.'),
    ];
    const engine = await engineFor(stories).open();
    const result = await engine.search({ query: 'partry ', limit: 10 });
    expect(urls(result)).toEqual(['party']);
    expect(result.corrections).toEqual([{ typed: 'partry', used: 'party' }]);
    // With no word a letter away, two words the stories write in a row are what was meant.
    const golf = await engineFor([stories[1]!]).open();
    expect(urls(await golf.search({ query: 'partry ', limit: 10 }))).toEqual(['golf']);
  });

  it('does not complete a word the stories use often into the rarer words it starts', async () => {
    const common = Array.from({ length: COMMON_WORD_STORIES }, (_, i) =>
      doc(`part-${i}`, `Village ${i} takes part in the census`, `Round ${i}.`, `Households in village ${i} took part.`));
    const stories = [
      ...common,
      doc('partner', 'A new trade partner', 'Talks end.', 'The partner country will buy more rice.'),
      doc('party', 'Party congress opens', 'Delegates gather.', 'The party will elect its new leadership.', 'politics'),
      doc('parts', 'Spare parts in short supply', 'Factories wait.', 'Car parts arrive late from the port.'),
    ];
    const engine = await engineFor(stories).open();
    const typing = await engine.search({ query: 'part', limit: 10 });
    // The plural is the same word; the rarer words it starts are not being typed.
    expect(typing.total).toBe(COMMON_WORD_STORIES + 1);
    // A rare word is still completed.
    expect(urls(await engine.search({ query: 'partn', limit: 10 }))[0]).toBe('partner');
    // So is a commoner word it starts: "viet" on its way to "vietnam".
    const country = [
      ...Array.from({ length: COMMON_WORD_STORIES }, (_, i) => doc(`viet-${i}`, `Singer Việt Hoàng plays show ${i}`, `Tour date ${i}.`, `Việt sang in hall ${i}.`)),
      ...Array.from({ length: COMMON_WORD_STORIES + 10 }, (_, i) => doc(`vietnam-${i}`, `Vietnam exports rise in month ${i}`, `Trade ${i}.`, `Figures ${i}.`)),
    ];
    const typingCountry = await engineFor(country).open().then((e) => e.search({ query: 'viet', limit: 10 }));
    expect(typingCountry.total).toBe(country.length);
  });
  it('stops a query that a newer one replaced', async () => {
    const engine = await engineFor(corpus).open();
    await expect(engine.search({ query: 'boats', limit: 5 }, () => false)).rejects.toBeInstanceOf(StaleQuery);
  });

  it('fetches only the shards a query needs, and everything only when asked to prefetch', async () => {
    const big = Array.from({ length: 300 }, (_, i) =>
      doc(`s${i}`, `Story ${i} about topic${i % 37}`, `Summary word${i}.`, `Body text with term${i} and shared words number${i % 11}.`));
    const index = engineFor([...corpus, ...big], { ...options, shardBytes: 500, vocabShardTerms: 50, suffixShardTerms: 60, headlineShardSize: 16 });
    const engine = await index.open();
    await engine.search({ query: 'irrigation', limit: 5 });
    const shardFiles = [...index.files.keys()].filter((f) => /^f\/[vps][\w-]+\.json$/.test(f));
    const firstQuery = index.fetched.filter((f) => /^f\/[vps][\w-]+\.json$/.test(f));
    expect(firstQuery.length).toBeGreaterThan(0);
    expect(firstQuery.length).toBeLessThan(shardFiles.length / 4);
    await engine.prefetch();
    expect(new Set(index.fetched.filter((f) => /^f\/[vpsdh][\w-]+\.json$/.test(f))).size).toBe(
      [...index.files.keys()].filter((f) => /^f\/[vpsdh][\w-]+\.json$/.test(f)).length,
    );
  });

  it('reads the list of words by their endings only for a word the stories do not use, "Did you mean" included', async () => {
    const big = Array.from({ length: 120 }, (_, i) => doc(`g${i}`, `Story ${i}`, `Summary ${i}.`, `Funding, building${i}, sing${i}ing and ring${i}ing.`));
    const index = engineFor([...corpus, ...big], { ...options, suffixShardTerms: 20 });
    const engine = await index.open();
    const suffixes = (from: number) => index.fetched.slice(from).filter((f) => f.startsWith('f/s'))
      .flatMap((f) => (JSON.parse(index.files.get(f)!) as { reversed: string[] }).reversed);
    // No story holds every word, so "Did you mean" runs too.
    const before = index.fetched.length;
    const result = await engine.search({ query: 'funding qqzzxx ', limit: 5 });
    expect(result.total).toBe(0);
    expect(suffixes(before).filter((t) => t.startsWith('gn'))).toEqual([]);
  });

  it('prefetches only the vocabulary, suffix and headline shards when the postings would be too big', async () => {
    const big = Array.from({ length: 200 }, (_, i) => doc(`l${i}`, `Story ${i}`, `Summary ${i}.`, `Body with term${i} and more words${i % 7}.`));
    const opts = { ...options, shardBytes: 300, vocabShardTerms: 40, headlineShardSize: 16 };
    const sizes = (files: Map<string, string>, kind: string) =>
      [...files].filter(([f]) => new RegExp(`^f/${kind}[\\w-]+\\.json$`).test(f)).reduce((n, [, t]) => n + t.length, 0);
    const probe = buildSearchIndex([...corpus, ...big], opts).files;
    const lookupBytes = sizes(probe, 'v') + sizes(probe, 's') + sizes(probe, 'd') + sizes(probe, 'h');
    const index = engineFor([...corpus, ...big], { ...opts, prefetchBytes: lookupBytes + 10 });
    const engine = await index.open();
    expect(engine.manifest.prefetch).toBe('lookup');
    await engine.search({ query: 'irrigation', limit: 5 });
    await engine.prefetch();
    const fetched = new Set(index.fetched);
    const all = [...index.files.keys()];
    expect(all.filter((f) => /^f\/[vsdh][\w-]+\.json$/.test(f)).every((f) => fetched.has(f))).toBe(true);
    const postings = all.filter((f) => /^f\/p[\w-]+\.json$/.test(f));
    expect(postings.filter((f) => fetched.has(f)).length).toBeLessThan(postings.length / 2);
    // Headlines from the shards serve the next query without fetching stories.
    const before = index.fetched.length;
    const result = await engine.search({ query: 'story', limit: 3 });
    expect(result.hits.map((h) => h.title.map((s) => s.text).join(''))).toEqual(expect.arrayContaining([expect.stringMatching(/^Story \d+$/)]));
    expect(index.fetched.slice(before).filter((f) => /^f\/r[\w-]+\.json$/.test(f))).toEqual([]);
    expect(buildSearchIndex(corpus, { ...opts, prefetchBytes: 10 }).manifest.prefetch).toBe('none');
  });

  it('gives the same results however finely the index is sharded', async () => {
    const fine = await engineFor(corpus, { ...options, shardBytes: 40, vocabShardTerms: 3, suffixShardTerms: 4, headlineShardSize: 2 }).open();
    const coarse = await engineFor(corpus).open();
    for (const query of ['rice harvest', 'Da Nang', 'parliment', 'boats singers', 'irrig', '"rice harvest"']) {
      expect(urls(await fine.search({ query, limit: 10 })), query).toEqual(urls(await coarse.search({ query, limit: 10 })));
    }
  });

  it('writes the same files for the same documents, whatever order they come in', () => {
    const a = buildSearchIndex(corpus, options).files;
    const b = buildSearchIndex([...corpus].reverse().map((d) => ({ ...d })), options).files;
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
  });
});

describe('the search index files, named by their content', () => {
  // A few hundred stories in fine shards, so that a story's terms are a small part of the index.
  const words = ['rice', 'harvest', 'river', 'port', 'metro', 'festival', 'coffee', 'drought', 'assembly', 'budget', 'flood', 'school'];
  const many = [...corpus, ...Array.from({ length: 240 }, (_, i) =>
    doc(`m${i}`, `${words[i % 12]} report ${i}`, `A note on ${words[(i * 5) % 12]}.`, `Text about ${words[(i * 7) % 12]} and ${words[(i * 3) % 12]}, item${i}.`))];
  const fine = { ...options, shardBytes: 400, positionsApartBytes: 200, vocabShardTerms: 20, suffixShardTerms: 20, headlineShardSize: 8 };
  const newest = doc('typhoon', 'Typhoon Kajiki reaches the coast', 'Fishing boats were called back to Quy Nhơn, a report said.', 'Evacuations began in coastal communes before the storm.');
  const kind = (path: string) => path.slice(2, 3);

  it('names every file but the manifest by a digest of its content (a record by its headline file\'s and its place), and lists every one', () => {
    const { files, manifest } = buildSearchIndex(many, fine);
    const listed = new Set<string>();
    const read = (name: string) => {
      listed.add(`f/${name}.json`);
      return JSON.parse(files.get(`f/${name}.json`)!);
    };
    for (const name of manifest.vocab.files) {
      const bucket = read(name) as VocabShard;
      for (const chunk of chunkNames(bucket)) for (const p of read(chunk).positions) if (typeof p !== 'string') read(p.file);
    }
    for (const name of manifest.suffix.files) read(name);
    manifest.directories.forEach((name, d) => {
      for (const h of headlineNames(read(name), d * manifest.directorySize)) read(h).url.forEach((_: string, k: number) => read(recordName(h, k)));
    });
    for (const name of [...manifest.sectionShards, manifest.entities]) read(name);
    expect([...files.keys()].filter((f) => f !== 'index.json').sort()).toEqual([...listed].sort());
    for (const path of listed) expect(path).toMatch(/^f\/([vqsdce][0-9a-z]{13}|p[0-9a-z]{14}|h[0-9a-z]+-[0-9a-z]{7}|r[0-9a-z]+-[0-9a-z]{7}-[0-7])\.json$/);
    expect([...listed].some((path) => path.startsWith('f/q'))).toBe(true);
    expect(new Set(listed).size).toBe(new Set([...listed].map((p) => files.get(p))).size);
  });

  it('keeps a small index to one vocabulary and one suffix file, and splits a large one by first letters', () => {
    const small = buildSearchIndex(corpus, options).manifest;
    expect(small.vocab.keys).toEqual(['']);
    expect(small.suffix.keys).toEqual(['']);
    const large = buildSearchIndex(many, fine).manifest;
    expect(large.vocab.keys.length).toBeGreaterThan(5);
    expect(large.vocab.keys.every((k, i) => i === 0 || large.vocab.keys[i - 1]! < k)).toBe(true);
  });

  it('renames only the files holding a new story\'s terms, its record and its run of headlines when a story is added', async () => {
    const before = buildSearchIndex(many, fine);
    const after = buildSearchIndex([...many, newest], fine);
    const added = [...after.files.keys()].filter((f) => !before.files.has(f));
    const removed = [...before.files.keys()].filter((f) => !after.files.has(f));
    const n = after.manifest.docCount - 1;
    const changed = (k: string) => added.filter((f) => kind(f) === k);
    // The new story's terms: those whose postings hold it.
    const storyTerms = new Set<string>();
    for (const [f, text] of after.files) {
      if (kind(f) !== 'p') continue;
      const chunk = JSON.parse(text) as { terms: string[]; postings: string[] };
      chunk.terms.forEach((t, i) => decodePostings({ docs: chunk.postings[i]! }).docs.includes(n) && storyTerms.add(t));
    }
    expect(storyTerms).toContain('kajiki');
    // Every new vocabulary bucket holds one of them, and every new postings
    // chunk is listed by such a bucket (most hold the story themselves; a
    // bucket that grew past a size step may cut its runs anew).
    const chunks = changed('p');
    expect(chunks.length).toBeGreaterThan(0);
    const listed = new Set<string>();
    for (const f of changed('v')) {
      const bucket = JSON.parse(after.files.get(f)!) as VocabShard;
      expect(bucket.terms.some((t) => storyTerms.has(t)), f).toBe(true);
      for (const chunk of chunkNames(bucket)) listed.add(`f/${chunk}.json`);
    }
    for (const f of chunks) expect(listed.has(f), f).toBe(true);
    const holding = chunks.filter((f) => {
      const chunk = JSON.parse(after.files.get(f)!) as { terms: string[] };
      return chunk.terms.some((t) => storyTerms.has(t));
    });
    expect(holding.length).toBeGreaterThan(chunks.length / 2);
    // A common word's positions file is new only with its chunk.
    const positionFiles = new Set(chunks.flatMap((f) => (JSON.parse(after.files.get(f)!) as PostingShard).positions.flatMap((p) => (typeof p === 'string' ? [] : [`f/${p.file}.json`]))));
    expect(changed('q').length).toBeGreaterThan(0);
    for (const f of changed('q')) expect(positionFiles.has(f), f).toBe(true);
    // The records of the new story's run of headlines: named for its file.
    const run = (n % fine.headlineShardSize) + 1;
    expect(changed('r')).toHaveLength(run);
    expect(changed('h')).toHaveLength(1);
    expect(changed('d')).toHaveLength(1);
    expect(changed('e')).toHaveLength(0);
    // Most of the index keeps its names: a reader's cache stays good.
    const postingFiles = [...after.files.keys()].filter((f) => kind(f) === 'p');
    expect(chunks.length).toBeLessThan(postingFiles.length / 2);
    expect(removed.filter((f) => kind(f) === 'r')).toHaveLength(run - 1);
    expect(removed.length).toBeLessThan(before.files.size / 4);
    // And the index finds the same stories as before, and the new one.
    const [old, next] = await Promise.all([before, after].map(({ files }) => SearchEngine.open(async (path) => JSON.parse(files.get(path)!))));
    for (const query of ['rice harvest', 'coffe', 'flood school', 'metro', 'festival report 12']) {
      expect(urls(await next!.search({ query, limit: 10 })), query).toEqual(urls(await old!.search({ query, limit: 10 })));
    }
    expect(urls(await next!.search({ query: 'kajiki', limit: 3 }))).toEqual(['typhoon']);
  });

  it('renames a story\'s record and the files of the terms it gains when its text is edited', () => {
    const edited = many.map((d) => (d.url === '/articles/ports/' ? { ...d, text: `${d.text} Dredging starts in May.` } : d));
    const before = buildSearchIndex(many, fine);
    const after = buildSearchIndex(edited, fine);
    const added = [...after.files.keys()].filter((f) => !before.files.has(f));
    // Its record and those of its run of headlines (named for its file), its run's headlines.
    expect(added.filter((f) => kind(f) === 'r')).toHaveLength(fine.headlineShardSize);
    expect(added.filter((f) => kind(f) === 'h')).toHaveLength(1);
    expect(added.filter((f) => kind(f) === 'p').length).toBeLessThan([...after.files.keys()].filter((f) => kind(f) === 'p').length / 2);
  });
});

describe('ordering only the places a page shows', () => {
  it('puts the first k in order and the rest after them, whatever the input', () => {
    const random = seededRandom(11);
    for (const n of [0, 1, 2, 7, 300, 5_000]) {
      for (const k of [0, 1, 3, 10, 100, n]) {
        // Few distinct scores and word counts; no two stories' numbers alike.
        const words = Uint8Array.from({ length: n }, () => 1 + Math.floor(random() * random() * 4));
        const score = Float64Array.from({ length: n }, () => Math.floor(random() * 20));
        const docs = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 10_007);
        const compare = (i: number, j: number) => words[j]! - words[i]! || score[j]! - score[i]! || docs[j]! - docs[i]!;
        const full = Array.from({ length: n }, (_, i) => i).sort(compare);
        const got = leadingInOrder({ words, score, docs }, k);
        expect(got.slice(0, k), `${n} ${k}`).toEqual(full.slice(0, k));
        expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });

  it('pages through hundreds of matches, each story once and in score order', async () => {
    const random = seededRandom(5);
    const stories = Array.from({ length: 700 }, (_, i) =>
      // A third without "water": stories with both words, then those with one.
      doc(`flood-${i}`, `Flood report ${i}`, `District ${i}.`, `${(i % 3 ? 'Water rose in the flood. ' : 'The flood came. ').repeat(1 + Math.floor(random() * 6))}Roads closed ${i}.`));
    const engine = await engineFor(stories).open();
    const seen: (string | undefined)[] = [];
    for (let offset = 0; offset < 700; offset += 50) seen.push(...urls(await engine.search({ query: 'flood water', offset, limit: 50 })));
    expect(seen).toHaveLength(700);
    expect(new Set(seen).size).toBe(700);
    // The pages put together are the list ranked whole.
    const first = await engine.search({ query: 'flood water', limit: 700 });
    expect(seen).toEqual(urls(first));
  });
});

describe('postings chunks of about shardBytes', () => {
  // 300 stories: a common word in all of them, a rare one in two.
  const stories = Array.from({ length: 300 }, (_, i) => doc(
    `c${i}`, `Market day ${i}`, `Traders at the market, report ${i}.`,
    `The market opened early${i === 40 || i === 280 ? ' and a lanternfish was sold' : ''}; prices of item${i} and lot${i * 7} held.`,
  ));
  const postingBytes = (engine: ReturnType<typeof engineFor>) => engine.fetched.filter((p) => p.startsWith('f/p')).reduce((n, p) => n + engine.files.get(p)!.length, 0);

  it('fetches fewer postings bytes for a rare word when chunks are smaller, with the same results', async () => {
    const coarse = engineFor(stories, { ...options, shardBytes: 16_000 });
    const fine = engineFor(stories, { ...options, shardBytes: 1_000 });
    const request = { query: 'lanternfish', limit: 10 };
    const [a, b] = await Promise.all([(await coarse.open()).search(request), (await fine.open()).search(request)]);
    expect(urls(b)).toEqual(urls(a));
    expect(urls(b).sort()).toEqual(['c280', 'c40']);
    expect(postingBytes(fine)).toBeLessThan(postingBytes(coarse) / 4);
  });
});
