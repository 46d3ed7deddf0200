/**
 * The reader-query benchmark: searches our readers type on the sample
 * newsroom (content/articles), each with the stories it should find, in
 * classes. Queries are written as a reader would type them, never copied
 * from a story. Stories "about a place" are those datelined or tagged with it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type ReaderClass = 'place, joined' | 'alias' | 'topic' | 'typo' | 'prefix' | 'Vietnamese' | 'absent place' | 'English word' | 'missed space' | 'word form' | 'question';
export const READER_CLASSES: readonly ReaderClass[] = ['place, joined', 'alias', 'topic', 'typo', 'prefix', 'Vietnamese', 'absent place', 'English word', 'missed space', 'word form', 'question'];

export interface ReaderQuery {
  query: string;
  kind: ReaderClass;
  /** Article ids (folder or file names) that answer the query; none for a place no story is about, where the answer is an empty list. */
  relevant: string[];
}

interface StoryFacts {
  id: string;
  dateline?: string;
  tags: string[];
}

/** Ids, datelines and tags of the sample stories, from their frontmatter. */
export function readStoryFacts(articlesDir: string): StoryFacts[] {
  return readdirSync(articlesDir).sort().flatMap((name) => {
    const file = existsSync(join(articlesDir, name, 'index.md')) ? join(articlesDir, name, 'index.md') : join(articlesDir, name);
    if (!file.endsWith('.md')) return [];
    const fm = parse(readFileSync(file, 'utf8').split(/^---$/m)[1] ?? '') as { dateline?: string; tags?: string[] };
    return [{ id: name.replace(/\.md$/, ''), dateline: fm.dateline, tags: fm.tags ?? [] }];
  });
}

/** Every reader query with its relevant stories. */
export function readerQueries(stories: readonly StoryFacts[]): ReaderQuery[] {
  const about = (...places: string[]) => stories.filter((s) => places.some((p) => s.dateline === p || s.tags.includes(p))).map((s) => s.id);
  const tagged = (tag: string) => stories.filter((s) => s.tags.includes(tag)).map((s) => s.id);
  const hanoi = about('Hà Nội'), danang = about('Đà Nẵng'), hcmc = about('Hồ Chí Minh City'), cantho = about('Cần Thơ');
  const dakLak = about('Đắk Lắk', 'Buôn Ma Thuột'), benTre = about('Bến Tre'), assembly = tagged('National Assembly');
  const socTrang = ['ngo-boat-races-soc-trang', 'shrimp-rice-rotation-soc-trang'];
  const salinity = tagged('Salinity'), mekong = tagged('Mekong Delta'), hue = about('Huế');
  const q = (kind: ReaderClass, query: string, relevant: string[]): ReaderQuery => ({ query, kind, relevant });
  return [
    q('place, joined', 'hanoi', hanoi),
    q('place, joined', 'danang', danang),
    q('place, joined', 'cantho', cantho),
    q('place, joined', 'hoian', ['hoi-an-mid-autumn-lanterns']),
    q('place, joined', 'hoian lanterns', ['hoi-an-mid-autumn-lanterns']),
    q('place, joined', 'daklak', dakLak),
    q('place, joined', 'daklak coffee', dakLak),
    q('place, joined', 'bentre', benTre),
    q('place, joined', 'soctrang', socTrang),
    q('place, joined', 'sadec', ['sa-dec-flower-village-tet']),
    q('place, joined', 'vinhlong', ['vinh-long-sluice-gates']),
    q('place, joined', 'hanoi air', ['hanoi-winter-air-quality']),
    q('place, joined', 'danang airport', ['da-nang-airport-new-routes', 'da-nang-light-rail-study']),
    q('place, joined', 'danang marathon', ['da-nang-marathon-coast-road']),
    q('place, joined', 'hanoi old quarter', ['hanoi-old-quarter-walking-streets']),
    q('place, joined', 'hue citadel', ['hue-citadel-night-tours']),
    q('place, joined', 'sontra', ['son-tra-peninsula-visitor-limits']),
    q('place, joined', 'cantho floating market', ['can-tho-floating-market-mornings']),
    q('place, joined', 'hochiminh city', hcmc),
    q('place, joined', 'hanoi heatwave', ['hanoi-heatwave-june']),
    // A place with what it is after it, as readers write it: the kind is part of the name.
    q('place, joined', 'hanoi city', hanoi),
    q('place, joined', 'can tho city', cantho),
    q('place, joined', 'ben tre province', benTre),

    q('alias', 'saigon', hcmc),
    q('alias', 'hcmc', hcmc),
    q('alias', 'sai gon', hcmc),
    q('alias', 'Sài Gòn', hcmc),
    q('alias', 'hcm city', hcmc),
    q('alias', 'tp hcm', hcmc),
    q('alias', 'sg', hcmc),
    q('alias', 'hn', hanoi),
    q('alias', 'hn smog', ['hanoi-winter-air-quality']),
    q('alias', 'hcmc heat', ['hcmc-outdoor-workers-heat', 'hcmc-shade-trees']),
    q('alias', 'saigon startups', ['hcmc-startup-funding-half-year']),
    q('alias', 'saigon shade trees', ['hcmc-shade-trees']),
    q('alias', 'national assembly', assembly),
    q('alias', 'quoc hoi', assembly),
    q('alias', 'NA housing', ['na-social-housing-rules']),
    q('alias', 'tet flowers', ['sa-dec-flower-village-tet']),
    q('alias', 'lunar new year flowers', ['sa-dec-flower-village-tet']),
    q('alias', 'hcmc theatre', ['cai-luong-theatre-revival']),
    q('alias', 'saigon dengue', ['dengue-cases-rise-south']),
    q('alias', 'trung thu', ['hoi-an-mid-autumn-lanterns']),
    q('alias', 'tet trung thu', ['hoi-an-mid-autumn-lanterns']),
    // A place's English name.
    q('alias', 'monkey mountain', ['son-tra-peninsula-visitor-limits']),
    q('alias', 'china beach', ['da-nang-lifeguards-my-khe']),
    q('alias', 'sword lake', ['hanoi-old-quarter-walking-streets']),

    q('topic', 'coffee', dakLak),
    q('topic', 'lanterns', ['hoi-an-mid-autumn-lanterns', 'hue-citadel-night-tours']),
    q('topic', 'salinity', salinity),
    q('topic', 'dengue', ['dengue-cases-rise-south']),
    q('topic', 'measles vaccination', ['measles-catch-up-vaccination']),
    q('topic', 'fireworks', ['da-nang-fireworks-festival']),
    q('topic', 'lifeguards', ['da-nang-lifeguards-my-khe']),
    q('topic', 'chip design', ['da-nang-chip-design-training']),
    q('topic', 'social housing', ['na-social-housing-rules']),
    q('topic', 'rice exports', ['mekong-rice-exports-first-half']),
    q('topic', 'qr payments', ['hanoi-market-qr-payments']),
    q('topic', 'hospital records', ['can-tho-hospital-electronic-records']),
    q('topic', 'startup funding', ['hcmc-startup-funding-half-year']),
    q('topic', 'buckwheat flowers', ['ha-giang-buckwheat-season']),
    q('topic', 'boat races', ['ngo-boat-races-soc-trang']),
    q('topic', 'power demand', ['electricity-demand-record']),
    q('topic', 'road deaths', ['na-question-time-road-safety']),

    q('typo', 'hanio', hanoi),
    q('typo', 'siagon', hcmc),
    q('typo', 'saigonn', hcmc),
    q('typo', 'dannang', danang),
    q('typo', 'cofee', dakLak),
    q('typo', 'lanters', ['hoi-an-mid-autumn-lanterns', 'hue-citadel-night-tours']),
    q('typo', 'fireworsk', ['da-nang-fireworks-festival']),
    q('typo', 'measels', ['measles-catch-up-vaccination']),
    q('typo', 'marathn', ['da-nang-marathon-coast-road']),
    q('typo', 'salinty', salinity),
    q('typo', 'dengeu', ['dengue-cases-rise-south']),
    q('typo', 'buckweat', ['ha-giang-buckwheat-season']),
    q('typo', 'lifegaurds', ['da-nang-lifeguards-my-khe']),
    q('typo', 'startup fundng', ['hcmc-startup-funding-half-year']),
    // A name typed in syllables with a typo in one.
    q('typo', 'ha noii', hanoi),
    q('typo', 'can thp', cantho),
    q('typo', 'hoi aan', ['hoi-an-mid-autumn-lanterns']),
    q('typo', 'sai gonn', hcmc),
    q('typo', 'soc trnag', socTrang),
    // A syllable the name's table entry holds only with the next, mistyped.
    q('typo', 'cna tho', cantho),
    q('typo', 'hcmc cty', hcmc),
    // A kind of place mistyped after the name; a four-letter word with its middle letters swapped.
    q('typo', 'hanoi ctiy', hanoi),
    q('typo', 'ho chi minh cty', hcmc),
    q('typo', 'can tho provnce', cantho),
    q('missed space', 'hochiminh city', hcmc),

    q('prefix', 'buckwh', ['ha-giang-buckwheat-season']),
    q('prefix', 'firew', ['da-nang-fireworks-festival']),
    q('prefix', 'vaccin', ['measles-catch-up-vaccination']),
    q('prefix', 'marath', ['da-nang-marathon-coast-road']),
    q('prefix', 'salin', salinity),
    q('prefix', 'hano', hanoi),
    q('prefix', 'danan', danang),
    q('prefix', 'da na', danang),
    q('prefix', 'Đà Nẵ', danang),
    q('prefix', 'ha no', hanoi),
    q('prefix', 'hoi a', ['hoi-an-mid-autumn-lanterns']),
    q('prefix', 'sai go', hcmc),
    q('prefix', 'dengu', ['dengue-cases-rise-south']),
    q('prefix', 'lifegu', ['da-nang-lifeguards-my-khe']),
    q('prefix', 'social hous', ['na-social-housing-rules']),

    q('Vietnamese', 'Hà Nội', hanoi),
    q('Vietnamese', 'ha noi', hanoi),
    q('Vietnamese', 'Đà Nẵng', danang),
    q('Vietnamese', 'da nang', danang),
    q('Vietnamese', 'Cần Thơ', cantho),
    q('Vietnamese', 'can tho', cantho),
    q('Vietnamese', 'Hội An', ['hoi-an-mid-autumn-lanterns']),
    q('Vietnamese', 'hoi an', ['hoi-an-mid-autumn-lanterns']),
    q('Vietnamese', 'cải lương', ['cai-luong-theatre-revival']),
    q('Vietnamese', 'cai luong', ['cai-luong-theatre-revival']),
    q('Vietnamese', 'Sóc Trăng', socTrang),
    q('Vietnamese', 'Buôn Ma Thuột', ['dak-lak-coffee-online-sales']),
    q('Vietnamese', 'buon ma thuot', ['dak-lak-coffee-online-sales']),
    q('Vietnamese', 'Bến Tre', benTre),
    q('Vietnamese', 'son tra', ['son-tra-peninsula-visitor-limits']),
    q('Vietnamese', 'Quốc hội', assembly),

    // Places no sample story is about, though their syllables and look-alikes are
    // everywhere ("Hà" and "long", "data"): the right answer is "No stories".
    q('absent place', 'ha long', []),
    q('absent place', 'halong bay', []),
    q('absent place', 'dalat', []),
    q('absent place', 'da lat', []),
    q('absent place', 'phu quoc', []),
    q('absent place', 'nha trang', []),
    q('absent place', 'sapa', []),
    q('absent place', 'vung tau', []),
    q('absent place', 'hai phong', []),
    q('absent place', 'ninh binh', []),

    // Words English knows that the sample stories hold in another form or
    // not at all, though they hold a word a letter away ("metre", "takes",
    // "pages", "inland", "cases", "light"): the right answer is the word's own
    // forms ("cafés", "flights") or nothing, never the look-alike's stories.
    q('English word', 'metro', []),
    q('English word', 'taxes', []),
    q('English word', 'wages', []),
    q('English word', 'island', []),
    q('English word', 'cafes', ['hanoi-old-quarter-walking-streets']),
    q('English word', 'flight', ['da-nang-airport-new-routes']),
    q('English word', 'hanoi metro', hanoi),
    q('English word', 'danang flight', ['da-nang-airport-new-routes']),
    // A phone keyboard's missed space between a place and the next word, read
    // as the two words in a row ("Đà Nẵng airport", "Cần Thơ hospitals").
    q('missed space', 'danangairport', ['da-nang-airport-new-routes']),
    q('missed space', 'hanoischools', ['schools-online-safety-lessons']),
    q('missed space', 'canthohospitals', ['can-tho-hospital-electronic-records']),
    q('missed space', 'mekongrice', ['mekong-rice-exports-first-half']),
    q('missed space', 'floatingmarket', ['can-tho-floating-market-mornings']),
    // A space too many: the stories write one word.
    q('missed space', 'fire works', ['da-nang-fireworks-festival']),
    q('missed space', 'life guards', ['da-nang-lifeguards-my-khe']),

    // A word in another form than the stories write it (they say "exports" and
    // "exporters", "harvest" and "harvested", "flood", "floods", "flooded"):
    // every story with a form of the word.
    q('word form', 'exporting', ['mekong-rice-exports-first-half', 'shrimp-rice-rotation-soc-trang', 'dak-lak-coffee-online-sales']),
    q('word form', 'harvesting', ['dak-lak-drought-coffee', 'mekong-rice-exports-first-half', 'vinh-long-sluice-gates', 'shrimp-rice-rotation-soc-trang', 'ha-giang-buckwheat-season', 'hanoi-winter-air-quality', 'dak-lak-coffee-online-sales', 'ngo-boat-races-soc-trang']),
    q('word form', 'flooding', ['vinh-long-sluice-gates', 'shrimp-rice-rotation-soc-trang', 'salinity-reaches-ben-tre-early', 'sa-dec-flower-village-tet', 'central-coast-autumn-rain']),
    q('word form', 'vaccines', ['measles-catch-up-vaccination']),
    q('word form', 'coffee exporters', ['dak-lak-coffee-online-sales']),

    // A whole question, as readers type it into a phone: its subject is the place,
    // not the words it is framed with ("happened", "news", "tell me").
    q('question', 'what happened in hanoi', hanoi),
    q('question', 'latest danang news', danang),
    q('question', 'what to do in hoi an', ['hoi-an-mid-autumn-lanterns']),
    q('question', 'whats happening in saigon', hcmc),
    q('question', 'tell me about the mekong delta', mekong),
    q('question', 'any news from hue?', hue),
    q('question', 'how is hoi an', ['hoi-an-mid-autumn-lanterns']),
  ];
}

export interface ClassScore {
  kind: ReaderClass;
  queries: number;
  /** Share of queries whose first result is relevant. */
  successAt1: number;
  /** Mean share of the relevant stories (at most ten) in the top ten. */
  recallAt10: number;
  misses: string[];
}

/** Scores ranked ids (top ten or more) per class. */
export function scoreReaderQueries(queries: readonly ReaderQuery[], ranked: readonly string[][]): ClassScore[] {
  return READER_CLASSES.map((kind) => {
    const rows = queries.map((q, i) => ({ q, ids: ranked[i]!.slice(0, 10) })).filter((r) => r.q.kind === kind);
    let success = 0, recall = 0;
    const misses: string[] = [];
    for (const { q, ids } of rows) {
      const first = q.relevant.length === 0 ? ids.length === 0 : ids[0] !== undefined && q.relevant.includes(ids[0]);
      const found = q.relevant.length === 0 ? Number(first) : ids.filter((id) => q.relevant.includes(id)).length / Math.min(10, q.relevant.length);
      if (first) success++;
      recall += found;
      if (!first || found < 1) misses.push(`${q.query} → ${ids.slice(0, 3).join(', ') || 'nothing'} (recall ${found.toFixed(2)})`);
    }
    return { kind, queries: rows.length, successAt1: success / rows.length, recallAt10: recall / rows.length, misses };
  });
}
