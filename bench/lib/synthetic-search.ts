/**
 * A search index built straight from a synthetic corpus, without Astro: the
 * stories' text goes to the index builder as the site's build hands it over
 * (src/lib/model/search-index.ts), with the site's settings. Much faster than
 * building the site, so the engine can be measured at 100,000 stories.
 */
import { buildSearchIndex, type BuildOptions, type BuiltIndex, type SearchDocument } from '../../src/lib/search/build-index';
import { knownWords } from '../../src/lib/search/known-words';
import { site } from '../../src/site.config';
import type { RawStory } from './bbc';
import { syntheticStories } from './synthetic-corpus';

/** The index builder's options from site.config.ts, as the site's build sets them. */
export function siteIndexOptions(): BuildOptions {
  const {
    fieldWeights, shardBytes, positionsApartBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes, aliases,
    pageSize: _pageSize, panelSize: _panelSize, debounceMs: _debounceMs, thumbnailWidth: _thumbnailWidth,
    ...tuning
  } = site.search;
  return {
    fieldWeights, shardBytes, positionsApartBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes, aliases, tuning, sections: site.sections,
    knownWords: knownWords(tuning.typoMinLength),
  };
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The search documents of `count` synthetic stories (one section, one story an hour from 2015). */
export function syntheticSearchDocuments(stories: readonly RawStory[], count: number): SearchDocument[] {
  const section = site.sections[0]!;
  return Array.from(syntheticStories(stories, { count, section: section.id, seed: 1, start: new Date('2015-01-01T00:00:00Z'), spreadMinutes: 60 }), (s) => ({
    url: `/articles/${s.id}/`, title: s.title, summary: s.summary, section: { id: section.id, name: section.name },
    date: s.date, dateText: dayFormat.format(s.date), tags: s.tags, text: s.body,
  }));
}

/** The index of `docs` with the site's settings, some numbers (of the index's shape or its tuning) changed by name. */
export function syntheticSearchIndex(docs: readonly SearchDocument[], changes: Record<string, number> = {}): BuiltIndex<string> {
  return buildSearchIndex(docs, withChanges(siteIndexOptions(), changes));
}

/** `options` with numbers of its shape or tuning changed by name ("proximityRecords=20"); an unknown name is an error. */
export function withChanges(options: BuildOptions, changes: Record<string, number>): BuildOptions {
  const out = { ...options, tuning: { ...options.tuning } };
  for (const [key, value] of Object.entries(changes)) {
    if (typeof (out.tuning as Record<string, unknown>)[key] === 'number') (out.tuning as Record<string, unknown>)[key] = value;
    else if (typeof (out as Record<string, unknown>)[key] === 'number') (out as Record<string, unknown>)[key] = value;
    else throw new Error(`--set ${key}: not a number of the search index's shape or tuning`);
  }
  return out;
}
