/**
 * The engine on the searches our readers type: Vietnamese names joined or
 * split, aliases, every word first, the word being typed, suggestions,
 * snippets, and input that is not a search at all.
 */
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, type BuildOptions, type SearchDocument } from '../../src/lib/search/build-index';
import { SearchEngine, writtenAs, type SearchResult } from '../../src/lib/search/engine';
import { EntityIndex, buildEntities } from '../../src/lib/search/entities';
import { frontCode, frontDecode } from '../../src/lib/search/index-format';
import { knownWords } from '../../src/lib/search/known-words';
import { snippet, type TermMatcher } from '../../src/lib/search/snippet';
import { aliasRuns, storyTerms } from '../../src/lib/search/story-terms';
import { site } from '../../src/site.config';

const sections = [{ id: 'news', name: 'News' }, { id: 'politics', name: 'Politics' }, { id: 'travel', name: 'Travel' }];
const aliases = [['Hồ Chí Minh City', 'Saigon', 'HCMC'], ['National Assembly', 'Quốc hội', 'NA'], ['Tết', 'Lunar New Year']];
const options: BuildOptions = {
  fieldWeights: { title: 4, summary: 2, tags: 3 }, shardBytes: 16_000, positionsApartBytes: 16_000, vocabShardTerms: 1_000, suffixShardTerms: 1_500,
  headlineShardSize: 128, prefetchBytes: 1_000_000, sections, aliases,
  tuning: {
    k1: 0.9, b: 0.75, typoMinLength: 4, twoTypoMinLength: 9, typoWeights: [0.6, 0.35], completionWeight: 0.7, formWeight: 0.8,
    maxExpansions: 8, knownWordRatio: 10, snippetWords: 20, proximityWeight: 3, proximityScale: 8, proximityCandidates: 100, proximityRecords: 20,
  },
  entities: {
    sections: [{ name: 'Politics', url: '/section/politics/' }, { name: 'Travel', url: '/section/travel/' }],
    tags: [{ name: 'National Assembly', url: '/tag/national-assembly/' }, { name: 'Festivals', url: '/tag/festivals/' }],
    sources: [{ name: 'VNA', url: '/source/vna/' }],
    places: ['Hà Nội', 'Đà Nẵng', 'Hội An'],
    people: ['Nguyễn Thị Lan'],
  },
};

/** The options with English's known words, as the site's index ships them. */
const withWords: BuildOptions = { ...options, knownWords: knownWords(options.tuning.typoMinLength) };

let day = 0;
function doc(slug: string, title: string, summary: string, text: string, extra: Partial<SearchDocument> = {}): SearchDocument {
  day++;
  return {
    url: `/articles/${slug}/`, title, summary, text, tags: [], section: sections[0]!,
    date: new Date(Date.UTC(2025, 0, day)), dateText: `${day} Jan 2025`, ...extra,
  };
}

// Our own small corpus: each story exists to make one behaviour testable.
const corpus: SearchDocument[] = [
  doc('cooling', 'Hà Nội opens cooling centres', 'Temperatures reached 41 degrees in the capital.', 'Libraries stayed open late for older residents.'),
  doc('apart', 'Hà Giang terraces fill with visitors', 'Coaches leave from the bus station at Nội Bài before dawn.', 'Guesthouses were full for the buckwheat season.'),
  doc('english', 'Hanoi traffic slows in the rain', 'Commuters waited for hours.', 'The ring road flooded near the river.'),
  doc('shade', 'Hồ Chí Minh City plants shade trees', 'Ten thousand trees by next summer.', 'Streets in District 1 were the hottest.'),
  doc('session', 'Deputies open the autumn session', 'The National Assembly will pass fifteen laws.', 'The session runs for six weeks.', { section: sections[1]! }),
  doc('people', 'Quốc and his brothers reopen the family bakery', 'A story of bread.', 'The bakery in Hội An sells out by noon.'),
  doc('lanterns', 'Hội An lights its lanterns', 'The old town glows for the Mid-Autumn festival.', 'Silk lanterns hang across every street of the old town.', { section: sections[2]! }),
  doc('flowers', 'Flower village ships its Tết blooms', 'Boats carry peach blossom north.', 'Growers planted in October for the holiday.'),
  doc('heat', 'Heat grips the north', 'Air conditioners ran all night.', 'Power use reached a record during the heat wave.'),
  doc('danang', 'Đà Nẵng opens new beach routes', 'Buses now run to the northern beaches.', 'Lifeguards watch the beach until six.', { dateline: 'Đà Nẵng' }),
  doc('lantern-maker', 'The last lantern maker of the street', 'A craft in a quiet lane.', 'She makes one lantern a day by hand.'),
];

async function open(docs: SearchDocument[] = corpus, opts: BuildOptions = options) {
  const { files } = buildSearchIndex(docs, opts);
  return SearchEngine.open(async (path) => JSON.parse(files.get(path) ?? 'null'));
}
const slugs = (r: SearchResult) => r.hits.map((h) => h.url.split('/')[2]);

describe('names written joined or apart', () => {
  it('finds a name typed as one word where the stories write it in syllables, only as a phrase', async () => {
    const engine = await open();
    const result = await engine.search({ query: 'hanoi', limit: 10 });
    expect(slugs(result)).toContain('cooling');
    expect(slugs(result)).toContain('english');
    // "Hà" and "Nội" apart (Hà Giang, Nội Bài) are not Hà Nội.
    expect(slugs(result)).not.toContain('apart');
    expect(result.suggestion).toBeUndefined();
    expect(slugs(await engine.search({ query: 'danang ', limit: 10 }))).toEqual(['danang']);
    expect(slugs(await engine.search({ query: 'hochiminh ', limit: 10 }))).toEqual(['shade']);
  });

  it('follows a name while its last syllable is being typed: to the name, never to an alias or a word it starts', async () => {
    const engine = await open();
    for (const query of ['da na', 'Đà Nẵ', 'da nan']) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result), query).toEqual(['danang']);
      expect(result.partialTotal, query).toBe(0);
    }
    const typed = slugs(await engine.search({ query: 'ha noi ', limit: 10 }));
    expect(typed).not.toContain('apart');
    for (const query of ['ha no', 'Hà Nộ']) expect(slugs(await engine.search({ query, limit: 10 })), query).toEqual(typed);
    // The name of the National Assembly still, typed on its own or after a word that is no syllable.
    for (const query of ['na', 'assembly na']) expect(slugs(await engine.search({ query, limit: 10 }))[0], query).toBe('session');
  });

  /** A Cần Thơ story, and a check that `query` finds what `right` finds, each story holding every word, and reports `used`. */
  const cantho = doc('cantho', 'Cần Thơ floating market opens at dawn', 'Boats sell fruit.', 'Traders in Cần Thơ start at four.');
  async function readsAs(engine: SearchEngine, query: string, right: string, used: string): Promise<void> {
    const result = await engine.search({ query, limit: 10 });
    const expected = slugs(await engine.search({ query: right, limit: 10 }));
    expect(expected.length, right).toBeGreaterThan(0);
    expect(slugs(result), query).toEqual(expected);
    expect(result.partialTotal, query).toBe(0);
    expect(result.corrections.map((c) => c.used), query).toEqual([used]);
  }

  it('reads syllables typed apart with a typo in one as the name a letter away, and says so', async () => {
    const engine = await open([...corpus, cantho], { ...options, aliases: site.search.aliases });
    for (const [query, right, used] of [
      ['ha noii', 'ha noi ', 'hanoi'], ['ha noii ', 'ha noi ', 'hanoi'], ['Hà Nộii', 'ha noi ', 'hanoi'], ['hoi aan', 'hoi an ', 'hoian'],
      ['can thp', 'can tho ', 'cantho'], ['sai gonn ', 'sai gon ', 'saigon'], ['ho chi minhh', 'ho chi minh ', 'hochiminh'],
    ] as const) await readsAs(engine, query, right, used);
    // Words the stories use keep their meaning; a name still being typed is completed, not corrected.
    expect((await engine.search({ query: 'heat wave', limit: 10 })).corrections).toEqual([]);
    const typing = await engine.search({ query: 'da nan', limit: 10 });
    expect(slugs(typing)).toEqual(['danang']);
    expect(typing.corrections).toEqual([]);
  });

  it('reads a word that matches nothing, typed beside a name of the aliases table it is a mistyped syllable of, as part of that name', async () => {
    const engine = await open([...corpus, cantho], { ...options, aliases: site.search.aliases });
    // Cần Thơ's "can" is a stopword: the table's name is held by "tho" alone, and "cna" sat beside it as a word of its own.
    for (const [query, right, used] of [['cna tho', 'can tho', 'Cần Thơ'], ['hcmc cty', 'hcmc', 'Hồ Chí Minh City']] as const) await readsAs(engine, query, right, used);
    // Typed right, nothing is corrected; a word more than a letter off the name stays a word of its own.
    expect((await engine.search({ query: 'can tho', limit: 10 })).corrections).toEqual([]);
    const apart = await engine.search({ query: 'xyz tho', limit: 10 });
    expect(apart.total).toBe(0);
    expect(slugs(apart)).toContain('cantho');
  });

  it('follows a name from the first letter of its last syllable, and a letter that starts none changes nothing', async () => {
    const engine = await open(corpus, { ...options, aliases: site.search.aliases });
    const engine2 = await open([...corpus, cantho], { ...options, aliases: site.search.aliases });
    // "can" is an English stopword, and a syllable of Cần Thơ.
    for (const query of ['can t', 'can th', 'can tho', 'Cần Th']) expect(slugs(await engine2.search({ query, limit: 10 })), query).toEqual(['cantho']);
    for (const [query, slug] of [['da n', 'danang'], ['Đà N', 'danang'], ['hoi a', 'lanterns'], ['sai g', 'shade'], ['Hồ Chí M', 'shade']] as const) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result)[0], query).toBe(slug);
      expect(result.partialTotal, query).toBe(0);
    }
    const typed = slugs(await engine.search({ query: 'ha noi ', limit: 10 }));
    expect(slugs(await engine.search({ query: 'ha n', limit: 10 }))).toEqual(typed);
    // After a word that is no syllable, or when no name goes on that way: as if the letter were not there yet.
    for (const [query, without] of [['heat w', 'heat'], ['lanterns h', 'lanterns'], ['hoi x', 'hoi'], ['the saigon', 'saigon'], ['the lantern', 'lantern']] as const) {
      const result = await engine.search({ query, limit: 10 });
      const before = await engine.search({ query: without, limit: 10 });
      expect([slugs(result), result.total], query).toEqual([slugs(before), before.total]);
    }
  });

  it('finds a name typed in syllables, with or without accents, where a story writes it as one word', async () => {
    const engine = await open();
    for (const query of ['ha noi', 'Hà Nội']) {
      const found = slugs(await engine.search({ query, limit: 10 }));
      expect(found, query).toContain('english');
      expect(found.slice(0, 2).sort(), query).toEqual(['cooling', 'english']);
    }
  });

  it('reads an unknown word as two words the stories write apart', async () => {
    const engine = await open();
    expect(slugs(await engine.search({ query: 'heatwave ', limit: 10 }))).toEqual(['heat']);
  });

  it('reads a name typed joined to the next word (a missed space) as the name and that word, in a row', async () => {
    const engine = await open();
    // "Đà Nẵng opens …" and "Hanoi traffic …": the name written apart or as one word.
    for (const [query, slug] of [['danangopens', 'danang'], ['danang opens', 'danang'], ['hanoitraffic', 'english']] as const) {
      const found = slugs(await engine.search({ query, limit: 10 }));
      expect(found[0], query).toBe(slug);
    }
    // Not in a row ("Hội An lights its lanterns"): nothing found, but the words with the space put back are offered, and find it.
    const apart = await engine.search({ query: 'hoianlanterns', limit: 10 });
    expect([apart.total, apart.suggestion]).toEqual([0, 'hoian lanterns']);
    expect(slugs(await engine.search({ query: 'hoian lanterns', limit: 10 }))[0]).toBe('lanterns');
    // A word that splits into nothing the stories hold is offered nothing.
    expect((await engine.search({ query: 'lanternzzz', limit: 10 })).suggestion).toBeUndefined();
  });

  it('reads the longest name of the aliases table a query holds, whichever group a shorter name inside it is of', async () => {
    const engine = await open(corpus, { ...options, aliases: site.search.aliases });
    // "Tết Trung Thu" is the Mid-Autumn festival; "Tết" alone is the Lunar New Year.
    for (const query of ['tet trung thu', 'trung thu', 'mid autumn']) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result), query).toEqual(['lanterns']);
      expect(result.partialTotal, query).toBe(0);
    }
    expect(slugs(await engine.search({ query: 'tet', limit: 10 }))).toEqual(['flowers']);
  });

  it('reads two words typed apart that the stories write as one as that word, where no story holds both as typed', async () => {
    const engine = await open([
      ...corpus,
      doc('fireworks', 'Fireworks light up the river', 'The festival opens.', 'Crowds lined both banks.'),
      doc('fire', 'Fire crews train at the port', 'A drill at dawn.', 'Firefighters practised with foam.'),
    ]);
    for (const [query, used, slug] of [
      ['fire works', 'fireworks', 'fireworks'], ['fire work', 'fireworks', 'fireworks'], ['fire wor', 'fireworks', 'fireworks'], ['life guards', 'lifeguards', 'danang'],
    ] as const) {
      const result = await engine.search({ query, limit: 10 });
      expect(result.total, query).toBe(1);
      expect(slugs(result)[0], query).toBe(slug);
      expect(result.corrections.map((c) => c.used), query).toEqual([used]);
    }
    // Words a story holds as typed keep their meaning: "heat wave" is the heat story's, not joined.
    const typed = await engine.search({ query: 'heat wave', limit: 10 });
    expect(slugs(typed)[0]).toBe('heat');
    expect(typed.corrections).toEqual([]);
  });

  it('offers a word two letters off only from six letters on: a word of five is another word by then', async () => {
    const engine = await open([...corpus, doc('avoid', 'Drivers avoid the flooded underpass', 'Police closed it.', 'Traffic moved to the ring road.')]);
    const covid = await engine.search({ query: 'covid', limit: 10 });
    expect([covid.total, covid.suggestion]).toEqual([0, undefined]);
    // One letter off, or two in a longer word, is still offered.
    expect((await engine.search({ query: 'avoud', limit: 10 })).corrections.map((c) => c.used)).toEqual(['avoid']);
    expect((await engine.search({ query: 'undrepas', limit: 10 })).suggestion).toBe('underpass');
  });

  it('marks the whole name in a headline, both syllables together', async () => {
    const engine = await open();
    const hits = (await engine.search({ query: 'hanoi', limit: 10 })).hits;
    const marked = (slug: string) => hits.find((h) => h.url.includes(slug))!.title.filter((s) => s.mark).map((s) => s.text);
    expect(marked('cooling')).toEqual(['Hà Nội']);
    expect(marked('english')).toEqual(['Hanoi']);
  });

  it('marks the same words whether or not the matcher says which words can begin a name', async () => {
    const engine = await open();
    const record = await engine.doc(0);
    const text = `${record.summary}\nIn Hà Nội and Hanoi, in Hồ Chí Minh City and Saigon, the Hà-Nội road and Hà\nNội.`;
    for (const query of ['hanoi', 'ha noi', 'saigon', 'hcmc cooling', 'hano']) {
      const result = await engine.search({ query, limit: 10 });
      const matcher = (engine as unknown as { matchers: WeakMap<SearchResult, TermMatcher> }).matchers.get(result)!;
      expect(matcher.runStarts, query).toBeDefined();
      const everyWord: TermMatcher = (term, run) => matcher(term, run);
      expect(snippet(text, matcher, 40), query).toEqual(snippet(text, everyWord, 40));
    }
  });
});

describe('aliases', () => {
  it('finds every name of an alias group from any of them', async () => {
    const engine = await open();
    for (const query of ['saigon', 'hcmc', 'HCMC trees', 'Saigon shade']) {
      expect(slugs(await engine.search({ query, limit: 10 }))[0], query).toBe('shade');
    }
    const marked = (await engine.search({ query: 'saigon', limit: 1 })).hits[0]!.title.filter((s) => s.mark).map((s) => s.text);
    expect(marked).toEqual(['Hồ Chí Minh City']);
    expect(slugs(await engine.search({ query: 'lunar new year', limit: 10 }))[0]).toBe('flowers');
  });

  it('reads "Quốc hội" as the National Assembly, not as people called Quốc or the Hội An lanterns', async () => {
    const engine = await open();
    for (const query of ['Quốc hội', 'quoc hoi', 'NA']) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result)[0], query).toBe('session');
      expect(result.total, query).toBe(1);
    }
  });

  it("knows the names our readers give Hồ Chí Minh City, with the site's own table", async () => {
    const engine = await open(corpus, { ...options, aliases: site.search.aliases });
    for (const query of ['saigon', 'sai gon', 'Sài Gòn', 'sai go', 'hcmc', 'hcm city', 'HCM', 'tp hcm', 'ho chi minh city', 'saigon shade', 'Tp. Hồ Chí Minh', 'thanh pho ho chi minh', 'SG', 'sg shade']) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result)[0], query).toBe('shade');
      expect(result.total, query).toBe(1);
    }
  });

  it('reads a word being typed that completes to a one-word alias as its group: "saigo" finds every story of the city, not only those that write "Saigon"', async () => {
    const engine = await open([
      ...corpus,
      doc('saigon', 'Saigon cafés move their tables indoors', 'Street seating ends at ten.', 'Owners in Saigon expect trade to fall.'),
      doc('said', 'Growers said the harvest was late', 'Rain came late.', 'They said prices would rise.'),
    ], { ...options, aliases: site.search.aliases });
    for (const query of ['saigo', 'saig', 'Saigo']) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result).sort(), query).toEqual(['saigon', 'shade']);
      expect(result.corrections, query).toEqual([]);
    }
    // Letters that are a word already are that word and its completions.
    expect(slugs(await engine.search({ query: 'said', limit: 10 }))).toEqual(['said']);
    // Too few letters to be sure of the name: "sai" is read as typed.
    expect(slugs(await engine.search({ query: 'sai', limit: 10 }))).not.toContain('shade');
  });

  it('reads a mistyped one-word alias as its group, although no story holds the name, and says so', async () => {
    const engine = await open();
    // The name is shown as the aliases table writes it: no story writes it.
    for (const [query, used, shown] of [['saigonn', 'saigon', 'Saigon'], ['siagon', 'saigon', 'Saigon'], ['hcmcc', 'hcmc', 'HCMC'], ['saigonn shade', 'saigon', 'Saigon']] as const) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result), query).toEqual(['shade']);
      expect(result.corrections, query).toEqual([{ typed: query.split(' ')[0], used, shown }]);
    }
  });

  it('reads a name of several words typed as one word, right or mistyped, as its group', async () => {
    const engine = await open(corpus, { ...options, aliases: site.search.aliases });
    // No story writes "HCM City" or "Lunar New Year": the joined name is no word of the index.
    for (const [query, slug] of [['hcmcity', 'shade'], ['HCMCity trees', 'shade'], ['lunarnewyear', 'flowers'], ['nationalassembly', 'session']] as const) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result), query).toEqual([slug]);
      expect(result.corrections, query).toEqual([]);
    }
    // Or some of its words joined: "hochiminh city" is Ho Chi Minh City, not "hochiminh" and any story with "city".
    for (const [query, slug] of [['hochiminh city', 'shade'], ['ho chiminh city', 'shade'], ['lunar newyear', 'flowers']] as const) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result), query).toEqual([slug]);
      expect(result.partialTotal, query).toBe(0);
    }
    const mistyped = await engine.search({ query: 'lunarnewyaer', limit: 10 });
    expect(slugs(mistyped)).toEqual(['flowers']);
    expect(mistyped.corrections).toEqual([{ typed: 'lunarnewyaer', used: 'lunar new year', shown: 'Lunar New Year' }]);
  });

  it('ranks a story naming the place in its headline above one naming it once in passing by a rarer name', async () => {
    const engine = await open([
      ...corpus,
      doc('rice', 'Rice exporters count the cost of a strong dong', 'Margins are thin this season.',
        'Traders in the Mekong Delta said prices fell for the third month. One exporter, who ships through Saigon, said buyers in Manila had cancelled orders.'),
      ...[1, 2, 3, 4].map((i) => doc(`teachers-${i}`, `Teachers meet for the ${i}th time`, 'A summary.', `Teachers from Hồ Chí Minh City and Hà Nội met on day ${i}.`)),
    ], { ...options, aliases: site.search.aliases });
    // Each name was as rare as it is: "Saigon", in one story, outweighed "Hồ Chí Minh City", in six.
    for (const query of ['ho chi minh city', 'Hồ Chí Minh City', 'hcmc', 'saigon', 'sai gon', 'hcm city']) {
      expect(slugs(await engine.search({ query, limit: 10 }))[0], query).toBe('shade');
    }
  });

  it('applies only the aliases the site configures', async () => {
    const engine = await open(corpus, { ...options, aliases: [] });
    expect(slugs(await engine.search({ query: 'saigon', limit: 10 }))).toEqual([]);
  });
});

const story = (text: string) => ({ title: '', summary: '', tags: [], text });

describe('names of several words in the aliases table', () => {
  it('are indexed as one term, their words joined, where the words stand in a row', () => {
    const runs = aliasRuns(aliases);
    const terms = storyTerms(story('Markets open for Lunar New Year. A new year.'), options.fieldWeights, undefined, runs);
    expect(terms.get('lunarnewyear')?.positions).toEqual(terms.get('lunar')!.positions);
    expect(terms.get('hochiminhcity')).toBeUndefined();
    // Not across punctuation, and not without the table.
    expect(storyTerms(story('The lunar calendar: new, year by year'), options.fieldWeights, undefined, runs).has('lunarnewyear')).toBe(false);
    expect(storyTerms(story('Markets open for Lunar New Year.'), options.fieldWeights).has('lunarnewyear')).toBe(false);
  });

  it('are found from their one term: no story record and no positions file is read', async () => {
    // Common words, so that their positions are shipped apart and a phrase of them would need the records or those files.
    const filler = Array.from({ length: 40 }, (_, i) => doc(`filler-${i}`, `A new plan for the year ${2000 + i}`, 'New rules this year.', 'The new year brings new budgets, year after year.'));
    const docs = [...filler, doc('market', 'Lunar New Year markets open early', 'Stalls sell kumquat trees.', 'Shoppers crowded the flower market.')];
    const { files } = buildSearchIndex(docs, { ...options, positionsApartBytes: 1 });
    const fetched: string[] = [];
    const engine = await SearchEngine.open(async (path) => {
      fetched.push(path);
      return JSON.parse(files.get(path) ?? 'null');
    });
    for (const query of ['tet', 'lunar new year', 'tết market']) {
      fetched.length = 0;
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result)[0], query).toBe('market');
      expect(result.total, query).toBe(1);
      // Two words' closeness may read positions; a name alone never does.
      if (!query.includes(' ') || query === 'lunar new year') expect(fetched.filter((p) => /^f\/[rq]/.test(p)), query).toEqual([]);
    }
    const marked = (await engine.search({ query: 'tet', limit: 1 })).hits[0]!.title.filter((s) => s.mark).map((s) => s.text);
    expect(marked).toEqual(['Lunar New Year']);
  });
});

describe('words written with a hyphen', () => {
  it('are also indexed joined, as readers type them, and marked as written', async () => {
    const docs = [
      ...corpus,
      doc('startup', 'A start-up lends to rice farmers', 'Loans by e-mail and phone.', 'The long-term plan is a bank.'),
      doc('start', 'Races start up the coast', 'Boats line up at dawn.', 'The start was delayed.'),
    ];
    const terms = storyTerms(story('A start-up and a start up'), options.fieldWeights);
    expect(terms.get('startup')?.positions).toEqual(terms.get('start')!.positions.slice(0, 1));
    const engine = await open(docs);
    // Typed with the hyphen, it is the one word too: not "start" and "up" anywhere.
    for (const [query, slug] of [['startup', 'startup'], ['longterm ', 'startup'], ['start-up', 'startup'], ['Long-Term ', 'startup']] as const) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result), query).toEqual([slug]);
    }
    const marked = (await engine.search({ query: 'startup', limit: 1 })).hits[0]!.title.filter((s) => s.mark).map((s) => s.text);
    expect(marked).toEqual(['start-up']);
    // Joined words the index lacks are read as their parts ("Hanoi-based").
    expect(slugs(await engine.search({ query: 'coast-races ', limit: 10 }))).toEqual(['start']);
  });
});

describe('a name the stories do not hold', () => {
  const without = [
    ...corpus.filter((d) => !/Hội An|Hồ Chí Minh/.test(`${d.title} ${d.text}`)),
    doc('gone', 'Rain gone by Sunday, forecasters said', 'An end to the wet week.', 'They said the rain had gone north, an hour at a time.'),
    doc('good', 'Good news for the government', 'Going well.', 'A good year, an official said.'),
  ];
  const opened = async () => {
    const { files } = buildSearchIndex(without, { ...options, aliases: site.search.aliases, shardBytes: 1 });
    const fetched: string[] = [];
    const engine = await SearchEngine.open(async (path) => {
      fetched.push(path);
      return JSON.parse(files.get(path) ?? 'null');
    });
    return { engine, fetched, files };
  };

  it('finds nothing, rather than every story with one of its syllables', async () => {
    const { engine } = await opened();
    for (const query of ['hoi an', 'Hội An', 'hoi an ']) {
      const result = await engine.search({ query, limit: 10 });
      expect(result.total + result.partialTotal, query).toBe(0);
    }
    // A syllable the stories do use, beside a word they use, still finds them.
    expect((await engine.search({ query: 'an official', limit: 10 })).total).toBe(1);
  });

  it('is not "corrected" into other words, and their postings are never fetched', async () => {
    const { engine, fetched, files } = await opened();
    for (const query of ['sai gon', 'Sài Gòn', 'sai go', 'hcm city']) {
      fetched.length = 0;
      const result = await engine.search({ query, limit: 10 });
      expect(result.total + result.partialTotal, query).toBe(0);
      expect(result.suggestion, query).toBeUndefined();
      const terms = fetched.filter((p) => p.startsWith('f/p')).flatMap((p) => (JSON.parse(files.get(p)!) as { terms: string[] }).terms);
      expect(terms.filter((t) => /^(go|said|gone)/.test(t)), query).toEqual([]);
    }
  });

  it('typed joined, is never read without its first letter', async () => {
    const stories = [
      ...without,
      doc('coast', 'Walkers along the coast road', 'A new path along the cliffs.', 'The trail runs along the sea for ten kilometres.'),
      doc('hadong', 'Silk weavers of Hà Đông', 'A village of looms.', 'Hà Đông silk is sold across the country.'),
    ];
    const engine = await open(stories);
    // No Hạ Long story: "halong" is not "along" (the coast road), though one letter off.
    const halong = await engine.search({ query: 'halong', limit: 10 });
    expect(slugs(halong)).not.toContain('coast');
    expect(halong.corrections.map((c) => c.used)).not.toContain('along');
    // A typo that keeps the first letter of such a name is still corrected, and an English word's first letter still may be.
    expect(slugs(await engine.search({ query: 'hadongg', limit: 10 }))).toEqual(['hadong']);
    expect(slugs(await engine.search({ query: 'walong', limit: 10 }))).toContain('coast');
    // With a Hạ Long story, "halong" finds it.
    const bay = doc('bay', 'Cruise boats return to Hạ Long Bay', 'The limestone bay reopens.', 'Boats sail from Hạ Long at dawn.');
    expect(slugs(await (await open([...stories, bay])).search({ query: 'halong', limit: 10 }))).toEqual(['bay']);
  });
});

describe('a place our readers name', () => {
  // No story is about Hạ Long, Đà Lạt or Phú Quốc, but their syllables and look-alikes are everywhere.
  const stories = [
    ...corpus,
    doc('wait', 'Hà Nội waits a long time for rain', 'A long dry spell.', 'Farmers near Hà Nội have waited long for the monsoon.'),
    doc('data', 'Data centres draw power in the south', 'New data rules.', 'Operators said the data would stay in the country.'),
    doc('quoc', 'Quốc wins the chess final', 'A champion from Phú Thọ.', 'He played the final in Nha Bè.'),
    doc('told', 'Growers say the rain came late', 'They told us of a dry spring.', 'Let us hope for a wetter year, one said.'),
  ];
  const places = (docs: SearchDocument[]) => open(docs, { ...options, aliases: site.search.aliases });
  const names = (r: SearchResult) => r.suggestions.map((e) => e.name);

  it('is read as that place where no story holds it: nothing found, nothing "corrected", no suggestion leading nowhere', async () => {
    const engine = await places(stories);
    // "ha lon" is Hạ Long still being typed, not a typo to correct.
    for (const query of ['ha long', 'halong', 'Hạ Long', 'ha long bay', 'halong bay', 'ha lon', 'dalat', 'da lat', 'phu quoc', 'phu quoc island', 'nha trang', 'sapa']) {
      const result = await engine.search({ query, limit: 10 });
      expect(result.total + result.partialTotal, query).toBe(0);
      expect(result.suggestion, query).toBeUndefined();
      expect(result.corrections, query).toEqual([]);
      expect(names(result).filter((n) => /Long|Lạt|Quốc|Trang|Pa$/.test(n)), query).toEqual([]);
    }
    // The whole query read as one place: the page can name it ("No stories about Hạ Long").
    const readAs = async (query: string) => (await engine.search({ query, limit: 10 })).readAs;
    for (const query of ['ha long', 'halong', 'Hạ Long']) expect(await readAs(query), query).toBe('Hạ Long');
    expect(await readAs('dalat')).toBe('Đà Lạt');
    // A kind of place after its name is part of it: the reader asked about Hạ Long.
    for (const [query, place] of [['ha long bay', 'Hạ Long'], ['halong bay', 'Hạ Long'], ['phu quoc island', 'Phú Quốc'], ['phu quoc islnd', 'Phú Quốc']] as const) expect(await readAs(query), query).toBe(place);
    expect(await readAs('ha long coffee')).toBeUndefined();
    expect(await readAs('xyzzy')).toBeUndefined();
    expect(await readAs('hcmc')).toBeUndefined();
  });

  it('reads syllables typed apart with a typo in the first as the name the stories write joined', async () => {
    const engine = await places([
      ...stories,
      doc('daklak', 'Coffee growers in Đắk Lắk wait for rain', 'Wells ran dry.', 'Farmers across Đắk Lắk watered at night.'),
      doc('bentre', 'Bến Tre stores rain water in tanks', 'Every house keeps a tank.', 'Salt came early to Bến Tre this year.'),
      doc('tree', 'A tree falls on a tram line', 'Trams stopped for an hour.', 'The old tree stood by the depot.'),
    ]);
    for (const [query, slug, name] of [['dka lak', 'daklak', 'daklak'], ['bne tre', 'bentre', 'bentre'], ['bne tre ', 'bentre', 'bentre']] as const) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result)[0], query).toBe(slug);
      expect(result.total, query).toBe(1);
      expect(result.corrections.map((c) => c.used), query).toEqual([name]);
    }
    // Words of English keep their meaning: "old tree" is not a name.
    expect(slugs(await engine.search({ query: 'old tree', limit: 10 }))[0]).toBe('tree');
  });

  it('shows a name it read a typo as the way the stories write it, and an English word as the reader would type it', async () => {
    const engine = await places([
      ...stories,
      doc('daklak', 'Coffee growers in Đắk Lắk wait for rain', 'Wells ran dry.', 'Farmers across Đắk Lắk watered at night.'),
      doc('delta', 'Rice farmers in the Mekong Delta switch to shrimp', 'Salt water reached the fields.', 'Growers across the Mekong Delta said the season was short.'),
    ]);
    const daklak = await engine.search({ query: 'dka lak', limit: 10 });
    expect(daklak.corrections).toEqual([{ typed: 'dka', used: 'daklak', shown: 'Đắk Lắk' }]);
    // Capitals alone are no reason to show another spelling: "delta", not "Delta".
    expect((await engine.search({ query: 'mekong delat', limit: 10 })).corrections).toEqual([{ typed: 'delat', used: 'delta' }]);
  });

  it('finds the words a term stands for only where they are written together', () => {
    expect(writtenAs('hoian', ['Lanterns light up Hội An tonight'])).toBe('Hội An');
    expect(writtenAs('ha noi', ['Hà Nội heat', 'Ha Noi'])).toBe('Hà Nội');
    expect(writtenAs('dongnai', ['The Đồng-Nai bridge'])).toBe('Đồng-Nai');
    expect(writtenAs('hoian', ['Visitors from Hội, An Giang and more'])).toBeUndefined();
    expect(writtenAs('hoian', ['Hội Anh'])).toBeUndefined();
    expect(writtenAs('hoian', [])).toBeUndefined();
  });

  it('reads a mistyped word as a place only where the other words are held with that place', async () => {
    const engine = await places([
      ...stories,
      doc('delta', 'Rice farmers in the Mekong Delta switch to shrimp', 'Salt water reached the fields.', 'Growers across the Mekong Delta said the season was short.'),
    ]);
    // "delat" is a letter off Đà Lạt ("dalat") and off "delta": with "mekong", no story holds Đà Lạt.
    const result = await engine.search({ query: 'mekong delat', limit: 10 });
    expect(slugs(result)[0]).toBe('delta');
    expect(result.total).toBeGreaterThan(0);
    expect(result.corrections).toEqual([{ typed: 'delat', used: 'delta' }]);
    // Alone, it is still the place.
    expect((await engine.search({ query: 'delat', limit: 10 })).readAs).toBe('Đà Lạt');
  });

  it('finds the place first, however the story and the reader write it, and offers it', async () => {
    const engine = await places([
      ...stories,
      doc('bay', 'Cruise boats return to Ha Long Bay', 'The limestone bay reopens.', 'Boats sail at dawn.'),
      doc('halong', 'Halong hotels fill for the holiday', 'Rooms are scarce.', 'Prices rose by a third.'),
      doc('accents', 'Hạ Long fishermen move ashore', 'A floating village empties.', 'The families now live on land.'),
    ]);
    for (const query of ['ha long', 'halong', 'Hạ Long', 'ha lo']) {
      const result = await engine.search({ query, limit: 10 });
      expect(slugs(result).sort(), query).toEqual(['accents', 'bay', 'halong']);
      expect(names(result), query).toContain('Hạ Long');
    }
    expect(slugs(await engine.search({ query: 'ha long bay', limit: 10 }))[0]).toBe('bay');
  });

  it('is found from initials written with dots, and from "TP" before a city', async () => {
    const engine = await places(stories);
    for (const query of ['H.C.M.C', 'h.c.m.c.', 'T.P. HCM', 'H.C.M. City']) {
      expect(slugs(await engine.search({ query, limit: 10 })), query).toEqual(['shade']);
    }
    // Initials no story holds are no word: their letters are none either.
    const un = await engine.search({ query: 'U.N.', limit: 10 });
    expect(un.total + un.partialTotal).toBe(0);
    for (const query of ['tp da nang', 'TP. Đà Nẵng']) {
      const result = await engine.search({ query, limit: 10 });
      expect([result.total, slugs(result)], query).toEqual([1, ['danang']]);
    }
  });
});

describe('initials written with dots', () => {
  it('finds "U.S." and "U.K." in a story however the reader writes them, and marks them', async () => {
    const engine = await open([
      ...corpus,
      doc('tariffs', 'U.S. tariffs weigh on Vietnamese furniture makers', 'Binh Duong factories look to the U.K. and Japan.', 'Orders from the U.S. fell by a fifth in the third quarter.'),
      doc('pronoun', 'Readers tell us what they want from the news', 'A survey of readers.', 'They told us they read on phones.'),
    ]);
    for (const query of ['U.S. tariffs', 'us tariffs', 'US tariffs', 'u.s tariffs']) {
      const result = await engine.search({ query, limit: 10 });
      expect([result.total, slugs(result)[0]], query).toEqual([1, 'tariffs']);
    }
    for (const query of ['uk furniture', 'U.K. furniture']) expect(slugs(await engine.search({ query, limit: 10 }))[0], query).toBe('tariffs');
    // The headline marks the initials as the word they are.
    const [hit] = (await engine.search({ query: 'us tariffs', limit: 1 })).hits;
    expect(hit!.title.filter((s) => s.mark).map((s) => s.text)).toEqual(['U.S', 'tariffs']);
  });

  it('ranks stories holding a short word typed, "uk" or "us", above rarer words it begins', async () => {
    const many = (word: string, n: number) => Array.from({ length: n }, (_, i) => doc(`${word}-${i}`, `${word} report number ${i}`, `More on the ${word}.`, `The ${word} story, part ${i}.`));
    const engine = await open([
      ...corpus,
      ...many('UK', 12),
      doc('ukip', 'UKIP names a new leader', 'The party meets.', 'UKIP members voted.'),
      doc('ukraine', 'Ukraine buys Vietnamese rice', 'A new deal.', 'Ukraine signed for rice.'),
      ...many('US', 12),
      doc('users', 'Users of e-wallets double', 'Phones pay.', 'Users pay by phone.'),
    ]);
    for (const [query, word] of [['uk', 'UK-'], ['UK', 'UK-'], ['us', 'US-']] as const) {
      const result = await engine.search({ query, limit: 12 });
      expect(slugs(result).every((slug) => slug?.startsWith(word) === true), `${query}: ${slugs(result).join(' ')}`).toBe(true);
    }
    // Still the words it begins, after them, while it is being typed.
    expect(slugs(await engine.search({ query: 'uk', limit: 20 }))).toEqual(expect.arrayContaining(['ukip', 'ukraine']));
    expect(slugs(await engine.search({ query: 'ukr', limit: 5 }))[0]).toBe('ukraine');
  });
});

describe('every word first', () => {
  it('counts only the stories holding every word, and lists those holding some after them, flagged', async () => {
    const engine = await open();
    const result = await engine.search({ query: 'hoi an lanterns', limit: 10 });
    expect(result.total).toBe(1);
    expect(slugs(result)[0]).toBe('lanterns');
    expect(result.hits[0]!.partial).toBe(false);
    expect(result.partialTotal).toBe(result.hits.length - 1);
    expect(result.hits.slice(1).every((h) => h.partial)).toBe(true);
  });

  it('drops a typo correction that finds no story holding every word, and lists the other words\' stories as typed', async () => {
    const engine = await open();
    const kept = await engine.search({ query: 'hoi an lanters', limit: 10 });
    expect(kept.corrections.map((c) => c.typed)).toEqual(['lanters']);
    expect(slugs(kept)[0]).toBe('lanterns');
    // No story about Hồ Chí Minh City has lanterns: the Saigon story, without "lanterns" stories in between.
    // A word that matches nothing at all does not count against the correction.
    const unknown = await engine.search({ query: 'hoi an lanters qwxz', limit: 10 });
    expect(unknown.corrections.map((c) => c.typed)).toEqual(['lanters']);
    expect(slugs(unknown)[0]).toBe('lanterns');
    const dropped = await engine.search({ query: 'saigon lanters', limit: 10 });
    expect(dropped.corrections).toEqual([]);
    expect(dropped.total).toBe(0);
    expect(slugs(dropped)).toEqual(['shade']);
  });

  it('offers "Did you mean" only when the suggested words find stories holding them all', async () => {
    const engine = await open();
    expect((await engine.search({ query: 'lanterms', limit: 10 })).total).toBeGreaterThan(0);
    const none = await engine.search({ query: 'ligthouse keepers', limit: 10 });
    expect(none.total).toBe(0);
    expect(none.suggestion).toBeUndefined();
    const typo = await engine.search({ query: 'lantren qqqqzzzz ', limit: 10 });
    expect(typo.suggestion).toBeUndefined();
  });

  it('ranks the stories of a word most stories use above one rarer word the letters typed so far begin', async () => {
    const engine = await open([
      ...corpus,
      doc('dancers', 'Dancers rehearse for the autumn show', 'A troupe of twelve.', 'They practise every night.'),
      doc('airport', 'Airport adds routes to Japan', 'Flights from Đà Nẵng to Osaka.', 'Tickets sold out in Đà Nẵng within a day.'),
      doc('marathon', 'Runners take the coast road', 'The Đà Nẵng marathon drew ten thousand.', 'The race started at dawn.'),
    ]);
    // "dan" on its way to "danang" (three stories) put "dancers" (one) first: the rarer word counted for more.
    expect(slugs(await engine.search({ query: 'dan', limit: 10 }))[0]).toBe('danang');
  });

  it('ranks an exact word above a longer word it begins while the word is being typed', async () => {
    const engine = await open();
    const result = await engine.search({ query: 'lantern', limit: 10 });
    expect(slugs(result)[0]).toBe('lantern-maker');
    expect(slugs(result)).toContain('lanterns');
    expect(slugs(await engine.search({ query: 'buckwh', limit: 10 }))).toEqual(['apart']);
  });
});

describe('a word English knows that no story holds', () => {
  // Stories with "metre" and Saigon, none with a metro.
  const metres = [
    ...corpus,
    doc('gates', 'Sluice gates rise a metre higher', 'The Mekong Delta keeps salt water out.', 'Each gate is a metre taller than the last.'),
    doc('towers', 'Saigon towers race past two hundred metres', 'Builders in the south go higher.', 'The new tower stands by the river.'),
  ];

  it('is meant as typed: never corrected into another word, nor offered as one', async () => {
    const engine = await open(metres, withWords);
    const metro = await engine.search({ query: 'metro ', limit: 10 });
    expect(metro).toMatchObject({ total: 0, partialTotal: 0, corrections: [] });
    expect(metro.suggestion).toBeUndefined();
    const saigon = await engine.search({ query: 'saigon metro ', limit: 10 });
    expect(saigon.corrections).toEqual([]);
    expect(saigon.suggestion).toBeUndefined();
    expect(slugs(saigon).sort()).toEqual(['shade', 'towers']);
    // Without the word list, the same index reads "metro" as "metre".
    const unaware = await open(metres);
    expect((await unaware.search({ query: 'metro ', limit: 10 })).corrections).toEqual([{ typed: 'metro', used: 'metre' }]);
    expect((await unaware.search({ query: 'saigon metro ', limit: 10 })).suggestion).toBe('saigon metre');
  });

  it('is read as its own forms: a plural, or a British spelling for an American one', async () => {
    const engine = await open(metres, withWords);
    // The plural is the word itself, in another form: found, and no correction is announced.
    const route = await engine.search({ query: 'route ', limit: 10 });
    expect(route.corrections).toEqual([]);
    expect(slugs(route)).toEqual(['danang']);
    expect(slugs(await engine.search({ query: 'cooling center ', limit: 10 }))[0]).toBe('cooling');
    expect((await engine.search({ query: 'meter ', limit: 10 })).corrections).toEqual([{ typed: 'meter', used: 'metre' }]);
  });

  it('still lets a misspelling that is no word be corrected, and a word being typed be completed', async () => {
    const engine = await open(metres, withWords);
    const typo = await engine.search({ query: 'sluise gates ', limit: 10 });
    expect(typo.corrections).toEqual([{ typed: 'sluise', used: 'sluice' }]);
    expect(slugs(typo)[0]).toBe('gates');
    expect(slugs(await engine.search({ query: 'metr', limit: 10 }))).toContain('gates');
  });

  it('is shipped front-coded, which decodes to the very list', () => {
    const words = knownWords(4);
    expect(words.length).toBeGreaterThan(40_000);
    expect(frontDecode(frontCode(words))).toEqual(words);
    const long = ['internationalisation', 'internationalise', 'internationalised'].sort();
    // At most nine shared letters, so one digit says how many.
    expect(frontCode(long)).toBe('0internationalisation9onalise9onalised');
    expect(frontDecode(frontCode(long))).toEqual(long);
  });

  it('is looked up only for a word the stories lack, so a query they answer fetches no word list', async () => {
    const { files } = buildSearchIndex(metres, withWords);
    const fetched: string[] = [];
    const engine = await SearchEngine.open(async (path) => {
      fetched.push(path);
      return JSON.parse(files.get(path) ?? 'null');
    });
    const known = [...files.keys()].filter((path) => /\/k[^/]*$/.test(path));
    expect(known.length).toBeGreaterThan(1);
    await engine.search({ query: 'saigon metre lanterns ', limit: 10 });
    expect(fetched.filter((path) => known.includes(path))).toEqual([]);
    await engine.search({ query: 'metro ', limit: 10 });
    expect(fetched.filter((path) => known.includes(path))).toHaveLength(1);
  });
});

describe('a query of only common words', () => {
  it('finds nothing and says which word is too common, unlike a query with a word to search for', async () => {
    const engine = await open();
    expect(await engine.search({ query: 'the of and ', limit: 10 })).toMatchObject({ total: 0, partialTotal: 0, tooCommon: 'the' });
    const lanterns = await engine.search({ query: 'the lanterns ', limit: 10 });
    expect(lanterns.total).toBeGreaterThan(0);
    expect(lanterns.tooCommon).toBeUndefined();
    expect((await engine.search({ query: 'xqzv ', limit: 10 })).tooCommon).toBeUndefined();
  });
});

describe('a question, or a place named with its kind', () => {
  // Stories about Hà Nội and Cần Thơ, and one elsewhere that names them in passing among the words a reader's question is made of.
  const stories = [
    doc('air', 'Hà Nội air turns hazardous', 'Schools keep pupils indoors.', 'Readings passed 200 in three districts.', { dateline: 'Hà Nội' }),
    doc('streets', 'Hà Nội closes streets to cars at weekends', 'Walking streets grow.', 'Vendors welcomed the change.', { dateline: 'Hà Nội' }),
    doc('market', 'Cần Thơ market opens before dawn', 'Boats trade fruit on the river.', 'Sellers arrive by three.', { dateline: 'Cần Thơ' }),
    doc('tet', 'Tết flower stalls fill the riverbank', 'Kumquat trees sell fast.', 'Growers came from the delta.'),
    doc('press', 'Newsrooms weigh a child privacy rule', 'What happened to the latest news photos? Tell me, one editor asked.',
      'Editors in Hà Nội, a city of eight million, and in Cần Thơ city said news reporting is happening under any new rule, province by province.'),
  ];
  const engine = () => open(stories, { ...withWords, aliases: site.search.aliases });

  it('finds the stories about the place a whole question asks about, not those holding its question words', async () => {
    const search = await engine();
    for (const query of ['what happened in hanoi', 'whats happening in hanoi?', 'latest hanoi news', 'tell me about hanoi', 'any news from ha noi', 'how is hanoi']) {
      const result = await search.search({ query, limit: 10 });
      expect(slugs(result).slice(0, 2).sort(), query).toEqual(['air', 'streets']);
      expect(result.total, query).toBe(3);
    }
    // "to" and "do" are kept for names (Tô Lâm, Đỗ); joining none, they say nothing of what a question is about.
    for (const query of ['what to do in hanoi', 'things to do in hanoi']) {
      const result = await search.search({ query, limit: 10 });
      expect(slugs(result).slice(0, 2).sort(), query).toEqual(['air', 'streets']);
    }
    expect((await search.search({ query: 'what to do in hanoi', limit: 10 })).total).toBe(3);
    // Asked alone, or quoted, such a word is searched for as usual.
    expect(slugs(await search.search({ query: 'news ', limit: 10 }))).toEqual(['press']);
    expect(slugs(await search.search({ query: 'latest news', limit: 10 }))).toEqual(['press']);
    expect(slugs(await search.search({ query: 'hanoi "news"', limit: 10 }))).toEqual(['press']);
  });

  it('reads a misspelt question word as the question word, not as another word to find', async () => {
    const search = await engine();
    for (const query of ['what happend in hanoi', 'lastest hanoi news', 'whats hapening in hanoi']) {
      const result = await search.search({ query, limit: 10 });
      expect(slugs(result).slice(0, 2).sort(), query).toEqual(['air', 'streets']);
      expect(result.suggestion, query).toBeUndefined();
    }
    // Alone it is corrected as any word is.
    expect(slugs(await search.search({ query: 'happend ', limit: 10 }))).toEqual(['press']);
  });

  it('reads "city" or "province" after a place as part of its name', async () => {
    const search = await engine();
    for (const [query, place] of [['hanoi city', ['air', 'streets']], ['ha noi city ', ['air', 'streets']], ['can tho city', ['market']], ['cantho province', ['market']],
      // Mistyped: read as the word the stories hold ("ctiy" as "city"), or near the kind where they hold nothing near ("cty").
      ['hanoi ctiy', ['air', 'streets']], ['hanoi cty', ['air', 'streets']], ['can tho provnce', ['market']]] as const) {
      const result = await search.search({ query, limit: 10 });
      expect(slugs(result).slice(0, place.length).sort(), query).toEqual(place);
      expect(result.partialTotal, query).toBe(0);
    }
    // Elsewhere it is a word like any other.
    expect(slugs(await search.search({ query: 'city ', limit: 10 }))).toEqual(['press']);
    expect(slugs(await search.search({ query: 'editors city', limit: 10 }))).toEqual(['press']);
  });

  it('offers the place asked about, as the name alone would be', async () => {
    const search = await engine();
    const names = async (query: string) => (await search.search({ query, limit: 10 })).suggestions.map((e) => e.name);
    expect(await names('hanoi')).toContain('Hà Nội');
    for (const query of ['what happened in hanoi', 'latest hanoi news', 'hanoi city', 'tell me about ha noi city']) expect(await names(query), query).toContain('Hà Nội');
    for (const query of ['what is tet', 'when is tet?']) expect(await names(query), query).toContain('Tết');
    expect(await names('what happened to the editors')).toEqual([]);
  });
});

describe('a year in the query', () => {
  const years = [
    ...corpus,
    doc('old-heat', 'Hà Nội records its hottest May', 'Power use peaked.', 'The city opened shelters.', { date: new Date(Date.UTC(2023, 4, 20)), dateText: '20 May 2023' }),
    doc('named', 'Rain plans for next year', 'The budget for 2023 is spent.', 'Hà Nội will dredge its lakes.'),
  ];

  it('finds the stories of that year, dated or naming it, the place first', async () => {
    const search = await open(years);
    const result = await search.search({ query: 'hanoi 2023', limit: 10 });
    // Dated 2023 (the year weighs as a tag) before a story that only names the year in its summary.
    expect(slugs(result).slice(0, 2)).toEqual(['old-heat', 'named']);
    expect(result.total).toBe(2);
    // Stories of Hà Nội from other years are not in the count: they hold only some of the words.
    expect(slugs(result).slice(2)).toContain('cooling');
    expect((await search.search({ query: '2023', limit: 10 })).total).toBe(2);
  });

  it('is read from the date as the site prints it, by builder and record alike', () => {
    const terms = storyTerms({ title: 'A', summary: '', tags: [], dateText: '1 Jan 2024', text: 'b' }, { title: 3, summary: 2, tags: 2 });
    expect(terms.get('2024')).toMatchObject({ weight: 2 });
    expect(storyTerms({ title: 'A', summary: '', tags: [], text: 'b' }, { title: 3, summary: 2, tags: 2 }).has('2024')).toBe(false);
  });
});

describe("a word's other forms", () => {
  // Stories that inflect their words as news copy does; none says "floods", "police" is not "policy".
  const inflected = [
    ...corpus,
    doc('flooding', 'Flooding closes the coast road', 'Water rose overnight in Quảng Nam.', 'Crews cleared the road by noon.'),
    doc('flooded', 'Rice fields flooded after three days of rain', 'Farmers moved their buffalo uphill.', 'The dyke held.'),
    doc('police', 'Traffic police check helmets at dawn', 'Officers stopped riders on the ring road.', 'Most riders wore one.'),
    doc('policy', 'A new housing policy for young families', 'Loans at lower rates from January.', 'Banks will take applications.'),
    doc('irrigation', 'Irrigation canals reach the highlands', 'Coffee growers get water in the dry season.', 'The canals run for forty kilometres.'),
  ];

  it('find the stories that write the word otherwise: a reader’s floods finds flooding and flooded', async () => {
    const engine = await open(inflected, withWords);
    const floods = await engine.search({ query: 'floods ', limit: 10 });
    expect(slugs(floods).sort()).toEqual(['english', 'flooded', 'flooding']);
    // The same word in another form: nothing to announce.
    expect(floods.corrections).toEqual([]);
    expect(slugs(await engine.search({ query: 'flood road ', limit: 10 }))[0]).toBe('flooding');
  });

  it('count one and many as one word: the story with "beaches" in its headline answers "beach" as it answers "beaches"', async () => {
    const beaches = [
      ...corpus,
      doc('lifeguards', 'Lifeguards watch the beaches of Đà Nẵng', 'More guards are on duty this summer.', 'Each beach has a tower and a flag.'),
      doc('marathon', 'Runners take the coast road', 'The race ran along the beach road.', 'The beach road was closed at dawn, and the beach park held the start.'),
    ];
    const engine = await open(beaches, withWords);
    for (const query of ['beach', 'beach ', 'beaches', 'beaches ', 'da nang beach']) {
      const found = slugs(await engine.search({ query, limit: 10 }));
      expect(found.indexOf('lifeguards'), `${query}: ${found.join(' ')}`).toBeLessThan(found.indexOf('marathon'));
    }
    // "news" is no plural of "new": a word of its own stem stays apart.
    expect(slugs(await engine.search({ query: 'news ', limit: 10 }))).not.toContain('marathon');
  });

  it('rank the form as typed first, and leave words of another stem apart', async () => {
    const engine = await open(inflected, withWords);
    expect(slugs(await engine.search({ query: 'flooded ', limit: 10 }))[0]).toBe('flooded');
    expect(slugs(await engine.search({ query: 'police ', limit: 10 }))).toEqual(['police']);
    expect(slugs(await engine.search({ query: 'policies ', limit: 10 }))).toEqual(['policy']);
    // A stub that is no word is no form of one.
    expect(slugs(await engine.search({ query: 'irrig ', limit: 10 }))).toEqual([]);
  });
});

describe('snippets', () => {
  const match = (term: string) => (term === 'hanoi' ? 0 : -1);

  it('never runs one paragraph into the next, and prefers prose to table cells', () => {
    const text = 'The city closed schools by 2030.\nStation\nMaximum\nLáng (Hà Nội)\n40.6\nHà Đông\n40.1\nIn Hà Nội the heat lasted for days and the city asked builders to stop work at noon.';
    const cut = snippet(text, match, 12).segments.map((s) => s.text).join('');
    expect(cut).toMatch(/^In Hà Nội the heat/);
    expect(cut).not.toContain('40.6');
    expect(cut).not.toContain('2030');
  });

  it('keeps a table cell on its own when only a cell matches', () => {
    const cut = snippet('Readings were high.\nLáng (Hà Nội)\n40.6', match, 12).segments.map((s) => s.text).join('');
    expect(cut).toBe('Láng (Hà Nội)');
  });
});

describe('suggestions', () => {
  const index = new EntityIndex(buildEntities(options.entities!, aliases));

  it('offers places, tags, sections and aliases with typos, missing accents and spaces forgiven', () => {
    expect(index.suggest('hanoi').map((e) => e.name)).toContain('Hà Nội');
    expect(index.suggest('danag')[0]).toEqual({ name: 'Đà Nẵng', kind: 'place' });
    expect(index.suggest('natonal asembly')[0]).toEqual({ name: 'National Assembly', kind: 'tag', url: '/tag/national-assembly/' });
    expect(index.suggest('politics')[0]).toEqual({ name: 'Politics', kind: 'section', url: '/section/politics/' });
    expect(index.suggest('saigon')[0]).toEqual({ name: 'Saigon', kind: 'alias' });
    expect(index.suggest('nguyen thi lan')[0]).toEqual({ name: 'Nguyễn Thị Lan', kind: 'person' });
  });

  it('sends an alias to the page of its group\'s name, and searches for it where none has one', () => {
    const withTopic = new EntityIndex(buildEntities({ ...options.entities!, tags: [{ name: 'Hồ Chí Minh City', url: '/tag/ho-chi-minh-city/' }] }, aliases));
    for (const query of ['saigon', 'hcmc']) expect(withTopic.suggest(query)[0], query).toMatchObject({ kind: 'tag', url: '/tag/ho-chi-minh-city/' });
    expect(withTopic.suggest('saigon')[0]).toEqual({ name: 'Saigon', kind: 'tag', url: '/tag/ho-chi-minh-city/', leadsTo: 'Hồ Chí Minh City' });
    expect(index.suggest('quoc hoi')[0]).toEqual({ name: 'Quốc hội', kind: 'tag', url: '/tag/national-assembly/', leadsTo: 'National Assembly' });
    expect(index.suggest('lunar new year')[0]).toEqual({ name: 'Lunar New Year', kind: 'alias' });
  });

  it('matches a name from the start of one of its words, never from inside a word', () => {
    const crowded = new EntityIndex(buildEntities({
      ...options.entities!,
      sections: [{ name: 'Science & Technology', url: '/section/science/' }, { name: 'Culture', url: '/section/culture/' }],
      tags: [{ name: 'Agriculture', url: '/tag/agriculture/' }, { name: 'Mekong Delta', url: '/tag/mekong-delta/' }, { name: 'Water', url: '/tag/water/' }],
      sources: [{ name: 'Dispatch', url: '/source/dispatch/' }],
      people: ['Lê Hoàng Phúc', 'Đỗ Quang Minh'],
    }, aliases));
    const names = (query: string) => crowded.suggest(query).map((e) => e.name);
    // "hno" of "technology", "spa" of "dispatch", "culture" of "agriculture".
    expect(names('hnoi')).toEqual(['Hà Nội']);
    expect(names('sapa')).toEqual([]);
    expect(names('culture')).toEqual(['Culture']);
    expect(names('weather')).toEqual([]);
    // A later word of a name.
    expect(names('delta')).toEqual(['Mekong Delta']);
    expect(names('technology')).toEqual(['Science & Technology']);
    expect(names('minh').sort()).toEqual(['Hồ Chí Minh City', 'Đỗ Quang Minh'].sort());
    // A name typed as it is leaves out the names it only resembles.
    expect(names('hoi an')).toEqual(['Hội An']);
    expect(names('hanoi')).toEqual(['Hà Nội']);
  });

  it('offers a name for a query of several words only where each word is in it', () => {
    const withAgency = new EntityIndex(buildEntities({ ...options.entities!, sources: [{ name: 'Vietnam News Agency', url: '/source/vietnam-news-agency/' }] }, aliases));
    const names = (query: string) => withAgency.suggest(query).map((e) => e.name);
    // "newshue" is two letters off the agency's "newsage": Huế was meant.
    expect(names('news hue')).toEqual([]);
    expect(names('vietnam news')).toEqual(['Vietnam News Agency']);
    expect(names('vietnam nws agency')).toEqual(['Vietnam News Agency']);
    // Words typed apart or together, and a typo in a word.
    expect(names('sai gon')).toContain('Saigon');
    expect(names('ho chiminh city')).toContain('Hồ Chí Minh City');
    expect(names('natonal asembly')).toEqual(['National Assembly']);
  });

  it('offers at most five, and nothing for one letter or a long sentence', () => {
    expect(index.suggest('a').length).toBe(0);
    expect(index.suggest('n', 5).length).toBe(0);
    expect(index.suggest('an').length).toBeLessThanOrEqual(5);
    expect(index.suggest('the council met on tuesday to discuss the budget')).toEqual([]);
  });

  it('come with the results of a search', async () => {
    const engine = await open();
    const result = await engine.search({ query: 'hoian', limit: 5 });
    expect(result.suggestions.map((e) => e.name)).toContain('Hội An');
  });
});

describe('input that is not a search', () => {
  it('answers calmly to a thousand characters, punctuation, emoji, right-to-left text and markup', async () => {
    const engine = await open();
    const long = await engine.search({ query: 'lanterns '.repeat(120).slice(0, 1000), limit: 10 });
    expect(slugs(long)).toContain('lanterns');
    for (const query of ['?!…—()', '🏮🎆🙂', 'مرحبا بالعالم', '<img src=x onerror=alert(1)>', '\u202e\u202d']) {
      const result = await engine.search({ query, limit: 10 });
      expect(result.query).toBe(query);
      expect(result.total + result.partialTotal, query).toBeGreaterThanOrEqual(0);
    }
    expect((await engine.search({ query: '🏮🎆🙂', limit: 10 })).total).toBe(0);
  });
});
