/** Every site path a page, feed, index or component links to: no page spells one itself. */
import { slugify } from '../text/slug.ts';

/** The front page. */
export const homeUrl = '/';
/** Every story, newest first. */
export const latestUrl = '/latest/';
/** The search page. */
export const searchUrl = '/search/';
/** Whether `pathname` is the page at `url`, with or without its trailing slash (the dev server answers both). */
function isPage(pathname: string, url: string): boolean {
  return pathname.replace(/\/*$/, '/') === url;
}

/** Whether `pathname` is the search page's. */
export function isSearchPage(pathname: string): boolean {
  return isPage(pathname, searchUrl);
}

/** The script applying the reader's saved theme before first paint (public/theme-init.js). */
export const themeScriptUrl = '/theme-init.js';
/** The site's icon (public/favicon.svg). */
export const faviconUrl = '/favicon.svg';

/** The list of agencies. */
export const sourcesUrl = '/source/';
/** The whole site's RSS feed. */
export const siteFeedUrl = '/rss.xml';
/**
 * The complete feed's subscription document: this month's stories, linking
 * back month by month to the first (src/lib/publish/feed.ts), for archivers
 * and the build's own loss check.
 */
export const archiveFeedUrl = '/archive/rss.xml';

/** A past month's document of the complete feed (`/archive/2025/05/rss.xml`). */
export function archiveMonthFeedUrl(year: string, month: string): string {
  return `${archiveUrl(year, month)}rss.xml`;
}

/** The folder of every article page. */
export const articlesPath = '/articles/';

/** An article page. */
export function articleUrl(id: string): string {
  return `${articlesPath}${id}/`;
}

/** An article's social card (its picture cut for link previews). */
export function socialCardUrl(id: string): string {
  return `/social/${id}.jpg`;
}

/** A section's listing. */
export function sectionUrl(sectionId: string): string {
  return `/section/${sectionId}/`;
}

/** Whether `pathname` is a section's own (first) page. */
export function isSectionPage(pathname: string, sectionId: string): boolean {
  return isPage(pathname, sectionUrl(sectionId));
}

/** A section's RSS feed. */
export function sectionFeedUrl(sectionId: string): string {
  return `/section/${sectionId}/rss.xml`;
}

/** A tag's listing. */
export function tagUrl(slug: string): string {
  return `/tag/${slug}/`;
}

/** The URL segment of an agency ("VNA" → "vna"). */
export function sourceSlug(source: string): string {
  return slugify(source);
}

/** An agency's listing (`/source/vna/`). */
export function sourceUrl(source: string): string {
  return `/source/${sourceSlug(source)}/`;
}

/** `/archive/`, `/archive/2025/` or `/archive/2025/05/`. */
export function archiveUrl(year?: string, month?: string): string {
  if (!year) return '/archive/';
  return month ? `/archive/${year}/${month}/` : `/archive/${year}/`;
}

/** Turns a site path into an absolute URL on `siteUrl` (no trailing slash). */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, `${siteUrl}/`).href;
}
