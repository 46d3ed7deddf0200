// src/lib/model/: the Article model, the corpus built once per build from it, and the URLs, listings and indexes pages and integrations read.
/**
 * The corpus: every published article and everything drawn from all of them
 * (listings, section neighbours, related lists, the sections in use), built
 * once per build and handed down by the pages. Components never fetch it.
 */
import type { Article } from './article.ts';
import { archivePart } from '../archive/part.ts';
import { partCorpus } from '../archive/part-corpus.ts';
import { timed } from '../build/build-profile.ts';
import { ContentError } from '../content/content-error.ts';
import { pinProblems } from '../content/pins.ts';
import { searchIndex } from './search-index.ts';
import { toArticle } from './to-article.ts';
import { site, type SectionConfig } from '../../site.config.ts';
import { readEntries, renderEntry, type ArticleEntry } from './entries.ts';
import { byNewest, groupListings, type Listings } from './listings.ts';
import { sectionNeighbours, type Neighbours } from './neighbours.ts';
import { buildTime, futureUpdateProblems, publicationLine, publish } from './published.ts';
import { relatedStories, type RelatedStory } from './related-input.ts';
import { relatedLinks } from './related-lists.ts';

export interface Corpus {
  /** Every published article, newest first (a slice of an archive build lists none). */
  articles: Article[];
  /** The articles whose own pages (article page, social card) this build renders: all, or a slice's (src/lib/archive/). */
  articlePages: Article[];
  /** Sections with at least one published article, in configured order. */
  sections: SectionConfig[];
  listings: Listings;
  /** Each article's older and newer story in its section. */
  neighbours: Map<string, Neighbours>;
  /** Each article's "See more", in rank order, with why each story is there. */
  related: Map<string, RelatedStory[]>;
  /** The collection entries, for rendering bodies. */
  entries: Map<string, ArticleEntry>;
}

let corpus: Promise<Corpus> | undefined;

/**
 * The corpus of this build (memoised: built once). A part of a sliced archive
 * build takes the corpus-wide parts from the corpus index instead.
 */
export function getCorpus(): Promise<Corpus> {
  const part = archivePart();
  corpus ??= part ? partCorpus(part) : buildCorpus();
  return corpus;
}

/** Lets go of this build's corpus: the publishing desk's next build, in the same process, loads a bundle of its own. */
export function releaseCorpus(): void {
  corpus = undefined;
}

async function buildCorpus(): Promise<Corpus> {
  const entries = await timed('read entries', readEntries);
  const all = timed('articles', () => entries.map((entry) => toArticle(entry)));
  const publication = publish(all, buildTime, import.meta.env.DEV);
  const articles = publication.published.sort(byNewest);
  const problems = [...pinProblems(articles, all), ...futureUpdateProblems(all, buildTime)];
  if (problems.length > 0) throw new ContentError(problems);
  console.info(publicationLine(publication));

  const byId = new Map(articles.map((a) => [a.id, a]));
  // The related lists are computed in a worker thread in a build, begun while the content was read (related-lists.ts).
  const links = timed('related lists', () => relatedLinks(articles));
  const listings = timed('listings', () => groupListings(articles, site.timeZone));
  const sections = site.sections.filter((s) => listings.bySection.has(s.id));
  // The search index needs neither the related lists nor the pages: a build begins it here, in a worker thread
  // (src/lib/search/index-worker.ts), and the search files take it once it is made (memoised; build-data.ts).
  // Its failure is reported where they await it.
  if (!import.meta.env.DEV) searchIndex({ articles, sections, listings }).catch(() => {});
  return {
    articles,
    articlePages: articles,
    sections,
    listings,
    neighbours: sectionNeighbours(listings.bySection),
    related: relatedStories(await links, byId),
    entries: new Map(entries.map((e) => [e.id, e])),
  };
}

/** Renders an article's Markdown body to an Astro component. */
export async function renderBody(corpus: Corpus, article: Article) {
  const entry = corpus.entries.get(article.id);
  if (!entry) throw new Error(`no entry for article ${article.id}`);
  return renderEntry(entry);
}
