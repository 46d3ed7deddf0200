/**
 * The site's search index, built once per build from the published articles
 * and served as static files by src/pages/search/[...file].ts.
 */
import { getImage } from 'astro:assets';
import type { Article } from './article';
import { getArticles } from './articles';
import { timed } from './build-profile';
import { formatDay } from './format-date';
import { buildSearchIndex, type BuiltIndex, type SearchDocument } from './search/build-index';
import type { SearchThumbnail } from './search/index-format';
import { site } from '../site.config';

let built: Promise<BuiltIndex> | undefined;

/** Every file of the search index (memoised: built once per build). */
export function searchIndex(): Promise<BuiltIndex> {
  built ??= timed('search index', buildIndex);
  return built;
}

async function buildIndex(): Promise<BuiltIndex> {
  const articles = await getArticles();
  const docs = await Promise.all(articles.map(toSearchDocument));
  const {
    fieldWeights, shardBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes,
    pageSize: _pageSize, panelSize: _panelSize, debounceMs: _debounceMs, thumbnailWidth: _thumbnailWidth,
    ...tuning
  } = site.search;
  return buildSearchIndex(docs, { fieldWeights, shardBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes, tuning, sections: site.sections });
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
    text: article.text,
    ...(article.image ? { thumbnail: await thumbnail(article.image.src) } : {}),
  };
}

/** A small WebP of the article's photo for the result list. */
async function thumbnail(src: ImageMetadata): Promise<SearchThumbnail> {
  const width = Math.min(site.search.thumbnailWidth, src.width);
  const image = await getImage({ src, width, format: 'webp' });
  return { src: image.src, width, height: Math.round((src.height * width) / src.width) };
}
