/**
 * The listings every page draws from, grouped in one pass over the published
 * articles: by section, by tag, by calendar month and year, by agency.
 */
import type { Article } from './article.ts';
import { calendarMonth, monthName } from './archive.ts';
import { archiveUrl, sourceSlug, sourceUrl, tagUrl } from './urls.ts';

export interface TagListing {
  name: string;
  slug: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

export interface ArchiveMonth {
  year: string;
  /** Two digits: "05". */
  month: string;
  /** "May 2025". */
  name: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

export interface ArchiveYear {
  year: string;
  url: string;
  /** Months with at least one story, newest first. */
  months: ArchiveMonth[];
  count: number;
}

export interface SourceListing {
  /** The agency as first written by its newest story ("VNA"). */
  name: string;
  slug: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

export interface Listings {
  /** Each section's articles (sections without any are absent), newest first. */
  bySection: Map<string, Article[]>;
  /** Every tag in use, sorted by slug. */
  tags: TagListing[];
  /** Years newest first, each with its months newest first. */
  archive: ArchiveYear[];
  /** Every agency named as a source, sorted by slug. */
  sources: SourceListing[];
}

/** Newest first; ties broken by id so every build orders the same way. */
export function byNewest(a: Article, b: Article): number {
  return b.date.getTime() - a.date.getTime() || a.id.localeCompare(b.id);
}

/** Every listing of `articles` (newest first), each newest first. */
export function groupListings(articles: readonly Article[], timeZone: string): Listings {
  const bySection = new Map<string, Article[]>();
  const tags = new Map<string, TagListing>();
  const years = new Map<string, ArchiveYear>();
  const months = new Map<string, ArchiveMonth>();
  const sources = new Map<string, SourceListing>();
  for (const article of articles) {
    const list = bySection.get(article.section.id) ?? [];
    list.push(article);
    bySection.set(article.section.id, list);
    for (const tag of article.tags) {
      const listing = tags.get(tag.slug) ?? { ...tag, url: tagUrl(tag.slug), articles: [] };
      listing.articles.push(article);
      tags.set(tag.slug, listing);
    }
    const { year, month } = calendarMonth(article.date, timeZone);
    let archiveYear = years.get(year);
    if (!archiveYear) {
      archiveYear = { year, url: archiveUrl(year), months: [], count: 0 };
      years.set(year, archiveYear);
    }
    archiveYear.count++;
    let archiveMonth = months.get(`${year}-${month}`);
    if (!archiveMonth) {
      archiveMonth = { year, month, name: `${monthName(month)} ${year}`, url: archiveUrl(year, month), articles: [] };
      months.set(`${year}-${month}`, archiveMonth);
      archiveYear.months.push(archiveMonth);
    }
    archiveMonth.articles.push(article);
    const slug = article.source ? sourceSlug(article.source) : '';
    if (article.source && slug !== '') {
      const listing = sources.get(slug) ?? { name: article.source, slug, url: sourceUrl(article.source), articles: [] };
      listing.articles.push(article);
      sources.set(slug, listing);
    }
  }
  return {
    bySection,
    tags: [...tags.values()].sort((a, b) => a.slug.localeCompare(b.slug)),
    // Articles arrive newest first, so years and months are already in that order.
    archive: [...years.values()],
    sources: [...sources.values()].sort((a, b) => a.slug.localeCompare(b.slug)),
  };
}
