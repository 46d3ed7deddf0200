/**
 * The site's search index, built once per build from the corpus: the search
 * engine's documents and entities in terms of the model.
 */
import { getImage } from 'astro:assets';
import type { Article } from './article.ts';
import { timed } from '../build/build-profile.ts';
import { formatDay } from '../text/format-date.ts';
import type { SearchDocument } from '../search/build-index.ts';
import type { SearchThumbnail } from '../search/index-format.ts';
import { indexAside, indexStep, type IndexOutcome } from '../search/index-worker.ts';
import { archivePart } from '../archive/part.ts';
import { knownWords } from '../search/known-words.ts';
import { sourceDigest } from '../build/step-cache.ts';
import { site } from '../../site.config.ts';
import { sectionUrl } from './urls.ts';
import { articleTextPlace } from './to-article.ts';
import type { Corpus } from './corpus.ts';

let built: Promise<IndexOutcome> | undefined;

/** The source an index update depends on (the builder, its word scanner, the settings): a change to any builds whole. */
const SEARCH_CODE = ['src/lib/search', 'src/lib/text', 'src/site.config.ts'];

/**
 * Every file of the search index, and the line saying how it was had
 * (memoised: built once per build; in a worker thread in a build).
 */
export function searchIndex(corpus: Pick<Corpus, 'articles' | 'sections' | 'listings'>): Promise<IndexOutcome> {
  built ??= timed('search index', () => buildIndex(corpus));
  return built;
}

/** Lets go of this build's index (see releaseCorpus). */
export function releaseSearchIndex(): void {
  built = undefined;
}

async function buildIndex({ articles, sections, listings }: Pick<Corpus, 'articles' | 'sections' | 'listings'>): Promise<IndexOutcome> {
  const docs = await Promise.all(articles.map(toSearchDocument));
  const {
    fieldWeights, shardBytes, positionsApartBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes, aliases,
    pageSize: _pageSize, panelSize: _panelSize, debounceMs: _debounceMs, thumbnailWidth: _thumbnailWidth,
    ...tuning
  } = site.search;
  const { tags, sources } = listings;
  const entities = {
    sections: sections.map((s) => ({ name: s.name, url: sectionUrl(s.id) })),
    tags: tags.map((t) => ({ name: t.name, url: t.url })),
    sources: sources.map((s) => ({ name: s.name, url: s.url })),
    places: [...new Set(articles.flatMap((a) => (a.dateline ? [a.dateline] : [])))].sort(),
    people: [...new Set(articles.flatMap((a) => a.authors))].sort(),
  };
  const options = {
    fieldWeights, shardBytes, positionsApartBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes, tuning, sections: site.sections, aliases, entities,
    knownWords: knownWords(tuning.typoMinLength),
  };
  // The entities are written afresh by an update, so a new author or place is not a change of settings.
  const { entities: _entities, ...settings } = options;
  const job = { docs, options, moduleUrl: import.meta.url, settings: JSON.stringify({ settings, code: sourceDigest(SEARCH_CODE) }) };
  // A sliced archive's index part builds the whole archive's index from texts it holds, not kept ones:
  // sent to a thread, 100,000 stories' texts would be held twice.
  if (archivePart()) return indexStep(job);
  const places = new Map(docs.map((doc, i) => [doc, articleTextPlace(articles[i]!)]));
  return indexAside(job, (doc) => places.get(doc));
}

async function toSearchDocument(article: Article): Promise<SearchDocument> {
  return {
    url: article.url,
    title: article.title,
    summary: article.summary,
    section: { id: article.section.id, name: article.section.name },
    date: article.date,
    dateText: formatDay(article.date),
    tags: article.tags.map((t) => t.name),
    ...(article.dateline ? { dateline: article.dateline } : {}),
    // Read only for the stories whose records are made (a kept body's text comes from its file then).
    get text() {
      return article.text;
    },
    textDigest: article.textDigest,
    ...(article.image ? { thumbnail: await thumbnail(article.image.src) } : {}),
  };
}

/**
 * Small WebPs of the article's photo for the result list: one the width of
 * the thumbnail's slot, and one three times as wide for sharp phone screens.
 */
async function thumbnail(src: ImageMetadata): Promise<SearchThumbnail> {
  const width = Math.min(site.search.thumbnailWidth, src.width);
  const image = await getImage({ src, width, format: 'webp' });
  const thumb = { src: image.src, width, height: Math.round((src.height * width) / src.width) };
  const largeWidth = Math.min(3 * width, src.width);
  if (largeWidth <= width) return thumb;
  const large = await getImage({ src, width: largeWidth, format: 'webp' });
  return { ...thumb, large: { src: large.src, width: largeWidth } };
}
