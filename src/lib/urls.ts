/** Site paths that more than one page, feed or component links to. */
import { slugify } from './slug';

/** A section's listing. */
export function sectionUrl(sectionId: string): string {
  return `/section/${sectionId}/`;
}

/** A section's RSS feed. */
export function sectionFeedUrl(sectionId: string): string {
  return `/section/${sectionId}/rss.xml`;
}

/** The whole site's RSS feed. */
export const siteFeedUrl = '/rss.xml';
/** The complete feed: every published story, for archivers and the build's own loss check. */
export const archiveFeedUrl = '/archive/rss.xml';

/** The URL segment of an agency ("VNA" → "vna"). */
export function sourceSlug(source: string): string {
  return slugify(source);
}

/** An agency's listing (`/source/vna/`). */
export function sourceUrl(source: string): string {
  return `/source/${sourceSlug(source)}/`;
}

/** A tag's listing. */
export function tagUrl(slug: string): string {
  return `/tag/${slug}/`;
}

/** Turns a site path into an absolute URL on `siteUrl` (no trailing slash). */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, `${siteUrl}/`).href;
}
