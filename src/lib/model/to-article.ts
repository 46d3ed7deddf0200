/** Builds the one `Article` model from a validated collection entry. */
import type { Article } from './article';
import { findSection, site } from '../../site.config';
import { displayPath } from '../content/content-error';
import { smartPunctuation } from '../markdown/remark-smart-punctuation';
import { frontmatterBody } from '../markdown/body-text';
import { bodyTextOf } from '../content/body-texts';
import type { ArticleEntry } from './entries';
import { countWords, readingMinutes } from '../text/reading-time';
import { slugify } from '../text/slug';
import { articleUrl } from './urls';

/** What toArticle reads of an entry (the archive's corpus index gives no more). */
export type ArticleSource = Pick<ArticleEntry, 'id' | 'data' | 'filePath' | 'rendered' | 'digest'>;

/**
 * The body's plain text and word count: as the loader kept them beside the
 * store (src/lib/content/body-texts.ts), or as bodyTextPlugin left them with
 * a rendered entry that still carries them.
 */
function entryBody(entry: ArticleSource): { text: string; words: number } {
  const body = bodyTextOf(entry.id, entry.digest) ?? frontmatterBody(entry.rendered?.metadata?.frontmatter);
  if (!body) throw new Error(`${entry.filePath ?? entry.id}: the rendered body carries no text (is bodyTextPlugin in the Markdown processor?)`);
  return body;
}

/**
 * Where the loader keeps an entry's headline, summary and caption as smart
 * punctuation leaves them, each only where it changes them: worked out when
 * the story's file changes, not for every story on every build (a quarter
 * of a second at 10,000 stories, before the related lists can start).
 * The loader's code digest covers this code (src/lib/content/body-texts.ts,
 * `BODY_CODE`), so a change to it reads every story again.
 */
export const PUNCTUATED_KEY = 'dispatchPunctuated';

type Line = 'title' | 'summary' | 'caption';
type Punctuated = Partial<Record<Line, string>>;

/** The lines of `data` that smart punctuation changes, with their new text. */
export function punctuatedLines(data: { title: string; summary: string; image?: { caption?: string } }): Punctuated {
  const lines: Punctuated = {};
  for (const [line, text] of [['title', data.title], ['summary', data.summary], ['caption', data.image?.caption]] as const) {
    const punctuated = text === undefined ? text : smartPunctuation(text);
    if (punctuated !== text && punctuated !== undefined) lines[line] = punctuated;
  }
  return lines;
}

/**
 * The `Article` of a validated collection entry. `bodyText` is the body's
 * text when it comes from elsewhere: a sliced archive build reads stories as
 * cards, without their bodies (src/lib/archive/part-corpus.ts).
 */
export function toArticle(entry: ArticleSource, bodyText?: string): Article {
  const { data } = entry;
  const kept = entry.rendered?.metadata?.[PUNCTUATED_KEY] as Punctuated | undefined;
  const punctuated = (line: Line, text: string) => (kept ? (kept[line] ?? text) : smartPunctuation(text));
  const section = findSection(data.section);
  if (!section) throw new Error(`${entry.filePath}: section: unknown section "${data.section}"`);
  const { text, words: wordCount } = bodyText === undefined ? entryBody(entry) : { text: bodyText, words: countWords(bodyText) };
  const seenTags = new Set<string>();
  const tags = data.tags
    .map((name) => ({ name, slug: slugify(name) }))
    .filter((t) => t.slug !== '' && !seenTags.has(t.slug) && seenTags.add(t.slug));
  return {
    id: entry.id,
    url: articleUrl(entry.id),
    // Headline, summary and caption get the bodies' smart punctuation here,
    // once, so every page, feed, JSON-LD block and search record shows it.
    title: punctuated('title', data.title),
    summary: punctuated('summary', data.summary),
    date: data.date,
    updated: data.updated,
    modified: data.updated ?? data.date,
    section,
    tags,
    // An author named twice printed "By An and An": each once, as first written.
    authors: data.authors.filter((name, i) => data.authors.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === i),
    source: data.source,
    dateline: data.dateline,
    image: data.image && {
      ...data.image,
      ...(data.image.caption !== undefined && { caption: punctuated('caption', data.image.caption) }),
    },
    pinned: data.related,
    draft: data.draft,
    text,
    wordCount,
    readingMinutes: readingMinutes(wordCount, site.wordsPerMinute),
    file: displayPath(entry.filePath ?? entry.id),
  };
}
