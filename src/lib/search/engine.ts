/**
 * The query side of search, run in a Web Worker (and in tests and benchmarks).
 *
 * Each query word is matched against the vocabulary three ways: as typed,
 * corrected for typos (a bounded edit distance over the few hundred terms
 * that share the word's first or last letters), and, for the
 * word being typed, completed. The postings of those terms score stories with
 * BM25 over field-weighted frequencies; a story's score for a word is its best
 * match among the word's expansions. Stories matching more of the words rank
 * first, and close-together words raise a story. Quoted phrases are checked
 * with the words' positions.
 *
 * Only the shards a query needs are fetched (src/lib/search/index-reader.ts),
 * once: the vocabulary around each word, the suffix list for typos near its
 * start, the postings of the chosen terms, and the stories shown.
 */
import stem from 'wink-porter2-stemmer';
import { editDistance } from './edit-distance.ts';
import type { Entity } from './entities.ts';
import { IMPACT_SCALE, compareTerms, reverseTerm, type DocRecord, type SearchManifest, type SectionRef } from './index-format.ts';
import { IndexReader, holds, type IndexSource, type VocabEntry } from './index-reader.ts';
import type { PostingList } from './postings-codec.ts';
import { parseQuery, type QueryWord } from './query.ts';
import { PLACE_FEATURES, PLACE_KINDS, QUESTION_WORDS, SYLLABLE_FUNCTION_WORDS } from './stopwords.ts';
import { highlight, snippet, type Segment, type TermMatcher } from './snippet.ts';
import { aliasTerm } from './story-terms.ts';
import { isCorrectable, isIndexed, tokenSpans, tokenize } from './tokenize.ts';
import { isJoinedSyllables, isSyllable, isSyllableStart, syllableCount } from '../text/words.ts';

/** Longest query read, in characters, and most words ranked: enough for any real search. */
const MAX_QUERY_LENGTH = 256;
const MAX_WORDS = 16;
const ONE_LETTER = /^\s*[\p{L}\p{N}]\p{M}*\s*$/u;
/** A word the stories hold brings in its other forms only while it is in fewer stories than this. */
const FORMS_BELOW = 50;
/** A word the stories hold in this many stories or more is not completed into rarer words it starts. */
export const COMMON_WORD_STORIES = 200;

export type { IndexSource } from './index-reader.ts';

export interface SearchRequest {
  query: string;
  /** Section id to keep; empty or absent for all. */
  section?: string;
  offset?: number;
  limit: number;
  /** Whether the caller shows snippets (the header drop-down does not). */
  snippets?: boolean;
  /** Whether to offer sections, tags, places… matching the query (default: yes). */
  suggestions?: boolean;
  /**
   * `newest`: the stories holding every word newest first, then those holding
   * some, newest first (the same stories as by relevance, in date order).
   * Absent: by relevance.
   */
  order?: 'newest';
}

export interface SearchHit {
  doc: number;
  url: string;
  title: Segment[];
  snippet: Segment[];
  /** The snippet comes from the summary only; the story's text may offer a better one (see `snippets`). */
  snippetPending: boolean;
  section: SectionRef;
  date: string;
  dateText: string;
  thumbnail?: DocRecord['thumbnail'];
  /** The story holds only some of the query's words (listed after those holding all). */
  partial: boolean;
}

export interface SearchResult {
  query: string;
  snippets?: boolean;
  section: string;
  offset: number;
  /** Stories holding every query word (or one of its spellings, aliases, corrections). */
  total: number;
  /** Stories holding only some of the words; they follow the others. */
  partialTotal: number;
  hits: SearchHit[];
  /**
   * Words not in the index that were read as another word: `used` is the
   * term, `shown` the words it stands for as the results write them, where
   * they differ from it by more than capitals ("hoi ann" → `hoian`, "Hội An"),
   * else as the aliases table writes the name ("hcmcc" → `hcmc`, "HCMC").
   */
  corrections: { typed: string; used: string; shown?: string }[];
  /** A query worth trying when no story holds every word; only offered when it finds some. */
  suggestion?: string;
  /**
   * When no story matches and the whole query was read as one name of the
   * aliases table: that name as the table writes it ("ha long" → "Hạ Long"),
   * so the page can say which place it found nothing about.
   */
  readAs?: string;
  /** Sections, tags, places, people and aliases whose names match the query. */
  suggestions: Entity[];
  /** The query is one letter (or digit), which is no word: the reader is most likely still typing. */
  oneLetter?: true;
  /** Nothing found, and every word of the query is one too common to search for ("the", "of and"): the first of them. */
  tooCommon?: string;
  /**
   * No story holds the quoted words side by side: the results are the
   * stories holding them apart, as if unquoted (a phone's keyboard may have
   * put the quotes in, and a near miss helps more than nothing).
   */
  apart?: true;
  /** The results are in date order, newest first (the request asked for it). */
  newest?: true;
}

/** A better snippet for a hit, once the story's text has arrived. */
export interface SnippetUpdate {
  doc: number;
  snippet: Segment[];
}

/** Thrown when a newer query made this one pointless. */
export class StaleQuery extends Error {
  constructor() {
    super('a newer query replaced this one');
  }
}

interface Expansion {
  entry: VocabEntry;
  weight: number;
  /** Edits from the typed word (0 for the word itself, its other forms and completions). */
  edits: number;
  completion: boolean;
  /** Another form of the typed word (its Porter2 stem), not the word itself: "floods" → "flooding". */
  form?: true;
  /** That form is the typed word's plural or singular ("beach", "beaches"): one word to a reader. */
  plural?: true;
}

interface WordPlan {
  word: QueryWord;
  expansions: Expansion[];
  /** The vocabulary around the word (its completions, and words joined to the next one). */
  range: VocabEntry[];
  /** Set for a mistyped alias read as its group ("saigonn" → every name of Hồ Chí Minh City's): the name it was read as. */
  corrected?: string;
  /** For a mistyped alias, the word as planned before it was read as one (its own corrections: "delat" → "delta"). */
  asTyped?: WordPlan;
  /** Set when the word is a syllable of a name the stories write joined ("hoi an" → "hoian"): the names it is part of, its only expansions. */
  joined?: Set<string>;
  /** Set when the word, or the words, were read as a name (an alias or joined syllables): "did you mean" leaves them as typed. */
  name?: true;
  /** For an alias, its group's first name as the table writes it. */
  alias?: string;
  /** A word no story holds and English does not know, a typo away from a question's framing word ("happend", "lastest"). */
  framing?: true;
}

export class SearchEngine {
  private readonly matchers = new WeakMap<SearchResult, TermMatcher>();
  private readonly total: Float64Array;
  private readonly best: Float64Array;
  private readonly masks: Uint32Array;
  /** Each story's section, once a query has filtered by section. */
  private docSections: Uint8Array | undefined;
  private readonly sectionIds: Map<string, number>;
  private aliasTerms: string[][][] | undefined;
  private aliasNamesByLength: { name: string[]; group: string[][] }[] | undefined;
  /** Each alias group (of `aliasGroups()`) by its first name as the table writes it. */
  private readonly aliasNames = new WeakMap<string[][], string>();
  /** Each alias name's indexed words (spaced) → the term the index holds it by. */
  private readonly aliasKeys = new Map<string, string>();
  /** Each alias name's indexed words (spaced) → the name as the table writes it. */
  private readonly writtenNames = new Map<string, string>();
  readonly manifest: SearchManifest;

  private readonly index: IndexReader;

  private constructor(index: IndexReader) {
    this.index = index;
    this.manifest = index.manifest;
    this.total = new Float64Array(this.manifest.docCount);
    this.best = new Float64Array(this.manifest.docCount);
    this.masks = new Uint32Array(this.manifest.docCount);
    this.sectionIds = new Map(this.manifest.sections.map((s, i) => [s.id, i]));
  }

  /** Reads the manifest and returns an engine ready to search. */
  static async open(source: IndexSource): Promise<SearchEngine> {
    return new SearchEngine(await IndexReader.open(source));
  }

  /** A story's record (what a result shows, and its text). */
  doc(i: number): Promise<DocRecord> {
    return this.index.doc(i);
  }

  /** Loads in the background what the manifest allows (see IndexReader.prefetch). */
  prefetch(): Promise<void> {
    return this.index.prefetch();
  }

  /** Runs a query. `isCurrent` is asked after every wait; when it says no, the query stops with StaleQuery. */
  async search(request: SearchRequest, isCurrent: () => boolean = () => true): Promise<SearchResult> {
    const check = () => {
      if (!isCurrent()) throw new StaleQuery();
    };
    const offset = request.offset ?? 0;
    const section = request.section && this.sectionIds.has(request.section) ? request.section : '';
    this.index.trimPostings();
    const query = request.query.slice(0, MAX_QUERY_LENGTH);
    const parsed = parseQuery(query);
    const result: SearchResult = {
      query: request.query, section, offset, total: 0, partialTotal: 0, hits: [], corrections: [], suggestions: [],
      ...(request.snippets === false ? { snippets: false } : {}),
    };
    const entityIndex = request.suggestions === false ? undefined : this.index.entities().catch(() => undefined);
    const suggest = async (text: string) => (await entityIndex)?.suggest(text) ?? [];
    // Words all too common to search for find nothing (but for a name the index holds joined): the page says why.
    const typed = tokenize(query);
    const tooCommon = typed.length > 0 && !typed.some(isIndexed) ? typed[0] : undefined;
    if (parsed.words.length === 0) {
      if (ONE_LETTER.test(query)) result.oneLetter = true;
      else if (tooCommon) result.tooCommon = tooCommon;
      result.suggestions = await suggest(query);
      return result;
    }

    const read = await this.planQuery(await this.hyphened(parsed.words.slice(0, MAX_WORDS), check), check);
    let plans = subjectPlans(read);
    // A question, or a place with its kind, offers what the words it is read by name ("what happened in hanoi",
    // "what is tet": Hà Nội, Tết), where the query as typed names nothing.
    const about = [...new Set(plans.map((p) => p.alias ?? (p.joined?.size ? [...p.joined][0]! : p.word.term)))].join(' ');
    const suggestions = suggest(query).then((found) => (found.length > 0 ? found : suggest(about)));
    const sectionId = section ? this.sectionIds.get(section)! : -1;
    if (sectionId >= 0) this.docSections ??= await this.index.sections();
    check();
    // Closeness of the words only orders by relevance: in date order no story's records are read for it.
    const want = request.order === 'newest' ? 0 : offset + request.limit;
    // Quoted words keep only some of the stories: then every place must be in order, not only the first `want`.
    const ordered = parsed.phrases.length > 0 ? Infinity : want;
    let matches = await this.rank(plans, sectionId, want, check, ordered);
    // A typo correction that finds no story holding every word the stories know
    // is dropped: the stories holding the other words follow, as typed ("saigon
    // metro" lists Saigon stories, not "metre" ones; "peach blossom" none with
    // "each"). A word that matches nothing at all does not count against it:
    // "danang airprot xyzzy" still reads "airport".
    const guessed = plans.filter((p) => !p.corrected && p.expansions.length > 0 && p.expansions.every((e) => e.edits > 0));
    if (plans.length > 1 && guessed.length > 0 && matches.full === 0) {
      const known = plans.filter((p) => p.expansions.length > 0);
      const together = known.length > 1 && known.length < plans.length && (await this.rank(known, sectionId, 0, check)).full > 0;
      if (!together) {
        for (const p of guessed) p.expansions = [];
        matches = await this.rank(plans, sectionId, want, check, ordered);
      }
    }
    // Where no story holds every word as read, another reading is taken if some story holds all of its words.
    const readInstead = async (other: WordPlan[]) => {
      if (other === plans || plans.length < 2 || matches.full > 0) return;
      await Promise.all(other.flatMap((p) => p.expansions.map((e) => this.index.loadPostings(e.entry))));
      const ranked = await this.rank(other, sectionId, want, check, ordered);
      if (ranked.full > 0) [plans, matches] = [other, ranked];
    };
    // A word read as a mistyped alias that no story holds with the other words
    // ("mekong delat" as Đà Lạt) is read by its own corrections ("delta").
    if (plans.some((p) => p.asTyped?.expansions.length)) await readInstead(plans.map((p) => (p.asTyped?.expansions.length ? p.asTyped : p)));
    // Two words typed apart that the stories write as one ("fire works", "life guards") are read as that word.
    await readInstead(joinedWords(plans));
    if (parsed.phrases.length > 0) {
      // Quoted words are checked in every story holding them.
      await this.index.positionsFor(parsed.phrases.flat().filter(isIndexed), Array.from(matches.docs));
      check();
      const holds = (doc: number) => parsed.phrases.every((phrase) => this.hasPhrase(doc, phrase));
      const full = matches.docs.subarray(0, matches.full).filter(holds);
      const some = matches.docs.subarray(matches.full).filter(holds);
      if (full.length + some.length > 0 || matches.docs.length === 0) matches = { docs: Int32Array.from([...full, ...some]), full: full.length };
      else result.apart = true;
    }
    for (const p of plans) {
      // Reported only when the word as typed (or as a start of a word) matched nothing.
      const asTyped = p.expansions.some((e) => e.edits === 0);
      const corrected = p.corrected ?? (asTyped ? undefined : p.expansions.find((e) => e.edits > 0)?.entry.term);
      if (corrected) result.corrections.push({ typed: p.word.term, used: corrected });
    }
    // Stories are numbered oldest first, so a higher number is a newer story.
    if (request.order === 'newest') {
      const newestFirst = (a: number, b: number) => b - a;
      matches.docs.subarray(0, matches.full).sort(newestFirst);
      matches.docs.subarray(matches.full).sort(newestFirst);
      result.newest = true;
    }
    result.total = matches.full;
    result.partialTotal = matches.docs.length - matches.full;
    const page = Array.from(matches.docs.subarray(offset, offset + request.limit), (doc, i) => ({ doc, partial: offset + i >= matches.full }));
    const matcher = this.matcher(plans);
    this.matchers.set(result, matcher);
    await this.index.loadHeadlines(page.map((m) => m.doc));
    check();
    const { snippetWords } = this.manifest.tuning;
    result.hits = page.map(({ doc, partial }) => {
      const headline = this.index.headline(doc)!;
      const record = this.index.record(doc);
      const { thumbnail } = headline;
      return {
        doc,
        url: headline.url,
        title: highlight(headline.title, matcher),
        snippet: snippet(record ? `${record.summary}\n${record.text}` : headline.summary, matcher, snippetWords).segments,
        snippetPending: !record,
        section: headline.section,
        date: headline.date,
        dateText: headline.dateText,
        ...(thumbnail ? { thumbnail } : {}),
        partial,
      };
    });
    // As the results write it where more than capitals differ ("Hội An"), else as the aliases table does ("HCMC").
    const texts = result.corrections.length > 0 ? page.flatMap(({ doc }) => [this.index.headline(doc)!.title, this.index.headline(doc)!.summary]) : [];
    for (const correction of result.corrections) {
      const written = writtenAs(correction.used, texts);
      const shown = written && written.toLowerCase() !== correction.used ? written : this.tableName(correction.used);
      if (shown) correction.shown = shown;
    }
    if (result.total === 0) result.suggestion = await this.suggest(plans, sectionId, check);
    const subject = withoutKindsOfPlace(plans, PLACE_FEATURES);
    if (matches.docs.length === 0 && subject.length === 1 && subject[0]!.alias) result.readAs = subject[0]!.alias;
    if (matches.docs.length === 0 && tooCommon) result.tooCommon = tooCommon;
    result.suggestions = await suggestions;
    check();
    return result;
  }

  /**
   * Snippets from the stories' text for hits whose snippet came from the
   * summary; only those that match more query words than the summary did.
   */
  async snippets(result: SearchResult, isCurrent: () => boolean = () => true): Promise<SnippetUpdate[]> {
    const matcher = this.matchers.get(result);
    const pending = result.snippets === false ? [] : result.hits.filter((h) => h.snippetPending);
    if (!matcher || pending.length === 0) return [];
    const records = await Promise.all(pending.map((h) => this.index.doc(h.doc)));
    if (!isCurrent()) throw new StaleQuery();
    const { snippetWords } = this.manifest.tuning;
    const updates: SnippetUpdate[] = [];
    records.forEach((record, i) => {
      const lead = snippet(record.summary, matcher, snippetWords);
      const full = snippet(`${record.summary}\n${record.text}`, matcher, snippetWords);
      if (full.words > lead.words) updates.push({ doc: pending[i]!.doc, snippet: full.segments });
    });
    return updates;
  }

  /** Runs a query and fills in text snippets: what tests and benchmarks want in one call. */
  async searchWithSnippets(request: SearchRequest): Promise<SearchResult> {
    const result = await this.search(request);
    const updates = new Map((await this.snippets(result)).map((u) => [u.doc, u.snippet]));
    result.hits = result.hits.map((h) => ({ ...h, snippet: updates.get(h.doc) ?? h.snippet, snippetPending: false }));
    return result;
  }

  /**
   * Turns the query's words into what is ranked: a name from the aliases
   * table becomes one slot matching any name of its group; every other word
   * is planned alone (plan), a mistyped one-word alias is read as its group,
   * and words typed apart that the stories write joined ("ha noi" → "hanoi")
   * stand for the joined word (joinSyllables).
   */
  private async planQuery(words: QueryWord[], check: () => void): Promise<WordPlan[]> {
    const aliasSlots: { at: number; length: number; group: string[][] }[] = [];
    const taken = new Set<number>();
    // Longest names first, whatever their group: "tet trung thu" is the Mid-Autumn festival, not Tết and "trung thu".
    for (const { name, group } of this.aliasNamesLongestFirst()) {
      // A name of several words may be typed joined, or partly: "hcmcity", "lunarnewyear", "hochiminh city".
      const typedJoined = name.length > 1 ? findJoinedRun(words, this.aliasKey(name), name.length - 1, taken) : undefined;
      if (typedJoined) {
        for (let k = 0; k < typedJoined.length; k++) taken.add(typedJoined.at + k);
        aliasSlots.push({ ...typedJoined, group });
        continue;
      }
      const at = findRun(words, name);
      if (at < 0 || name.some((_, k) => taken.has(at + k))) continue;
      // A one-word name being typed after a syllable may be the end of a name: "da na" is
      // on its way to Đà Nẵng, not the National Assembly (NA).
      const before = words[at - 1];
      if (name.length === 1 && words[at]!.partial && before && !before.exact && !before.joinOnly && isSyllable(before.term)) continue;
      name.forEach((_, k) => taken.add(at + k));
      aliasSlots.push({ at, length: name.length, group });
    }
    const free = words.filter((_, i) => !taken.has(i));
    const [planned, aliased] = await Promise.all([
      // A word that is only part of a name matches nothing alone: only the names it begins are looked up (joinSyllables).
      Promise.all([
        this.plan(free.filter((w) => !w.joinOnly), check),
        Promise.all(free.map((w, i) => (w.joinOnly && w.term.length >= 2 && free[i + 1] && isSyllableStart(free[i + 1]!.term) ? this.index.entries(w.term) : []))),
      ]).then(([plans, ranges]) => free.map((w, i) => (w.joinOnly ? { word: w, expansions: [], range: ranges[i]! } : plans.shift()!))),
      Promise.all(aliasSlots.map((slot) => this.planAlias(words.slice(slot.at, slot.at + slot.length), slot.group, check))),
    ]);
    const plain = await Promise.all(planned.map((plan) => this.mistypedAlias(plan, check)));
    await this.joinSyllables(plain, check);
    const positions = free.map((w) => words.indexOf(w));
    const absorbed = this.mistypedSyllablesOfAliases(plain, positions, words, aliasSlots, aliased);
    // Postings only for what the query is read as ("sai go" as Saigon needs none of "go…"'s).
    await Promise.all(plain.flatMap((plan) => plan.expansions.map((e) => this.index.loadPostings(e.entry))));
    check();
    // Back in the order typed, less a word that is only part of a name and joined none.
    const order = new Map<WordPlan, number>();
    plain.forEach((p, i) => order.set(p, positions[i]!));
    aliased.forEach((p, i) => order.set(p, aliasSlots[i]!.at));
    const kept = plain.filter((p) => (!p.word.joinOnly || p.joined?.size) && !absorbed.has(p));
    return [...kept, ...aliased].sort((x, y) => order.get(x)! - order.get(y)!);
  }

  /**
   * A word that matches nothing, typed beside a name from the aliases table
   * whose name it completes with one letter wrong ("cna tho": Cần Thơ, whose
   * "can" the index does not hold alone, being a stopword), is a mistyped
   * syllable of that name: taken into the name's slot, which reports the
   * whole name as what the words were read as. Returns the plans taken in.
   */
  private mistypedSyllablesOfAliases(plain: WordPlan[], positions: number[], words: QueryWord[], slots: { at: number; length: number; group: string[][] }[], aliased: WordPlan[]): Set<WordPlan> {
    const absorbed = new Set<WordPlan>();
    slots.forEach((slot, s) => {
      const typed = words.slice(slot.at, slot.at + slot.length).map((w) => w.term).join('');
      for (const side of [-1, 1] as const) {
        const at = side < 0 ? slot.at - 1 : slot.at + slot.length;
        const plan = plain[positions.indexOf(at)];
        if (!plan || absorbed.has(plan) || plan.expansions.length > 0 || plan.joined || plan.word.exact || plan.word.joinOnly || !isCorrectable(plan.word.term)) continue;
        const joined = side < 0 ? plan.word.term + typed : typed + plan.word.term;
        if (joined.length < 5) continue;
        const name = slot.group.find((n) => this.aliasKey(n).length > typed.length && editDistance(joined, this.aliasKey(n), 1) <= 1);
        if (!name) continue;
        absorbed.add(plan);
        const alias = aliased[s]!;
        const word = words.slice(Math.min(at, slot.at), Math.max(at + 1, slot.at + slot.length)).map((w) => w.term).join(' ');
        aliased[s] = { ...alias, word: { ...alias.word, term: word }, corrected: alias.alias ?? name.join(' ') };
      }
    });
    return absorbed;
  }

  /**
   * A word typed with hyphens is read joined ("start-up" as "startup",
   * which the index holds for "start-up" and "startup" alike) where the
   * index has the joined word (or, while it is typed, a word it begins) or
   * an alias name holds it; otherwise as its parts ("hanoi-based" → "hanoi",
   * "based"). Initials with dots are read the same way, as the index holds
   * them too ("U.S." as "us", "H.C.M.C" as HCMC), else not at all: their
   * letters are no words.
   */
  private async hyphened(words: QueryWord[], check: () => void): Promise<QueryWord[]> {
    const read = await Promise.all(words.map(async ({ parts, ...word }) => {
      if (!parts) return [word];
      const known = this.aliasGroups().some((group) => group.some((name) => name.includes(word.term)))
        || (word.partial ? (await this.index.entries(word.term)).length > 0 : (await this.index.lookup(word.term)) !== undefined);
      return known ? [word] : parts;
    }));
    check();
    const seen = new Set<string>();
    return read.flat().filter((w) => !seen.has(w.term) && !!seen.add(w.term));
  }

  /**
   * A mistyped alias typed as one word ("saigonn", "hcmcc", "hcmcitty") read as its group, as the
   * name typed right is, unless the stories hold a nearer word; the name need
   * not be in any story. So is an unfinished one ("saigo"). Any other plan is returned as it is.
   */
  private async mistypedAlias(plan: WordPlan, check: () => void): Promise<WordPlan> {
    const w = plan.word.term;
    const { typoMinLength, twoTypoMinLength } = this.manifest.tuning;
    // A word still being typed, or left unfinished, whose commonest completion is a one-word alias
    // ("saigo" → "saigon"), is that alias's group, as the name typed whole is: every name of Hồ Chí
    // Minh City, not only the stories that write "Saigon". Not where the letters typed are a word.
    const completion = plan.expansions.find((e) => e.completion);
    const group = plan.word.partial && !plan.word.exact && w.length >= typoMinLength
      && !plan.expansions.some((e) => !e.completion && e.edits === 0) && completion ? this.oneWordAliasGroup(completion.entry.term) : undefined;
    if (group) return this.planAlias([plan.word], group, check);
    if (plan.word.exact || plan.word.joinOnly || w.length < typoMinLength || !isCorrectable(w) || plan.expansions.some((e) => e.edits === 0)) return plan;
    const nearest = plan.expansions.find((e) => e.edits > 0)?.edits ?? Infinity;
    const maxEdits = Math.min(w.length >= twoTypoMinLength ? 2 : 1, nearest);
    let best: { name: string; group: string[][]; edits: number } | undefined;
    for (const group of this.aliasGroups()) {
      for (const words of group) {
        // A name by the term it is indexed by, several words joined ("hcmcitty" → "hcmcity").
        const key = this.aliasKey(words);
        if (Math.abs(key.length - w.length) > maxEdits) continue;
        const edits = editDistance(w, key, maxEdits);
        if (edits <= maxEdits && (!best || edits < best.edits)) best = { name: words.join(' '), group, edits };
      }
    }
    return best ? { ...(await this.planAlias([plan.word], best.group, check)), corrected: best.name, asTyped: plan } : plan;
  }

  /**
   * Neighbouring syllables typed apart that the index holds joined ("ha noi"
   * → "hanoi"; the last, while it is being typed, may be the start of a
   * syllable: "da na" → "danang") stand for the joined name alone: "hoi an"
   * is Hội An, not every story with "an" (nor, while "an" is being typed,
   * "another"). Where that name is a one-word alias, for its group: "sai gon"
   * as Saigon is Hồ Chí Minh City, whether or not a story holds "saigon".
   */
  private async joinSyllables(plain: WordPlan[], check: () => void): Promise<void> {
    const { completionWeight, maxExpansions } = this.manifest.tuning;
    await this.joinMistyped(plain, check);
    await this.joinMistypedFirst(plain, check);
    plain.forEach((plan, i) => {
      for (let n = 2; n <= 3 && i + n <= plain.length; n++) {
        const parts = plain.slice(i, i + n);
        const typing = parts[n - 1]!.word.partial;
        // Only syllables of a name ("ha noi"), never English words ("any one" → "anyone").
        if (parts.some((p, k) => p.word.exact || !(k === n - 1 && typing ? isSyllableStart : isSyllable)(p.word.term))) break;
        const joined = parts.map((p) => p.word.term).join('');
        const exact = plan.range.find((e) => e.term === joined);
        // A completion counts only where the word being typed completes to a whole syllable: "ha n" → "hanoi", never "hand".
        const before = joined.length - parts[n - 1]!.word.term.length;
        const completes = (term: string) => term.startsWith(joined) && term.length > joined.length && isSyllable(term.slice(before));
        // While the last syllable is typed, the joined word so far ("ha n" → "han", the Hàn river) and the names it begins ("hanoi").
        const entries = !typing ? (exact ? [exact] : []) : [...(exact ? [exact] : []), ...plan.range
          .filter((e) => completes(e.term))
          .sort((x, y) => y.df - x.df || compareTerms(x.term, y.term))
          .slice(0, maxExpansions)];
        const names = entries.map((e) => e.term);
        if (names.length === 0 && typing) {
          const alias = this.oneWordAliases().find(completes);
          if (alias) names.push(alias);
        }
        for (const p of parts) {
          for (const entry of entries) {
            if (!p.expansions.some((e) => e.entry.term === entry.term)) {
              p.expansions.push({ entry, weight: entry === exact ? 1 : completionWeight, edits: 0, completion: entry !== exact });
            }
          }
          for (const name of names) (p.joined ??= new Set()).add(name);
        }
        // A syllable the stories never use, beside others, is part of a name they do not hold:
        // "hoi an" without Hội An finds no story, rather than every story with "an";
        // English function words that are all syllables ("to do in") are no name.
        const english = parts.every((p) => p.word.joinOnly || SYLLABLE_FUNCTION_WORDS.has(p.word.term));
        if (names.length === 0 && !english && parts.some((p) => !p.word.joinOnly && p.expansions.length === 0)) for (const p of parts) p.joined ??= new Set();
      }
    });
    await Promise.all(plain.map(async (plan) => {
      if (!plan.joined) return;
      plan.name = true;
      plan.expansions = plan.expansions.filter((e) => plan.joined!.has(e.entry.term));
      const group = [...plan.joined].map((term) => this.oneWordAliasGroup(term)).find((g) => g !== undefined);
      if (group) ({ expansions: plan.expansions, alias: plan.alias } = await this.planAlias([plan.word], group, check));
    }));
  }

  /**
   * Syllables typed apart with a typo in a later one ("ha noii", "can thp",
   * "hoi aan") stand for the name the stories write joined one letter away
   * ("hanoi", "cantho", "hoian"), or a one-word alias ("sai gonn"), read from
   * the first syllable as typed. Only where some word as typed matches
   * nothing, so words the stories use keep their meaning; the mistyped word
   * reports the name it was read as.
   */
  private async joinMistyped(plain: WordPlan[], check: () => void): Promise<void> {
    const { typoWeights } = this.manifest.tuning;
    for (let i = 0; i < plain.length; i++) {
      for (let n = Math.min(3, plain.length - i); n >= 2; n--) {
        const parts = plain.slice(i, i + n);
        const last = parts[n - 1]!.word;
        if (parts.some((p) => p.joined || p.word.exact) || last.joinOnly || !isCorrectable(last.term)) continue;
        if (parts.slice(0, -1).some((p) => !isSyllable(p.word.term)) || parts.every((p) => p.expansions.some((e) => e.edits === 0 && !e.completion && !e.form))) continue;
        const typed = parts.map((p) => p.word.term).join('');
        if (typed.length < 5) continue;
        const first = parts[0]!.word.term;
        const range = await this.index.entries(first);
        check();
        // A name still being typed is completed, not corrected (joinSyllables): "ha lon" is on its way to Hạ Long.
        if (last.partial && (range.some((e) => e.term.startsWith(typed)) || this.oneWordAliases().some((name) => name.startsWith(typed)))) continue;
        const near = (term: string) => term.startsWith(first) && term !== typed && Math.abs(term.length - typed.length) <= 1 && isJoinedSyllables(term) && editDistance(typed, term, 1) <= 1;
        const [entry] = range.filter((e) => near(e.term)).sort((x, y) => y.df - x.df || compareTerms(x.term, y.term));
        const name = entry?.term ?? this.oneWordAliases().find(near);
        if (!name) continue;
        parts.forEach((p, k) => {
          const mistyped = k === n - 1;
          p.expansions = entry ? [{ entry, weight: mistyped ? typoWeights[0]! : 1, edits: mistyped ? 1 : 0, completion: false }] : [];
          p.joined = new Set([name]);
          if (mistyped) p.corrected = name;
        });
        i += n - 1;
        break;
      }
    }
  }

  /**
   * Syllables typed apart with a typo in the first ("dka lak", "bne tre"),
   * which `joinMistyped` cannot read from: the words joined are corrected as
   * one word (its first or last letters intact) to a name the stories write
   * joined one letter away ("daklak", "bentre"). Only where the first word
   * matches nothing as typed and the others are syllables; a name the words
   * begin is left to be completed.
   */
  private async joinMistypedFirst(plain: WordPlan[], check: () => void): Promise<void> {
    const { typoWeights } = this.manifest.tuning;
    for (let i = 0; i < plain.length; i++) {
      for (let n = Math.min(3, plain.length - i); n >= 2; n--) {
        const parts = plain.slice(i, i + n);
        const [head, ...rest] = parts as [WordPlan, ...WordPlan[]];
        if (parts.some((p) => p.joined || p.word.exact || p.word.joinOnly)) continue;
        if (head.expansions.length > 0 || !isCorrectable(head.word.term) || rest.some((p) => !isSyllable(p.word.term))) continue;
        const typed = parts.map((p) => p.word.term).join('');
        if (typed.length < 5) continue;
        const [range, suffixTerms] = await Promise.all([this.index.entries(correctionPrefix(typed)), this.index.suffixRange(reverseTerm(correctionSuffix(typed)))]);
        if (rest.at(-1)!.word.partial && range.some((e) => e.term.startsWith(typed))) continue;
        const entry = (await this.corrections(typed, 1, range, suffixTerms, false, check)).find((c) => isJoinedSyllables(c.term))?.entry;
        if (!entry) continue;
        parts.forEach((p, k) => {
          p.expansions = [{ entry, weight: k === 0 ? typoWeights[0]! : 1, edits: k === 0 ? 1 : 0, completion: false }];
          p.joined = new Set([entry.term]);
          if (k === 0) p.corrected = entry.term;
        });
        i += n - 1;
        break;
      }
    }
  }

  /**
   * The aliases table as term sequences, longest names first, across groups and within each (so
   * "Hồ Chí Minh City" wins over "Hồ Chí Minh", and "TP HCM" over the "HCM" inside it).
   */
  private aliasGroups(): string[][][] {
    if (!this.aliasTerms) {
      const groups = (this.manifest.aliases ?? []).map((group) => {
        const terms = group.map((name) => {
          const terms = tokenize(name).filter(isIndexed);
          // The term the index holds the name by (its words joined, stopwords too).
          this.aliasKeys.set(terms.join(' '), aliasTerm(name));
          this.writtenNames.set(terms.join(' '), name);
          return terms;
        }).filter((terms) => terms.length > 0).sort((a, b) => b.length - a.length);
        this.aliasNames.set(terms, group[0]!);
        return terms;
      });
      this.aliasTerms = groups.filter((group) => group.length > 1).sort((a, b) => b[0]!.length - a[0]!.length);
    }
    return this.aliasTerms;
  }

  /** Every name of the aliases table with its group, the names of most words first (in the table's order where they tie). */
  private aliasNamesLongestFirst(): { name: string[]; group: string[][] }[] {
    this.aliasNamesByLength ??= this.aliasGroups()
      .flatMap((group) => group.map((name) => ({ name, group })))
      .sort((a, b) => b.name.length - a.name.length);
    return this.aliasNamesByLength;
  }

  /** A name of the aliases table by its indexed words, spaced ("sai gon"), as the table writes it ("Sài Gòn"). */
  private tableName(terms: string): string | undefined {
    this.aliasGroups();
    return this.writtenNames.get(terms);
  }

  /** The term the index holds an alias name by (of `aliasGroups()`): its words joined, stopwords too. */
  private aliasKey(name: readonly string[]): string {
    return this.aliasKeys.get(name.join(' '))!;
  }

  /** The aliases table's one-word names as the index holds them ("saigon", "halong"). */
  private oneWordAliases(): string[] {
    return this.aliasGroups().flatMap((group) => group.filter((name) => name.length === 1).map((name) => name[0]!));
  }

  /** The alias group holding `term` as a one-word name ("saigon", "hcmc"), if any. */
  private oneWordAliasGroup(term: string): string[][] | undefined {
    return this.aliasGroups().find((group) => group.some((name) => name.length === 1 && name[0] === term));
  }

  /**
   * One slot for an alias: every name of its group, each one term (a name of
   * several words is indexed joined where its words stand in a row: aliasRuns).
   */
  private async planAlias(typed: QueryWord[], group: string[][], check: () => void): Promise<WordPlan> {
    const expansions: Expansion[] = [];
    await Promise.all([...new Set(group.map((name) => this.aliasKey(name)))].map(async (term) => {
      const entry = await this.index.lookup(term);
      if (!entry) return;
      await this.index.loadPostings(entry);
      expansions.push({ entry, weight: 1, edits: 0, completion: false });
    }));
    check();
    expansions.sort((a, b) => compareTerms(a.entry.term, b.entry.term));
    return { word: { term: typed.map((w) => w.term).join(' '), partial: false, exact: false }, expansions, range: [], name: true, alias: this.aliasNames.get(group) };
  }

  /** Finds each word's expansions: itself, completions, typo corrections. */
  private async plan(words: QueryWord[], check: () => void): Promise<WordPlan[]> {
    const { tuning } = this.manifest;
    return Promise.all(
      words.map(async (word): Promise<WordPlan> => {
        const w = word.term;
        const fuzzy = !word.exact && w.length >= tuning.typoMinLength && isCorrectable(w);
        const maxEdits = w.length >= tuning.twoTypoMinLength ? 2 : 1;
        const range = await this.index.entries(fuzzy ? correctionPrefix(w) : w);
        check();
        const expansions: Expansion[] = [];
        const exact = range.find((e) => e.term === w);
        if (exact) expansions.push({ entry: exact, weight: 1, edits: 0, completion: false });
        if (word.partial) {
          const completions = range.filter((e) => e.term !== w && e.term.startsWith(w)).sort((x, y) => y.df - x.df || compareTerms(x.term, y.term));
          for (const entry of completions.slice(0, tuning.maxExpansions)) {
            // The typed word's plural is no word still being typed ("beach" → "beaches"): one word with it (see rank).
            if (exact && isPlural(w, entry.term)) expansions.push(pluralForm(entry));
            // A word in COMMON_WORD_STORIES stories or more is the word meant, not the start of a rarer one
            // ("part" is not "party" being typed); a commoner word it starts still is ("viet" → "vietnam").
            else if (!(exact && exact.df >= COMMON_WORD_STORIES && entry.df < exact.df)) expansions.push({ entry, weight: tuning.completionWeight, edits: 0, completion: true });
          }
        }
        // A word the stories use is most likely meant: only its near forms
        // (plural, a letter off) count. A word they lack gets the full search,
        // including the suffix list for typos in its first letters, unless
        // English knows it: then it is meant as typed, and only its own
        // forms count (hotel finds "hotels", meter "metre"; metro is not
        // "metre", nor taxes "takes"). It is still completed.
        const [known, suffixTerms] = fuzzy && !exact
          ? await Promise.all([this.index.isKnownWord(w), this.index.suffixRange(reverseTerm(correctionSuffix(w)))])
          : [false, []];
        check();
        // A word's other forms, as the stories inflect it: a reader's "floods" finds "flooding"
        // and "flooded". Matched by Porter2 stem among the words that share its first letters,
        // for a word the stories or English know (a stub such as "irrig" is no form of "irrigation").
        // Beside the word as the stories write it, its other forms widen a search it leaves thin
        // (fewer than FORMS_BELOW stories), for half as much: the stories with the form typed lead,
        // the others follow ("flooding" in one story lists "floods" too). A common word fetches no
        // forms' postings: with 100,000 stories a headline's every word would bring in several.
        if (fuzzy && (known || (exact && exact.df < FORMS_BELOW))) {
          const root = stem(w);
          const forms = range.filter((e) => e.term !== w && stem(e.term) === root && !expansions.some((x) => x.entry === e));
          const weight = exact ? tuning.formWeight / 2 : tuning.formWeight;
          for (const entry of forms.sort((x, y) => y.df - x.df || compareTerms(x.term, y.term)).slice(0, tuning.maxExpansions)) {
            // One and many are the same word to a reader (ranked as one word: see rank).
            expansions.push(isPlural(w, entry.term) ? pluralForm(entry) : { entry, weight, edits: 0, completion: false, form: true });
          }
        }
        if (fuzzy) {
          const ratio = tuning.knownWordRatio;
          for (const c of await this.corrections(w, exact ? 1 : maxEdits, range, suffixTerms, known, check)) {
            if (expansions.some((e) => e.entry.term === c.entry.term)) continue;
            // Another word, not a form of this one: firms is not films, party not part.
            if (exact && ratio > 0 && formKey(c.term) !== formKey(w) && c.entry.df <= exact.df * ratio) continue;
            expansions.push({ entry: c.entry, weight: tuning.typoWeights[c.edits - 1] ?? 0, edits: c.edits, completion: false });
          }
        }
        // Two words typed joined, unless a letter off reads it as a word the stories use: "partry" is "party", not "par try".
        const corrected = expansions.some((e) => e.edits === 1);
        if (!exact && !corrected && !word.exact && isCorrectable(w) && w.length >= 5) expansions.push(...(await this.splits(w, range, check)));
        const framing = fuzzy && !exact && !known && w.length >= 5 && [...QUESTION_WORDS].some((q) => editDistance(w, q, 1) <= 1);
        return { word, expansions, range, ...(framing && { framing }) };
      }),
    );
  }

  /**
   * An unknown word read as two words the stories write apart ("heatwave" →
   * "heat wave"), matched as that phrase: the first word comes from the
   * vocabulary around the typed word, the second is looked up.
   */
  private async splits(w: string, range: VocabEntry[], check: () => void): Promise<Expansion[]> {
    const out: Expansion[] = [];
    for (const [first, second] of await this.twoWords(w, range, check)) {
      await Promise.all([this.index.loadPostings(first), this.index.loadPostings(second)]);
      const key = `${first.term} ${second.term}`;
      // A name the index holds joined stands where its first syllable does: "danangairport"
      // is "Đà Nẵng airport" (two words on) as well as "Danang airport" (one on).
      const widths = isJoinedSyllables(first.term) ? [1, syllableCount(first.term)] : [1];
      // A guess at a word typed joined: not worth more positions than closeness may read.
      const list = await this.phraseList([first.term, second.term], this.manifest.tuning.proximityRecords * this.manifest.recordLength, widths);
      if (!list) continue;
      this.index.postings.set(key, list);
      out.push({ entry: { term: key, bucket: -1, df: list.docs.length }, weight: 1, edits: 0, completion: false });
    }
    check();
    return out;
  }

  /**
   * Every way `w` splits into two words the index holds, the first from the
   * vocabulary `range` around it, the second looked up: shortest first word first.
   */
  private async twoWords(w: string, range: readonly VocabEntry[], check: () => void): Promise<[VocabEntry, VocabEntry][]> {
    const known = new Map(range.map((e) => [e.term, e]));
    const pairs = await Promise.all(
      Array.from({ length: w.length - 3 }, (_, i) => i + 2)
        .filter((k) => known.has(w.slice(0, k)) && isIndexed(w.slice(0, k)) && isIndexed(w.slice(k)))
        .map(async (k) => [known.get(w.slice(0, k))!, await this.index.lookup(w.slice(k))] as const),
    );
    check();
    return pairs.flatMap(([first, second]) => (second ? [[first, second] as [VocabEntry, VocabEntry]] : []));
  }

  /**
   * Terms within `maxEdits` typos of `w` among the vocabulary `range` and the
   * `suffixTerms`, by edit distance with swaps (it stops at the first row
   * past `maxEdits`, so a far term costs a few letters). Fuse.js used to
   * shortlist them first; it let through every term this keeps, and cost more
   * than the distance alone. Nearest first, then the most common; at most
   * `maxExpansions`, of which a word English knows (`englishWord`) keeps only
   * its own forms (formKey).
   */
  private async corrections(w: string, maxEdits: number, range: VocabEntry[], suffixTerms: string[], englishWord: boolean, check: () => void) {
    const { tuning } = this.manifest;
    // A typed word of the shortest length is only completed by a missing letter
    // ("hous" → "house") or has two letters swapped back ("heta" → "heat"),
    // never changed into another short word.
    const short = w.length <= tuning.typoMinLength;
    const minLength = short ? w.length + 1 : w.length - maxEdits;
    const known = new Map(range.map((e) => [e.term, e]));
    // A four-letter word with its middle letters swapped ("ctiy") changes both two-letter ends the
    // vocabulary and suffix list were searched by: the word swapped back is looked up itself.
    const middle = w.length === 4 && w[1] !== w[2] && !known.has(w) ? w[0]! + w[2] + w[1] + w[3] : undefined;
    const swappedBack = middle && !known.has(middle) ? await this.index.lookup(middle) : undefined;
    if (swappedBack) known.set(middle!, swappedBack);
    // A word that reads as a Vietnamese name written joined is never read
    // without its first letter: "halong", with no Hạ Long story, is not "along".
    const lostFirst = (t: string) => t[0] !== w[0] && t.startsWith(w.slice(1, 3)) && isJoinedSyllables(w);
    const pool = [...new Set([...known.keys(), ...suffixTerms])].filter(
      (t) => t !== w && (t.length >= minLength || (short && isSwap(w, t))) && t.length <= w.length + maxEdits && isCorrectable(t) && !lostFirst(t),
    );
    if (pool.length === 0) return [];
    const found = pool
      .map((term) => ({ term, edits: editDistance(w, term, maxEdits) }))
      .filter((c) => c.edits <= maxEdits)
      .sort((a, b) => a.edits - b.edits || (a.term < b.term ? -1 : 1))
      .slice(0, tuning.maxExpansions * 2);
    // Corrections found through the suffix list live elsewhere in the vocabulary.
    const entries = await Promise.all(found.map(async (c) => ({ ...c, entry: known.get(c.term) ?? (await this.index.lookup(c.term)) })));
    check();
    return entries
      .filter((c): c is { term: string; edits: number; entry: VocabEntry } => !!c.entry)
      .sort((a, b) => a.edits - b.edits || b.entry.df - a.entry.df || compareTerms(a.entry.term, b.entry.term))
      .slice(0, tuning.maxExpansions)
      .filter((c) => !englishWord || formKey(c.term) === formKey(w));
  }

  /**
   * Scores every story; returns matching stories, best first: those holding
   * every query word before those holding some (`partial`), then the most
   * words, then BM25 score, raised for the leading stories by how close
   * together the words stand (a remembered sentence is a strong clue), as far
   * as the first `want` places depend on it (0: not at all). Only the first
   * `ordered` places are in order; the rest follow in no order.
   * Quoted words are required.
   */
  private async rank(plans: WordPlan[], section: number, want: number, check: () => void, ordered = 0): Promise<Ranking> {
    const required = plans.reduce((m, p, i) => (p.word.exact ? m | (1 << i) : m), 0);
    const { k1, proximityCandidates } = this.manifest.tuning;
    const { docCount } = this.manifest;
    const { total, best, masks, docSections } = this;
    const matched: number[] = [];
    const idfOf = (df: number) => Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
    plans.forEach((plan, bit) => {
      const touched: number[] = [];
      // A word the stories hold, typed: a longer word it begins ("uk" → "ukip")
      // or a word it was read as counts for no more than the word itself, however
      // rare, so "uk", "us" and "eu" find UK, US and EU stories first.
      const typed = plan.expansions.find((e) => e.entry.term === plan.word.term && !e.completion && e.edits === 0);
      const typedList = typed && this.index.postings.get(typed.entry.term);
      const most = typedList ? idfOf(typedList.docs.length) : Infinity;
      // The names of an alias group are one word, as rare as its most used name
      // (as Lucene blends synonyms): a story naming the city by a rarer one
      // ("Saigon" once in passing) does not outrank "Hồ Chí Minh City" in a headline.
      // So are the words a word being typed begins, when it is none itself:
      // "dan" is on its way to "danang" as likely as to a rarer "dancers".
      const blend = plan.alias !== undefined ? plan.expansions : typed ? [] : plan.expansions.filter((e) => e.completion);
      const blendDf = Math.max(0, ...blend.map((e) => this.index.postings.get(e.entry.term)?.docs.length ?? 0));
      // The word typed and its plural or singular are one word, as a stemmed
      // index would hold them: a story's counts of both add up ("beaches" in
      // the headline and "beach" in the text answer "beach" together), as
      // rare as the commoner of the two.
      const oneWord = typed && plan.alias === undefined ? plan.expansions.filter((e) => e === typed || e.plural) : [];
      if (oneWord.length > 1) {
        const lists = oneWord.flatMap((e) => this.index.postings.get(e.entry.term) ?? []);
        const scale = Math.min(idfOf(Math.max(...lists.map((l) => l.docs.length))), most) * (k1 + 1);
        // Each story's counts added up where its score will stand (all 0 before the word's first list).
        for (const list of lists) {
          for (let i = 0; i < list.docs.length; i++) {
            const doc = list.docs[i]!;
            if (section >= 0 && docSections![doc] !== section) continue;
            if (best[doc] === 0) touched.push(doc);
            best[doc] = best[doc]! + list.weights[i]! / IMPACT_SCALE;
          }
        }
        for (const doc of touched) {
          const tf = best[doc]!;
          best[doc] = (scale * tf) / (tf + k1);
        }
      }
      for (const e of plan.expansions) {
        if (oneWord.length > 1 && oneWord.includes(e)) continue;
        const list = this.index.postings.get(e.entry.term);
        if (!list || e.weight <= 0) continue;
        const df = list.docs.length;
        const idf = Math.min(idfOf(blend.includes(e) ? Math.max(df, blendDf) : df), most);
        const scale = e.weight * idf * (k1 + 1);
        for (let i = 0; i < df; i++) {
          const doc = list.docs[i]!;
          if (section >= 0 && docSections![doc] !== section) continue;
          // The frequency already divided by the story's length (BM25's normalisation, applied by the builder).
          const tf = list.weights[i]! / IMPACT_SCALE;
          const s = (scale * tf) / (tf + k1);
          if (best[doc] === 0) touched.push(doc);
          if (s > best[doc]!) best[doc] = s;
        }
      }
      for (const doc of touched) {
        if (masks[doc] === 0) matched.push(doc);
        total[doc] = total[doc]! + best[doc]!;
        masks[doc] = masks[doc]! | (1 << bit);
        best[doc] = 0;
      }
    });
    const m = matched.length;
    let n = 0;
    const all = { docs: new Int32Array(m), words: new Uint8Array(m), score: new Float64Array(m), mask: new Uint32Array(m) };
    for (const d of matched) {
      if ((masks[d]! & required) === required) {
        all.docs[n] = d;
        all.words[n] = popcount(masks[d]!);
        all.score[n] = total[d]!;
        all.mask[n++] = masks[d]!;
      }
      total[d] = 0;
      masks[d] = 0;
    }
    const ranked: Ranked = { docs: all.docs.subarray(0, n), words: all.words.subarray(0, n), score: all.score.subarray(0, n), mask: all.mask.subarray(0, n) };
    const { docs: keep, words } = ranked;
    const close = plans.length > 1 && want > 0;
    const order = leadingInOrder(ranked, Math.max(ordered, close ? proximityCandidates : 0));
    if (close) {
      const lead = order.slice(0, proximityCandidates);
      await this.raiseClose(lead, ranked, plans, want, check);
      lead.sort(rankOrder(ranked));
      for (let i = 0; i < lead.length; i++) order[i] = lead[i]!;
    }
    // Those with every word first (they lead the order, if it is one).
    const docs = new Int32Array(n);
    let full = 0;
    for (const i of order) if (words[i] === plans.length) docs[full++] = keep[i]!;
    let at = full;
    for (const i of order) if (words[i] !== plans.length) docs[at++] = keep[i]!;
    return { docs, full };
  }

  /**
   * Raises each of the `lead` stories by how close together its words stand.
   * A common word's positions are not in its postings (index-format.ts): a
   * story that needs them is raised only once they arrive, and they are
   * fetched only for the stories that could still reach the first `want`
   * places (a story can at most be raised 1 + proximityWeight times), from
   * the words' positions files or the stories' records, whichever is
   * smaller, within `proximityRecords` records' worth of characters. So the
   * first `want` places are those of an index with every position in its
   * postings, unless that budget runs out.
   */
  private async raiseClose(lead: number[], ranked: Ranked, plans: WordPlan[], want: number, check: () => void): Promise<void> {
    const { proximityWeight, proximityScale, proximityRecords } = this.manifest.tuning;
    const { docs, words, score, mask } = ranked;
    const base = new Map(lead.map((i) => [i, score[i]!]));
    const factor = (span: number, words: number) => 1 + proximityWeight / (1 + Math.max(0, span - (words - 1)) / proximityScale);
    /**
     * The most a pending story can be raised to: every word's span is at
     * least that of the words whose positions are here already.
     */
    const most = new Map<number, number>();
    const raise = (i: number): boolean => {
      const known = this.span(docs[i]!, plans, mask[i]!);
      if (known.complete) score[i] = base.get(i)! * factor(known.span, words[i]!);
      else most.set(i, base.get(i)! * (known.words >= 2 ? factor(known.span, words[i]!) : 1 + proximityWeight));
      return known.complete;
    };
    let pending = lead.filter((i) => words[i]! >= 2 && !raise(i));
    const perRecord = this.manifest.recordLength;
    let budget = proximityRecords * perRecord;
    while (pending.length > 0) {
      // A pending story may still reach the first `want` places unless that
      // many stories stand above the most it can be raised to.
      const contenders = pending.filter((i) => {
        let above = 0;
        for (const j of lead) if (j !== i && (words[j]! > words[i]! || (words[j] === words[i] && score[j]! > most.get(i)!))) above++;
        return above < want;
      });
      if (contenders.length === 0) break;
      // The words' positions files when they cost less than the records;
      // otherwise the records of the likeliest stories, a page at a time.
      const terms = new Set(contenders.flatMap((i) => this.missingTerms(docs[i]!, plans, mask[i]!)));
      const fileCost = [...terms].reduce((n, t) => n + this.index.positionsLength(t), 0);
      const batch = contenders.sort((x, y) => most.get(y)! - most.get(x)!).slice(0, Math.min(want, Math.floor(budget / perRecord)));
      if (fileCost <= Math.min(budget, contenders.length * perRecord)) {
        budget -= fileCost;
        await Promise.all([...terms].map((t) => this.index.loadPositions(t)));
      } else if (batch.length > 0) {
        budget -= batch.length * perRecord;
        await this.index.loadRecords(batch.map((i) => docs[i]!));
      } else break;
      check();
      const left = pending.filter((i) => !raise(i));
      if (left.length === pending.length) break;
      pending = left;
    }
  }

  /** The query's common words in story `doc` whose positions have not arrived. */
  private missingTerms(doc: number, plans: WordPlan[], mask: number): string[] {
    const out: string[] = [];
    plans.forEach((plan, bit) => {
      if (mask & (1 << bit)) for (const e of plan.expansions) if (!this.index.positions(e.entry.term, doc)) out.push(e.entry.term);
    });
    return out;
  }

  /**
   * Fewest positions spanning one match of every query word in `mask`
   * (Infinity if none). While a common word's positions are missing, the span
   * of the words whose positions are here (`complete` false; `words` of them).
   */
  private span(doc: number, plans: WordPlan[], mask: number): { span: number; complete: boolean; words: number } {
    const events: number[] = [];
    let have = 0, complete = true;
    plans: for (let bit = 0; bit < plans.length; bit++) {
      if (!(mask & (1 << bit))) continue;
      const start = events.length;
      for (const e of plans[bit]!.expansions) {
        const at = this.index.positions(e.entry.term, doc);
        if (!at) {
          complete = false;
          events.length = start;
          continue plans;
        }
        for (const p of at) events.push(p * 32 + bit);
      }
      have |= 1 << bit;
    }
    events.sort((x, y) => x - y);
    const need = popcount(have);
    const count = new Array<number>(32).fill(0);
    let seen = 0, best = Infinity;
    for (let lo = 0, hi = 0; hi < events.length; hi++) {
      if (count[events[hi]! % 32]!++ === 0) seen++;
      while (seen === need) {
        best = Math.min(best, Math.floor(events[hi]! / 32) - Math.floor(events[lo]! / 32));
        if (--count[events[lo]! % 32]! === 0) seen--;
        lo++;
      }
    }
    return { span: best, complete, words: need };
  }

  /**
   * The postings of a phrase from its words' postings (loaded): the stories
   * where the words stand in a row, at the first word's places, weighted as
   * its rarest field allows. Undefined when a word is missing or the phrase
   * never occurs, or when its common words' positions would cost more than
   * `maxCost` characters. Positions are read only for the stories holding
   * every word. The first word may stand for as many words as `firstWidths`
   * allows (a name indexed joined at its first syllable's place).
   */
  private async phraseList(terms: readonly string[], maxCost = Infinity, firstWidths: readonly number[] = [1]): Promise<PostingList | undefined> {
    const lists = terms.map((t) => this.index.postings.get(t));
    if (lists.length === 0 || lists.some((l) => !l)) return undefined;
    const [first, ...rest] = lists as PostingList[];
    const holding = Array.from(first!.docs).flatMap((doc, i) => (rest.every((l) => holds(l, doc)) ? [i] : []));
    const docsHolding = holding.map((i) => first!.docs[i]!);
    const plan = this.index.positionsPlan(terms, docsHolding);
    if (plan.cost > maxCost) return undefined;
    await plan.load();
    const docs: number[] = [], weights: number[] = [], offsets: number[] = [0], positions: number[] = [];
    for (const i of holding) {
      const doc = first!.docs[i]!;
      const [starts, ...others] = terms.map((t) => this.index.positions(t, doc) ?? EMPTY);
      const found = [...starts!].filter((p) => firstWidths.some((w) => others.every((o, k) => o.includes(p + w + k))));
      if (found.length === 0) continue;
      const perOccurrence = first!.weights[i]! / starts!.length;
      docs.push(doc);
      weights.push(Math.max(1, Math.round(found.length * perOccurrence)));
      positions.push(...found);
      offsets.push(positions.length);
    }
    if (docs.length === 0) return undefined;
    return { docs: Int32Array.from(docs), weights: Int32Array.from(weights), offsets: Int32Array.from(offsets), positions: Int32Array.from(positions) };
  }

  /** True when story `doc` has the phrase's indexed words at the phrase's spacing. */
  private hasPhrase(doc: number, phrase: readonly string[]): boolean {
    const parts = phrase.map((term, offset) => ({ term, offset })).filter((p) => isIndexed(p.term));
    if (parts.length === 0) return true;
    const [first, ...rest] = parts.map((p) => ({ at: this.index.positions(p.term, doc) ?? EMPTY, offset: p.offset }));
    return [...first!.at].some((start) => rest.every((r) => r.at.includes(start - first!.offset + r.offset)));
  }

  /** Which query word a term (or run of words, see TermMatcher) in a story matches, for highlighting. */
  private matcher(plans: WordPlan[]): TermMatcher {
    const byTerm = new Map<string, number>();
    plans.forEach((p, i) => {
      for (const e of p.expansions) if (!byTerm.has(e.entry.term)) byTerm.set(e.entry.term, i);
    });
    // A syllable of a name marks the name only: "hoi an" marks "Hội An", not every "an" or "another".
    const partial = plans.findIndex((p) => p.word.partial && !p.joined);
    const stem = partial >= 0 ? plans[partial]!.word.term : '';
    // The word being typed marks the words it starts, but never one the index leaves out ("an" is not "and").
    const matcher: TermMatcher = (term, run) => byTerm.get(term) ?? (stem && !run && term.startsWith(stem) && isIndexed(term) ? partial : -1);
    // A run matches a spaced term ("ho chi minh city") from its first word, or
    // a joined one ("hanoi") from any start of two letters or more that leaves
    // two for the rest (terms are two letters or more).
    const runStarts = new Set<string>();
    for (const term of byTerm.keys()) {
      if (term.includes(' ')) runStarts.add(term.slice(0, term.indexOf(' ')));
      else for (let k = 2; k <= term.length - 2; k++) runStarts.add(term.slice(0, k));
    }
    matcher.runStarts = runStarts;
    return matcher;
  }

  /**
   * "Did you mean": each unknown word replaced by its nearest common term (one
   * typo, two from six letters on, as Lucene's fuzzy matching counts them:
   * two changes to a word of five make another word, "covid" "avoid"), or else split where a space was missed
   * ("hoianlanterns" → "hoian lanterns"); offered only when some story holds every
   * word of it, so that it never points at nothing. Names (aliases, syllables
   * of a name) and words under four letters are left as typed, and a word
   * English knows changes only into a form of itself: "sai gon" is not "said
   * gone", nor "saigon metro" "saigon metre".
   */
  private async suggest(plans: readonly WordPlan[], section: number, check: () => void): Promise<string | undefined> {
    let changed = false;
    const { typoMinLength } = this.manifest.tuning;
    const replaced = await Promise.all(
      plans.map(async ({ word, name }) => {
        const w = word.term;
        if (name || word.exact || !isCorrectable(w) || w.length < typoMinLength) return w;
        const prefix = w.slice(0, 2);
        const range = await this.index.entries(prefix);
        check();
        if (range.some((e) => e.term === w)) return w;
        const [known, suffixTerms] = await Promise.all([this.index.isKnownWord(w), this.index.suffixRange(reverseTerm(w.slice(-2)))]);
        check();
        const [best] = await this.corrections(w, w.length >= 6 ? 2 : 1, range, suffixTerms, known, check);
        const read = best?.entry.term ?? (await this.spaced(w, range, check));
        if (!read) return w;
        changed = true;
        return read;
      }),
    );
    if (!changed) return undefined;
    const suggestion = replaced.join(' ');
    const planned = await this.planQuery(parseQuery(`${suggestion} `).words, check);
    return (await this.rank(planned, section, 0, check)).full > 0 ? suggestion : undefined;
  }

  /**
   * An unknown word as two words the stories hold, with the space a phone's
   * keyboard missed put back ("hoianlanterns" → "hoian lanterns"): the
   * longest first word that leaves one of three letters or more.
   */
  private async spaced(w: string, range: readonly VocabEntry[], check: () => void): Promise<string | undefined> {
    const [first, second] = (await this.twoWords(w, range, check)).filter(([a, b]) => a.term.length >= 3 && b.term.length >= 3).at(-1) ?? [];
    return first && second ? `${first.term} ${second.term}` : undefined;
  }
}

/** Stories being ranked, by index: their numbers, how many query words each holds, score, and which words. */
export interface Ranked {
  docs: Int32Array;
  words: Uint8Array;
  score: Float64Array;
  mask: Uint32Array;
}

/** Matching stories, best first (as far as asked): the first `full` hold every query word, the others some. */
interface Ranking {
  docs: Int32Array;
  full: number;
}

const EMPTY = new Int32Array(0);

/** Whether `b` is `a` with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Whether one of two words is the other's plural, as English spells most
 * (beach, beaches; city, cities; road, roads), and of its stem: "news" is no plural of "new".
 */
function isPlural(a: string, b: string): boolean {
  const [one, many] = a.length < b.length ? [a, b] : [b, a];
  const spelt = many === `${one}s` || many === `${one}es` || (one.endsWith('y') && many === `${one.slice(0, -1)}ies`);
  return spelt && stem(one) === stem(many);
}

/** The typed word's plural or singular, weighed as the word itself. */
function pluralForm(entry: VocabEntry): Expansion {
  return { entry, weight: 1, edits: 0, completion: false, form: true, plural: true };
}

/**
 * How stories being ranked are ordered: most words, then highest score, then
 * newest (highest number: stories are numbered oldest first; so no two are equal).
 */
function rankOrder({ words, score, docs }: Pick<Ranked, 'words' | 'score' | 'docs'>): (i: number, j: number) => number {
  return (i, j) => words[j]! - words[i]! || score[j]! - score[i]! || docs[j]! - docs[i]!;
}

/**
 * The places 0 to n - 1 of the stories being ranked in rankOrder: the first
 * `k` in that order, the rest after them in no order. Sorting the 50,000 matches of a query of
 * common words took about 50 ms where a page needs ten. Stories with more
 * words than the k-th are all in; those with fewer are never compared; of
 * those with as many, a quickselect (Hoare's partition, the middle one as
 * pivot) finds the ones that make up k, and only the k are sorted.
 */
export function leadingInOrder(ranked: Pick<Ranked, 'words' | 'score' | 'docs'>, k: number): number[] {
  const { words } = ranked;
  const n = words.length;
  const compare = rankOrder(ranked);
  const all: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (k <= 0) return all;
  if (k >= n / 2) return all.sort(compare);
  const perWords: number[] = [];
  for (let i = 0; i < n; i++) perWords[words[i]!] = (perWords[words[i]!] ?? 0) + 1;
  let least = perWords.length - 1, above = 0;
  while (above + (perWords[least] ?? 0) < k) above += perWords[least--] ?? 0;
  const head: number[] = [], edge: number[] = [], rest: number[] = [];
  for (let i = 0; i < n; i++) (words[i]! > least ? head : words[i] === least ? edge : rest).push(i);
  const wanted = k - head.length;
  let lo = 0, hi = edge.length - 1;
  while (lo < hi) {
    const pivot = edge[(lo + hi) >> 1]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (compare(edge[i]!, pivot) < 0) i++;
      while (compare(edge[j]!, pivot) > 0) j--;
      if (i <= j) {
        [edge[i], edge[j]] = [edge[j]!, edge[i]!];
        i++;
        j--;
      }
    }
    if (wanted <= j) hi = j;
    else if (wanted >= i) lo = i;
    else break;
  }
  return [...head, ...edge.slice(0, wanted)].sort(compare).concat(edge.slice(wanted), rest);
}

function popcount(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * `plans` less each unquoted word of `kinds` that follows a name: it says what
 * the name is ("hanoi city", "ha long bay"), also mistyped ("hanoi ctiy": the
 * nearest word it is read as, where the stories lack the word as typed; or a
 * typo from the kind where the stories hold nothing near it: "hanoi cty",
 * "phu quoc islnd").
 */
function withoutKindsOfPlace(plans: WordPlan[], kinds: ReadonlySet<string>): WordPlan[] {
  const kind = (p: WordPlan) => kinds.has(p.word.term)
    || (!p.expansions.some((e) => e.edits === 0) && kinds.has(p.expansions.find((e) => e.edits > 0)?.entry.term ?? ''))
    || (p.expansions.length === 0 && isCorrectable(p.word.term) && [...kinds].some((k) => editDistance(p.word.term, k, 1) <= 1));
  return plans.filter((p, i) => !(i > 0 && plans[i - 1]!.name && !p.word.exact && kind(p)));
}

/**
 * The plans of the words a query is about. "city", "province" or "town" after
 * a name says what the name is ("hanoi city", "can tho city"), as "Hue City"
 * and "Ho Chi Minh City" in the aliases table do: a story about the place need
 * not write it. Elsewhere it is a word. A question word misspelt ("happend")
 * frames the question as the word would (QUESTION_WORDS), and so does a
 * function word kept as a syllable that joined no name ("to", "do" in "what
 * to do in hoi an": SYLLABLE_FUNCTION_WORDS).
 */
function subjectPlans(plans: WordPlan[]): WordPlan[] {
  const kept = withoutKindsOfPlace(plans, PLACE_KINDS);
  const frames = (p: WordPlan) => p.framing || (!p.word.exact && !p.word.partial && !p.name && !p.joined && SYLLABLE_FUNCTION_WORDS.has(p.word.term));
  return kept.some((p) => !frames(p)) ? kept.filter((p) => !frames(p)) : kept;
}

/**
 * `plans` with each pair of neighbouring words that the stories write as one
 * word (or a form of it: "fire work" as "fireworks"; while the second is
 * typed, a word the two begin) read as that word, the commonest where several
 * are; `plans` itself where there is none. Names and quoted words stay.
 */
function joinedWords(plans: WordPlan[]): WordPlan[] {
  const plain = (p: WordPlan) => !p.name && !p.alias && !p.joined && !p.word.exact && !p.word.joinOnly;
  const out: WordPlan[] = [];
  for (let i = 0; i < plans.length; i++) {
    const [a, b] = [plans[i]!, plans[i + 1]];
    if (!b || !plain(a) || !plain(b)) {
      out.push(a);
      continue;
    }
    const term = a.word.term + b.word.term;
    const [entry] = a.range
      .filter((e) => e.term === term || formKey(e.term) === formKey(term) || (b.word.partial && e.term.startsWith(term)))
      .sort((x, y) => y.df - x.df || compareTerms(x.term, y.term));
    if (!entry) {
      out.push(a);
      continue;
    }
    out.push({ word: { term: `${a.word.term} ${b.word.term}`, partial: false, exact: false }, expansions: [{ entry, weight: 1, edits: 0, completion: false }], range: [], corrected: entry.term });
    i++;
  }
  return out.length === plans.length ? plans : out;
}

/**
 * The start and the end of a mistyped word its corrections are looked up by:
 * one typo cannot touch both ends of a word this long, so the terms that
 * begin with its first letters and those that end with its last hold every
 * correction.
 */
const correctionPrefix = (w: string) => w.slice(0, w.length >= 6 ? 3 : 2);
const correctionSuffix = (w: string) => w.slice(-(w.length >= 7 ? 3 : 2));

/**
 * Where fewer than all of a name's words, at most `most`, stand in a row
 * among the typed (not quoted, not `taken`) words with some of them joined,
 * their letters making `key`, the name's words joined ("hochiminh city" for
 * Ho Chi Minh City); undefined if nowhere.
 */
function findJoinedRun(words: readonly QueryWord[], key: string, most: number, taken: ReadonlySet<number>): { at: number; length: number } | undefined {
  for (let at = 0; at < words.length; at++) {
    let joined = '';
    for (let length = 1; length <= most && at + length <= words.length; length++) {
      const word = words[at + length - 1]!;
      if (word.exact || taken.has(at + length - 1)) break;
      joined += word.term;
      if (joined === key) return { at, length };
      if (!key.startsWith(joined)) break;
    }
  }
  return undefined;
}

/** Where `name`'s terms stand in a row among the typed (not quoted) words; -1 if nowhere. */
function findRun(words: readonly QueryWord[], name: readonly string[]): number {
  outer: for (let i = 0; i + name.length <= words.length; i++) {
    for (let k = 0; k < name.length; k++) if (words[i + k]!.exact || words[i + k]!.term !== name[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * What a word's own forms share: without a plural's or a past's ending, and
 * with British spellings written the American way (centre → center, labour →
 * labor, organise → organize). A word English knows that no story holds is
 * read only as another form of itself: hotel as "hotels", meter as "metre",
 * but metro never as "metre".
 */
function formKey(word: string): string {
  return word
    .replace(/([^aeiou])ies$/, '$1y')
    .replace(/(s|x|z|ch|sh)es$/, '$1')
    .replace(/([^aisu])s$/, '$1')
    .replace(/ed$/, 'e')
    .replace(/our$/, 'or')
    .replace(/([^aeiou])re$/, '$1er')
    .replace(/([iy])s(e|ing|ation)$/, '$1z$2');
}

/**
 * The words of the first of `texts` that holds them whose terms, joined,
 * are `term`'s (spaces aside): "Hội An" for `hoian`, "Hà Nội" for `ha noi`.
 * Only words one space or hyphen apart: "Hội, An" is not the name.
 */
export function writtenAs(term: string, texts: readonly string[]): string | undefined {
  const want = term.replaceAll(' ', '');
  for (const text of texts) {
    const spans = tokenSpans(text).filter((span) => span.term);
    for (let i = 0; i < spans.length; i++) {
      let joined = '';
      for (let j = i; j < spans.length && want.startsWith(joined); j++) {
        if (j > i && !/^[\s-]$/.test(text.slice(spans[j - 1]!.end, spans[j]!.start))) break;
        joined += spans[j]!.term;
        if (joined === want) return text.slice(spans[i]!.start, spans[j]!.end);
      }
    }
  }
  return undefined;
}
