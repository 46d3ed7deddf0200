/**
 * The site's search index, built once per build from the corpus: the search
 * engine's documents and entities in terms of the model.
 */
import { getImage } from 'astro:assets';
import type { Article } from './article';
import { timed } from '../build/build-profile';
import { formatDay } from '../text/format-date';
import { buildSearchIndex, type BuiltIndex, type SearchDocument } from '../search/build-index';
import { MANIFEST_FILE, type SearchManifest, type SearchThumbnail } from '../search/index-format';
import { keptOrComputed, type StepCodec } from '../build/step-cache';
import { site } from '../../site.config';
import { sectionUrl, tagUrl } from './urls';
import type { Corpus } from './corpus';

let built: Promise<BuiltIndex> | undefined;

/** Every file of the search index (memoised: built once per build). */
export function searchIndex(corpus: Corpus): Promise<BuiltIndex> {
  built ??= timed('search index', () => buildIndex(corpus));
  return built;
}

async function buildIndex({ articles, sections, listings }: Corpus): Promise<BuiltIndex> {
  const docs = await Promise.all(articles.map(toSearchDocument));
  const {
    fieldWeights, shardBytes, positionsApartBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes, aliases,
    pageSize: _pageSize, panelSize: _panelSize, debounceMs: _debounceMs, thumbnailWidth: _thumbnailWidth,
    ...tuning
  } = site.search;
  const { tags, sources } = listings;
  const entities = {
    sections: sections.map((s) => ({ name: s.name, url: sectionUrl(s.id) })),
    tags: tags.map((t) => ({ name: t.name, url: tagUrl(t.slug) })),
    sources: sources.map((s) => ({ name: s.name, url: s.url })),
    places: [...new Set(articles.flatMap((a) => (a.dateline ? [a.dateline] : [])))].sort(),
    people: [...new Set(articles.flatMap((a) => a.authors))].sort(),
  };
  const options = {
    fieldWeights, shardBytes, positionsApartBytes, vocabShardTerms, suffixShardTerms, headlineShardSize, prefetchBytes, tuning, sections: site.sections, aliases, entities,
  };
  const parts = () => [JSON.stringify(options), ...docs.map((doc) => JSON.stringify(doc))];
  return keptOrComputed('search index', import.meta.url, parts, () => buildSearchIndex(docs, options), keptIndex);
}

/** Beyond this many characters of index files, the index is not kept: writing it on every build would cost more than it saves. */
const KEPT_INDEX_MAX = 64 * 2 ** 20;

/** The index as the build cache keeps it: its files, by path; the manifest is one of them. */
const keptIndex: StepCodec<BuiltIndex> = {
  encode({ files }) {
    let size = 0;
    for (const text of files.values()) size += text.length;
    return size > KEPT_INDEX_MAX ? undefined : [...files];
  },
  decode(json) {
    if (!Array.isArray(json) || !json.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string')) {
      throw new Error('search index: not a list of files');
    }
    const files = new Map(json as [string, string][]);
    const manifest = files.get(MANIFEST_FILE);
    if (manifest === undefined) throw new Error('search index: no manifest');
    return { files, manifest: JSON.parse(manifest) as SearchManifest };
  },
};

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
    text: article.text,
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
