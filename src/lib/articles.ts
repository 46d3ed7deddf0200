/**
 * The published articles, read once per build from the content collection and
 * shared by every page. Whole-corpus work (listings, related lists) is
 * memoised here so that no page scans all articles on its own.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import type { Article } from './article';
import { archiveUrl, calendarMonth, monthName } from './archive';
import { timed } from './build-profile';
import { ContentError, type ContentProblem } from './content-error';
import { recordPublished } from './publication-check';
import { datelineText } from './markdown/rehype-dateline';
import { computeRelated, type RelatedLink } from './related/index';
import { toArticle, type ArticleEntry } from './to-article';
import { sourceSlug, sourceUrl } from './urls';
import { site, type SectionConfig } from '../site.config';

/** Build time; `DISPATCH_NOW` pins it for reproducible builds and tests. */
export const buildTime = new Date(process.env.DISPATCH_NOW ?? Date.now());

interface Corpus {
  articles: Article[];
  byId: Map<string, Article>;
  entries: Map<string, CollectionEntry<'articles'>>;
  related: Map<string, RelatedLink[]>;
  bySection: Map<string, Article[]>;
  tags: TagListing[];
  archive: ArchiveYear[];
  sources: SourceListing[];
}

export interface TagListing {
  name: string;
  slug: string;
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

let corpus: Promise<Corpus> | undefined;

/** Newest first; ties broken by id so every build orders the same way. */
export function byNewest(a: Article, b: Article): number {
  return b.date.getTime() - a.date.getTime() || a.id.localeCompare(b.id);
}

async function loadCorpus(): Promise<Corpus> {
  const entries = await timed('read entries', () => getCollection('articles'));
  const all = timed('articles', () => entries.map((e) => toArticle(e as unknown as ArticleEntry)));
  const includeUnpublished = import.meta.env.DEV;
  const isPublished = (a: Article) => includeUnpublished || (!a.draft && a.date <= buildTime);
  const articles = all.filter(isPublished).sort(byNewest);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const allById = new Map(all.map((a) => [a.id, a]));

  const problems: ContentProblem[] = [];
  for (const article of articles) {
    for (const pin of article.pinned) {
      const target = allById.get(pin);
      if (!target) problems.push({ file: article.file, field: 'related', message: `"${pin}" is not the id of any article` });
      else if (!byId.has(pin)) problems.push({ file: article.file, field: 'related', message: `"${pin}" is ${target.draft ? 'a draft' : 'scheduled for later'} and will not be published` });
      else if (pin === article.id) problems.push({ file: article.file, field: 'related', message: 'an article cannot pin itself' });
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  recordPublished(articles.map((a) => a.url));

  const drafts = all.filter((a) => a.draft).length;
  const scheduled = all.filter((a) => !a.draft && a.date > buildTime).length;
  console.info(
    `[dispatch] ${articles.length} articles published` +
      (includeUnpublished ? ' (dev: drafts and scheduled shown)' : `; left out: ${drafts} draft${drafts === 1 ? '' : 's'}, ${scheduled} scheduled`),
  );

  const related = timed('related lists', () => computeRelated(
    articles.map((a) => ({
      id: a.id, title: a.title, summary: a.summary, text: withoutAgency(a), section: a.section.id,
      tags: a.tags.map((t) => t.name), date: a.date, pinned: a.pinned,
    })),
    { ...site.related, now: buildTime },
  ));
  return {
    articles, byId, related,
    entries: new Map(entries.map((e) => [e.id, e])),
    ...timed('listings', () => groupListings(articles)),
  };
}

/** One pass over the newest-first list fills every grouping, each newest first. */
function groupListings(articles: readonly Article[]): Pick<Corpus, 'bySection' | 'tags' | 'archive' | 'sources'> {
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
      const listing = tags.get(tag.slug) ?? { ...tag, articles: [] };
      listing.articles.push(article);
      tags.set(tag.slug, listing);
    }
    const { year, month } = calendarMonth(article.date, site.timeZone);
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

function getCorpus(): Promise<Corpus> {
  corpus ??= loadCorpus();
  return corpus;
}

/** Every published article, newest first. */
export async function getArticles(): Promise<Article[]> {
  return (await getCorpus()).articles;
}

/** Renders an article's Markdown body to an Astro component. */
export async function renderBody(article: Article) {
  const entry = (await getCorpus()).entries.get(article.id);
  if (!entry) throw new Error(`no entry for article ${article.id}`);
  return render(entry);
}

/** The stories under an article ("See more"), in rank order, with why each is there. */
export async function relatedStories(article: Article): Promise<{ article: Article; reason: RelatedLink['reason'] }[]> {
  const { related, byId } = await getCorpus();
  return (related.get(article.id) ?? []).flatMap((link) => {
    const found = byId.get(link.id);
    return found ? [{ article: found, reason: link.reason }] : [];
  });
}

/** Sections that have at least one published article, in configured order. */
export async function activeSections(): Promise<SectionConfig[]> {
  const { bySection } = await getCorpus();
  return site.sections.filter((s) => bySection.has(s.id));
}

/** A section's published articles, newest first. */
export async function sectionArticles(sectionId: string): Promise<Article[]> {
  return (await getCorpus()).bySection.get(sectionId) ?? [];
}

/** Every tag in use with its articles, sorted by slug. */
export async function tagIndex(): Promise<TagListing[]> {
  return (await getCorpus()).tags;
}

/** The date archive: years newest first, each with its months newest first. */
export async function archiveYears(): Promise<ArchiveYear[]> {
  return (await getCorpus()).archive;
}

/** Every agency named as a source, with its articles, sorted by slug. */
export async function sourceIndex(): Promise<SourceListing[]> {
  return (await getCorpus()).sources;
}

/** The previous (older) and next (newer) story in the same section. */
export async function sectionNeighbours(article: Article): Promise<{ older?: Article; newer?: Article }> {
  const inSection = await sectionArticles(article.section.id);
  // Binary search by the same order the list is sorted in.
  let lo = 0, hi = inSection.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cmp = byNewest(inSection[mid]!, article);
    if (cmp === 0) return { newer: inSection[mid - 1], older: inSection[mid + 1] };
    if (cmp < 0) lo = mid + 1; else hi = mid - 1;
  }
  return {};
}

/**
 * The body text the related engine reads: the dateline's place stays (stories
 * from one place are often related) but its agency goes, since "(VNA)" opens
 * most wire stories and says nothing about what a story is about.
 */
function withoutAgency(article: Article): string {
  const opening = datelineText(article.dateline, article.source);
  return opening && article.source && article.text.startsWith(opening)
    ? `${article.dateline} –${article.text.slice(opening.length)}`
    : article.text;
}
