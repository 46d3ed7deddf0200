// src/lib/publish/: publishing formats made from the model: RSS, the news sitemap, JSON-LD, social cards, the security policy, host configs.
/**
 * RSS 2.0 feeds (site-wide and per section) through @astrojs/rss: each item
 * carries the headline, link, full summary, publication date, categories
 * (section, then tags), byline (dc:creator) and its social card as
 * media:content. Item fields are escaped by the library's XML builder; the
 * raw XML we add ourselves (customData) is escaped here.
 */
import { createHash } from 'node:crypto';
import rss, { type RSSFeedItem, type RSSOptions } from '@astrojs/rss';
import type { Article } from '../model/article';
import { socialCardFor } from './social-card';
import { absoluteUrl } from '../model/urls';
import { site } from '../../site.config';

/** Escapes text for XML element content and attribute values. */
function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);
}

function feedItem(article: Article): RSSFeedItem {
  const card = socialCardFor(article, site.name);
  const creators = article.authors.length > 0 ? article.authors : article.source ? [article.source] : [];
  return {
    title: article.title,
    link: article.url,
    pubDate: article.date,
    description: article.summary,
    categories: [article.section.name, ...article.tags.map((t) => t.name)],
    customData:
      creators.map((name) => `<dc:creator>${escapeXml(name)}</dc:creator>`).join('') +
      `<media:content url="${escapeXml(absoluteUrl(site.url, card.path))}" medium="image" type="${card.type}" width="${card.width}" height="${card.height}"/>`,
  };
}

export interface FeedOptions {
  title: string;
  description: string;
  /** Site path of the feed itself (for atom:link rel="self"). */
  path: string;
  /** Newest first. */
  articles: readonly Article[];
  /** How many to include: `site.feedSize` unless the feed is the complete one. */
  limit?: number;
}

/** The RSS response for a list of articles. */
export function feedResponse(options: FeedOptions): Promise<Response> {
  return rss(feedContent(options));
}

/** A digest of everything the feed holds: its `cacheKey` (Astro renders it again only when the key changes). */
export function feedKey(options: FeedOptions): string {
  return createHash('sha256').update(JSON.stringify(feedContent(options))).digest('base64url');
}

/** What @astrojs/rss makes the feed from. */
function feedContent({ title, description, path, articles, limit = site.feedSize }: FeedOptions): RSSOptions {
  const items = articles.slice(0, limit);
  const newest = items.reduce<Date | undefined>((latest, a) => (!latest || a.modified > latest ? a.modified : latest), undefined);
  return {
    title,
    description,
    site: site.url,
    xmlns: {
      atom: 'http://www.w3.org/2005/Atom',
      dc: 'http://purl.org/dc/elements/1.1/',
      media: 'http://search.yahoo.com/mrss/',
    },
    customData:
      `<language>${escapeXml(site.lang)}</language>` +
      (newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>` : '') +
      `<atom:link href="${escapeXml(absoluteUrl(site.url, path))}" rel="self" type="application/rss+xml"/>`,
    items: items.map(feedItem),
  };
}
