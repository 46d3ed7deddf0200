/** Reading the machine-readable parts of a built site: feeds, sitemaps, meta tags, JSON-LD. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const LISTS = new Set(['item', 'category', 'url', 'sitemap', 'dc:creator']);
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => LISTS.has(name) });

/** Parses a built XML file; throws with the validator's message when it is not well-formed. */
export function readXml(siteDir: string, path: string): unknown {
  const text = readFileSync(join(siteDir, path), 'utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`${path} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parser.parse(text);
}

export interface FeedItem {
  title: string;
  link: string;
  description: string;
  pubDate: string;
  categories: string[];
  creators: string[];
  image?: { url: string; type: string; width: number; height: number };
}

interface RawItem {
  title: string;
  link: string;
  description: string;
  pubDate: string;
  category?: string[];
  'dc:creator'?: string[];
  'media:content'?: Record<'@_url' | '@_type' | '@_width' | '@_height', string>;
}

export interface Feed {
  channel: { title: string; link: string; 'atom:link'?: { '@_href': string } };
  items: FeedItem[];
}

/** An RSS feed's channel and its items, in feed order. */
export function readFeed(siteDir: string, path: string): Feed {
  const { rss } = readXml(siteDir, path) as { rss: { channel: Feed['channel'] & { item?: RawItem[] } } };
  const items = (rss.channel.item ?? []).map((item) => ({
    title: item.title,
    link: item.link,
    description: item.description,
    pubDate: item.pubDate,
    categories: item.category ?? [],
    creators: item['dc:creator'] ?? [],
    image: item['media:content'] && {
      url: item['media:content']['@_url'],
      type: item['media:content']['@_type'],
      width: Number(item['media:content']['@_width']),
      height: Number(item['media:content']['@_height']),
    },
  }));
  return { channel: rss.channel, items };
}

/** The items of an RSS feed, in feed order. */
export function rssItems(siteDir: string, path: string): FeedItem[] {
  return readFeed(siteDir, path).items;
}

/** A document of the complete feed: its path, its links by relation (as site paths) and whether it is marked as an archive. */
export interface FeedDocument {
  path: string;
  links: Record<string, string>;
  archive: boolean;
  items: FeedItem[];
}

/**
 * The complete feed's documents as an archiver reads them (RFC 5005): from
 * `/archive/rss.xml` back along the `prev-archive` links; throws on a link
 * that leads back into the chain.
 */
export function completeFeedDocuments(siteDir: string): FeedDocument[] {
  const documents: FeedDocument[] = [];
  for (let path: string | undefined = '/archive/rss.xml'; path !== undefined; ) {
    if (documents.some((d) => d.path === path)) throw new Error(`the complete feed's prev-archive links loop back to ${path}`);
    const { channel, items } = readFeed(siteDir, path);
    const raw = (channel as unknown as Record<string, unknown>)['atom:link'];
    const links = Object.fromEntries(([] as { '@_href': string; '@_rel': string }[]).concat((raw ?? []) as never).map((l) => [l['@_rel'], new URL(l['@_href']).pathname]));
    documents.push({ path, links, archive: 'fh:archive' in channel, items });
    path = links['prev-archive'];
  }
  return documents;
}

/** Every item of the complete feed, newest month first. */
export function completeFeedItems(siteDir: string): FeedItem[] {
  return completeFeedDocuments(siteDir).flatMap((d) => d.items);
}

/** Every `<loc>` of the sitemap, with its `lastmod`, following the sitemap index. */
export function sitemapEntries(siteDir: string): { loc: string; lastmod?: string }[] {
  const index = readXml(siteDir, 'sitemap-index.xml') as { sitemapindex: { sitemap: { loc: string }[] } };
  return index.sitemapindex.sitemap.flatMap(({ loc }) => {
    const sitemap = readXml(siteDir, new URL(loc).pathname) as { urlset: { url: { loc: string; lastmod?: string }[] } };
    return sitemap.urlset.url.map((u) => ({ loc: u.loc, lastmod: u.lastmod }));
  });
}

/** The `content` of `<meta property=…>` or `<meta name=…>` tags, in page order. */
export function metaValues(doc: Document, key: string): string[] {
  return [...doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((m) => m.getAttribute('content') ?? '');
}

/** The first meta value for `key`. */
export function meta(doc: Document, key: string): string | undefined {
  return metaValues(doc, key)[0];
}

export type LdBlock = Record<string, unknown>;

/** Every JSON-LD block of the page, parsed (a block that is not valid JSON throws). */
export function jsonLd(doc: Document): LdBlock[] {
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? ''));
}

/** The JSON-LD block of a given @type. */
export function jsonLdOfType(doc: Document, type: string): LdBlock | undefined {
  return jsonLd(doc).find((block) => block['@type'] === type);
}
