import type { Article, ArticleImage } from './article';
import { findSection, site } from '../site.config';
import { displayPath } from './content-error';
import { htmlToText } from './html-text';
import { smartPunctuation } from './markdown/remark-smart-punctuation';
import { countWords, readingMinutes } from './reading-time';
import { slugify } from './slug';

/** The validated frontmatter, as the schema in content.config.ts outputs it. */
export interface ArticleData {
  title: string;
  summary: string;
  date: Date;
  updated?: Date;
  section: string;
  tags: string[];
  authors: string[];
  source?: string;
  dateline?: string;
  image?: ArticleImage;
  related: string[];
  draft: boolean;
}

export interface ArticleEntry {
  id: string;
  data: ArticleData;
  filePath?: string;
  rendered?: { html: string };
}

/** URL of an article page. */
export function articleUrl(id: string): string {
  return `/articles/${id}/`;
}

/** Builds the one `Article` model from a validated collection entry. */
export function toArticle(entry: ArticleEntry): Article {
  const { data } = entry;
  const section = findSection(data.section);
  if (!section) throw new Error(`${entry.filePath}: section: unknown section "${data.section}"`);
  const text = htmlToText(entry.rendered?.html ?? '');
  const wordCount = countWords(text);
  const seenTags = new Set<string>();
  const tags = data.tags
    .map((name) => ({ name, slug: slugify(name) }))
    .filter((t) => t.slug !== '' && !seenTags.has(t.slug) && seenTags.add(t.slug));
  return {
    id: entry.id,
    url: articleUrl(entry.id),
    // Headline, summary and caption get the bodies' smart punctuation here,
    // once, so every page, feed, JSON-LD block and search record shows it.
    title: smartPunctuation(data.title),
    summary: smartPunctuation(data.summary),
    date: data.date,
    updated: data.updated,
    section,
    tags,
    authors: data.authors,
    source: data.source,
    dateline: data.dateline,
    image: data.image && {
      ...data.image,
      ...(data.image.caption !== undefined && { caption: smartPunctuation(data.image.caption) }),
    },
    pinned: data.related,
    draft: data.draft,
    text,
    wordCount,
    readingMinutes: readingMinutes(wordCount, site.wordsPerMinute),
    file: displayPath(entry.filePath ?? entry.id),
  };
}
