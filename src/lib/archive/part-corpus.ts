/**
 * The corpus of one part of a sliced archive build (part.ts): the stories it
 * reads from Astro's collection, turned into the one model by toArticle, with
 * the corpus-wide parts (related lists, section neighbours, sections in use)
 * taken from the corpus index instead of computed from the part's stories,
 * so every page comes out as a whole build renders it.
 */
import { readFileSync } from 'node:fs';
import type { Corpus } from '../model/corpus.ts';
import { readEntries } from '../model/entries.ts';
import { byNewest, groupListings } from '../model/listings.ts';
import type { Neighbours } from '../model/neighbours.ts';
import { relatedStories } from '../model/related-input.ts';
import { toArticle } from '../model/to-article.ts';
import type { RelatedLink } from '../related/index.ts';
import { site } from '../../site.config.ts';
import { readTexts, type CorpusIndex } from './corpus-index.ts';
import type { ArchivePart } from './part.ts';

/** The corpus a slice or the index part renders from. */
export async function partCorpus(part: ArchivePart): Promise<Corpus> {
  const index = JSON.parse(readFileSync(part.corpusIndex, 'utf8')) as CorpusIndex;
  const entries = await readEntries();
  const texts = part.kind === 'index' ? await readTexts(part.texts) : undefined;
  const own = new Set(part.own);
  // A story read as a card has no body in this build: its text is the index's
  // (the index part, for search) or none (a slice's cards show no text).
  const all = entries.map((entry) => (own.has(entry.id) ? toArticle(entry) : toArticle(entry, texts?.get(entry.id) ?? '')));
  const byId = new Map(all.map((a) => [a.id, a]));
  const missing = [...part.own, ...part.cards].filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new Error(`${part.name}: ${missing.length} stories of the corpus index are not in the content folder (${missing.slice(0, 5).join(', ')}); was it changed during the build?`);
  }
  const articles = (part.kind === 'index' ? all : all.filter((a) => own.has(a.id))).sort(byNewest);
  const stories = part.kind === 'slice' ? index.stories.filter((s) => own.has(s.id)) : [];
  const links = new Map(stories.map((s) => [s.id, s.related.map(([id, reason]): RelatedLink => ({ id, reason }))]));
  const neighbours = new Map(stories.map((s): [string, Neighbours] => [s.id, { older: s.older ? byId.get(s.older) : undefined, newer: s.newer ? byId.get(s.newer) : undefined }]));
  console.info(`[dispatch] ${part.name}: ${own.size} stories read whole, ${all.length - own.size} as cards`);
  return {
    // A slice lists nothing: its front page, feeds and such are thrown away
    // by the merge, so they must not make pictures the site does not use.
    articles: part.kind === 'index' ? articles : [],
    articlePages: part.kind === 'slice' ? articles : [],
    sections: site.sections.filter((s) => index.sections.includes(s.id)),
    // A slice renders no listings; the index part renders them all.
    listings: groupListings(part.kind === 'index' ? articles : [], site.timeZone),
    neighbours,
    related: relatedStories(links, byId),
    entries: new Map(entries.map((e) => [e.id, e])),
  };
}
