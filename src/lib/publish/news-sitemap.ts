/**
 * The Google News sitemap: stories published in the two days before the
 * build, each with the publication's name and language, its date and its
 * headline (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 */
import { escapeUTF8 } from 'entities';
import type { Article } from '../model/article.ts';
import { absoluteUrl } from '../model/urls.ts';

/** Google News reads only stories from the last two days, at most 1,000 of them. */
const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 1000;

export interface NewsPublication {
  name: string;
  /** ISO 639 language code ("en"). */
  lang: string;
  /** Absolute site URL, without trailing slash. */
  url: string;
}

/** Stories published in the two days up to `now`, newest first. */
export function recentNews(articles: readonly Article[], now: Date): Article[] {
  const from = now.getTime() - NEWS_WINDOW_MS;
  return articles
    .filter((a) => a.date.getTime() > from && a.date.getTime() <= now.getTime())
    .sort((a, b) => b.date.getTime() - a.date.getTime())
    .slice(0, MAX_ENTRIES);
}

/** The news sitemap's XML for `articles` (already chosen by `recentNews`). */
export function newsSitemapXml(articles: readonly Article[], publication: NewsPublication): string {
  const lang = escapeUTF8(publication.lang.split('-')[0]!.toLowerCase());
  const urls = articles.map((a) => [
    '<url>',
    `<loc>${escapeUTF8(absoluteUrl(publication.url, a.url))}</loc>`,
    '<news:news>',
    `<news:publication><news:name>${escapeUTF8(publication.name)}</news:name><news:language>${lang}</news:language></news:publication>`,
    `<news:publication_date>${a.date.toISOString()}</news:publication_date>`,
    `<news:title>${escapeUTF8(a.title)}</news:title>`,
    '</news:news>',
    '</url>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
