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
import type { Article } from '../model/article.ts';
import type { ArchiveMonth } from '../model/listings.ts';
import { socialCardFor } from './social-card.ts';
import { absoluteUrl, archiveFeedUrl, archiveMonthFeedUrl } from '../model/urls.ts';
import { site } from '../../site.config.ts';

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
  /** Where the document sits in the complete feed's chain of months. */
  history?: FeedHistory;
}

/**
 * A document of the complete feed, an archived feed in the sense of RFC 5005
 * (Feed Paging and Archiving, section 4): the subscription document holds the
 * newest month's stories and links to the month before (`prev-archive`);
 * each earlier month is an archive document (`fh:archive`) linking to the
 * months on either side and to the subscription document (`current`). An
 * archiver walks `prev-archive` links back to the first month and has every
 * story once. One feed of every story grew with the archive (6.5 MB at
 * 10,000 stories, written again for each story published); a month's
 * document is written again only when one of its stories changes, or once
 * when the month after it begins.
 */
export interface FeedHistory {
  /** True for a past month's document, false for the subscription document. */
  archive: boolean;
  /** The next older month's document. */
  prev?: string;
  /** The next newer past month's document (none for the newest past month: the subscription document follows it). */
  next?: string;
}

const HISTORY_NAMESPACE = 'http://purl.org/syndication/history/1.0';

/**
 * The complete feed's documents, the subscription document first, from the
 * archive's months (newest first): every published story in exactly one.
 */
export function completeFeed(months: readonly ArchiveMonth[]): FeedOptions[] {
  const [newest, ...past] = months;
  const path = (month: ArchiveMonth | undefined) => month && archiveMonthFeedUrl(month.year, month.month);
  const articles = newest?.articles ?? [];
  return [
    {
      title: `${site.name}: every story`,
      description: newest
        ? `Every story ${site.name} has published, newest first: ${newest.name} here, each earlier month in a document of its own, linked as prev-archive.`
        : `Every story ${site.name} has published: none yet.`,
      path: archiveFeedUrl,
      articles,
      limit: articles.length,
      history: { archive: false, prev: path(past[0]) },
    },
    ...past.map((month, i): FeedOptions => ({
      title: `${site.name}: every story from ${month.name}`,
      description: `Every story ${site.name} published in ${month.name}, newest first.`,
      path: archiveMonthFeedUrl(month.year, month.month),
      articles: month.articles,
      limit: month.articles.length,
      history: { archive: true, prev: path(past[i + 1]), next: path(past[i - 1]) },
    })),
  ];
}

/** The channel's RFC 5005 elements: the archive marker and the links along the chain. */
function historyXml(history: FeedHistory | undefined): string {
  if (!history) return '';
  const link = (rel: string, path: string | undefined) =>
    path ? `<atom:link href="${escapeXml(absoluteUrl(site.url, path))}" rel="${rel}" type="application/rss+xml"/>` : '';
  return (history.archive ? '<fh:archive/>' + link('current', archiveFeedUrl) : '') + link('prev-archive', history.prev) + link('next-archive', history.next);
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
function feedContent({ title, description, path, articles, limit = site.feedSize, history }: FeedOptions): RSSOptions {
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
      ...(history && { fh: HISTORY_NAMESPACE }),
    },
    customData:
      `<language>${escapeXml(site.lang)}</language>` +
      (newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>` : '') +
      `<atom:link href="${escapeXml(absoluteUrl(site.url, path))}" rel="self" type="application/rss+xml"/>` +
      historyXml(history),
    items: items.map(feedItem),
  };
}
