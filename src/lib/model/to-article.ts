/** Builds the one `Article` model from a validated collection entry. */
import type { Article } from './article.ts';
import { findSection, site } from '../../site.config.ts';
import { displayPath } from '../content/content-error.ts';
import { smartPunctuation } from '../markdown/remark-smart-punctuation.ts';
import { frontmatterBody } from '../markdown/body-text.ts';
import { bodyTextOf, textDigest, textPlaceOf, type TextPlace } from '../content/body-texts.ts';
import { PUNCTUATED_KEY, type Line, type Punctuated } from '../content/punctuated-lines.ts';
import type { ArticleEntry } from './entries.ts';
import { countWords, readingMinutes } from '../text/reading-time.ts';
import { slugify } from '../text/slug.ts';
import { articleUrl } from './urls.ts';

/** What toArticle reads of an entry (the archive's corpus index gives no more). */
export type ArticleSource = Pick<ArticleEntry, 'id' | 'data' | 'filePath' | 'rendered' | 'digest'>;

/**
 * The body's plain text and word count: as the loader kept them beside the
 * store (src/lib/content/body-texts.ts), or as bodyTextPlugin left them with
 * a rendered entry that still carries them.
 */
function entryBody(entry: ArticleSource): { text: string; words: number; textDigest: string } {
  const kept = bodyTextOf(entry.id, entry.digest);
  if (kept) return kept;
  const body = frontmatterBody(entry.rendered?.metadata?.frontmatter);
  if (!body) throw new Error(`${entry.filePath ?? entry.id}: the rendered body carries no text (is bodyTextPlugin in the Markdown processor?)`);
  return { ...body, textDigest: textDigest(body.text) };
}

const textPlaces = new WeakMap<Article, TextPlace>();

/** Where `article`'s text is kept (body-texts.ts), when it is read from there: for a worker thread to read it itself. */
export function articleTextPlace(article: Article): TextPlace | undefined {
  return textPlaces.get(article);
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
  // The text stays where it is until read: a kept body's is read from its file then (body-texts.ts).
  const body = bodyText === undefined ? entryBody(entry) : { text: bodyText, words: countWords(bodyText), textDigest: textDigest(bodyText) };
  const seenTags = new Set<string>();
  const tags = data.tags
    .map((name) => ({ name, slug: slugify(name) }))
    .filter((t) => t.slug !== '' && !seenTags.has(t.slug) && seenTags.add(t.slug));
  const article: Article = {
    id: entry.id,
    url: articleUrl(entry.id),
    // Headline, summary and caption get the bodies' smart punctuation here
    // (as the loader kept it, content/punctuated-lines.ts), so every page,
    // feed, JSON-LD block and search record shows it.
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
    get text() {
      return body.text;
    },
    textDigest: body.textDigest,
    wordCount: body.words,
    readingMinutes: readingMinutes(body.words, site.wordsPerMinute),
    file: displayPath(entry.filePath ?? entry.id),
  };
  const place = textPlaceOf(body);
  if (place) textPlaces.set(article, place);
  return article;
}
