/**
 * Suggestions above the story results: the sections, tags, agencies, places
 * (datelines), people (authors) and alias names of the site, matched fuzzily
 * with Fuse.js (typos, missing diacritics and spaces forgiven). A suggestion
 * with a page of its own (section, tag, source) goes there, and so does an
 * alias of a name with a page; the others run a search for their name.
 */
import Fuse from 'fuse.js/basic';
import { fold } from '../text/fold.ts';
import { editDistance } from './edit-distance.ts';

export type EntityKind = 'section' | 'tag' | 'source' | 'place' | 'person' | 'alias';

export interface Entity {
  name: string;
  kind: EntityKind;
  /** The entity's own page; absent when choosing it runs a search for `name`. */
  url?: string;
  /** For an alias that goes to another name's page, that name ("Saigon" → "Hồ Chí Minh City"). */
  leadsTo?: string;
}

/** What the site knows by name, handed to the index builder. */
export interface EntityInput {
  sections?: readonly { name: string; url: string }[];
  tags?: readonly { name: string; url: string }[];
  sources?: readonly { name: string; url: string }[];
  places?: readonly string[];
  people?: readonly string[];
}

/** Kinds in the order suggestions of equal closeness are listed. */
const KIND_ORDER: readonly EntityKind[] = ['section', 'tag', 'place', 'source', 'person', 'alias'];

/**
 * One list of entities, each name once per kind, in a stable order. An
 * alias group is offered only where one of its names has a page or `held`
 * says a story holds one: the table also names places the archive may
 * lack (so "ha long" is read as Hạ Long), and a suggestion must lead somewhere.
 */
export function buildEntities(input: EntityInput, aliases: readonly (readonly string[])[], held: (name: string) => boolean = () => true): Entity[] {
  const out: Entity[] = [];
  // One line per name: a place or person that is also a tag goes to the tag's
  // page; an alias name already listed needs no second line.
  const named = new Set<string>();
  const add = (name: string, kind: EntityKind, url?: string, leadsTo?: string) => {
    const key = compact(name);
    if (!key || named.has(key)) return;
    named.add(key);
    out.push({ name: name.trim(), kind, ...(url ? { url } : {}), ...(leadsTo ? { leadsTo } : {}) });
  };
  for (const s of input.sections ?? []) add(s.name, 'section', s.url);
  for (const t of input.tags ?? []) add(t.name, 'tag', t.url);
  for (const s of input.sources ?? []) add(s.name, 'source', s.url);
  for (const p of input.places ?? []) add(p, 'place');
  for (const p of input.people ?? []) add(p, 'person');
  // An alias goes where a name of its group has a page (Saigon → the Hồ Chí
  // Minh City topic), as that name would; otherwise it runs a search.
  const listed = new Map(out.map((e) => [compact(e.name), e]));
  for (const group of aliases) {
    const page = group.map((name) => listed.get(compact(name))).find((e) => e?.url);
    if (!page && !group.some(held)) continue;
    for (const name of group) add(name, page?.kind ?? 'alias', page?.url, page?.name);
  }
  return out;
}

/** Folded letters and digits only: "Hà Nội", "ha noi" and "HANOI" all read "hanoi". */
function compact(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Fuzzy lookup over the entity list. A name is matched from the start of
 * one of its words ("minh" finds Hồ Chí Minh City, "delta" the Mekong
 * Delta), never from inside a word: "hnoi" used to offer Science &
 * Technology first (its "hno"), "sapa" Dispatch and "culture" Agriculture.
 */
export class EntityIndex {
  private readonly items: { entity: Entity; keys: string[]; rank: number }[];
  private readonly fuse: Fuse<{ entity: Entity; keys: string[]; rank: number }>;

  constructor(entities: readonly Entity[]) {
    const items = (this.items = entities.map((entity) => {
      const words = fold(entity.name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      // The name from each of its words on, letters and digits only: "Lê Hoàng Phúc" → lehoangphuc, hoangphuc, phuc.
      return { entity, keys: words.map((_, i) => words.slice(i).join('')), rank: KIND_ORDER.indexOf(entity.kind) };
    }));
    // A match may start at most a letter into a key (location 0, distance 4,
    // threshold 0.3: a letter's shift costs 0.25), with typos as Bitap allows.
    this.fuse = new Fuse(items, { keys: ['keys'], location: 0, distance: 4, threshold: 0.3, ignoreFieldNorm: true, includeScore: true, includeMatches: true, isCaseSensitive: true });
  }

  /** Up to `limit` entities whose names match `query`, closest first. */
  suggest(query: string, limit = 5): Entity[] {
    const key = compact(query.slice(0, 64));
    if (key.length < 2) return [];
    const typed = fold(query.slice(0, 64)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const words = typed.length > 1 ? typed : [];
    // Two or three letters only begin a name, as typed: no fuzzy search needed.
    const found = key.length <= 3
      ? this.items.filter((item) => item.keys[0]!.startsWith(key)).map((item) => ({ entity: item.entity, rank: item.rank, score: 0, at: 0, length: item.keys[0]!.length }))
      : this.fuse.search(key).flatMap(({ item, score = 1, matches = [] }) => {
        const at = Math.min(...matches.map((m) => m.refIndex ?? 0));
        const name = item.keys[at] ?? '';
        // A long query must cover most of the name it matches, and each word
        // typed must be in the name. Scores in steps of 0.05: Bitap's tiny differences (0.001) say nothing.
        return name.length >= key.length - 1 && words.every((word) => holdsWord(item.keys[0]!, word))
          ? [{ entity: item.entity, rank: item.rank, score: Math.round(score * 20) / 20, at, length: name.length }]
          : [];
      });
    // A name as typed leaves out the names it only resembles ("hoi an": Hội An, not Lê Hoàng Phúc).
    const best = Math.min(...found.map((f) => f.score));
    return found
      .filter((f) => f.score <= best + 0.1)
      .sort((a, b) => a.score - b.score || Number(a.at > 0) - Number(b.at > 0) || a.rank - b.rank || a.length - b.length)
      .slice(0, limit)
      .map((f) => f.entity);
  }
}

/**
 * Whether `name` (folded letters and digits) holds the typed `word`
 * somewhere, with a typo (two in eight letters or more). A
 * query of several words matches a name only where each word is in it:
 * "news hue" matched Vietnam News Agency (its "newsag", two letters off),
 * where the reader meant Huế. Words of one or two letters ("ha noi") are not
 * checked.
 */
function holdsWord(name: string, word: string): boolean {
  if (word.length < 3 || name.includes(word)) return true;
  const typos = word.length >= 8 ? 2 : 1;
  for (let length = word.length - typos; length <= word.length + typos; length++) {
    for (let at = 0; at + length <= name.length; at++) {
      if (editDistance(word, name.slice(at, at + length), typos) <= typos) return true;
    }
  }
  return false;
}
