/**
 * The one model every page, feed and index reads. Types only: the fields an
 * editor writes keep the schema's types (content/article-schema.ts, as Astro
 * outputs it); the rest is derived once, in to-article.ts.
 */
import type { CollectionEntry } from 'astro:content';
import type { SectionConfig } from '../../site.config.ts';

/** The validated frontmatter, as the schema outputs it. */
export type ArticleData = CollectionEntry<'articles'>['data'];

export type ArticleImage = NonNullable<ArticleData['image']>;

export interface Tag {
  name: string;
  slug: string;
}

export interface Article extends Omit<ArticleData, 'section' | 'tags' | 'related'> {
  id: string;
  url: string;
  section: SectionConfig;
  /** Tags with their slugs, without repeats. */
  tags: Tag[];
  /** Ids an editor pinned to the top of "See more", in order (the `related` field). */
  pinned: ArticleData['related'];
  /** When the story last changed: its `updated`, or its `date`. */
  modified: Date;
  /**
   * The body as plain text, for the engines (related stories, search, reading
   * time). A kept body's is read from its file when first read (to-article.ts):
   * leave it out of a copy with `fieldsBut`, not a rest pattern, which reads it.
   */
  text: string;
  /** A digest of `text` (src/lib/content/body-texts.ts): what the engines' build keys take of it. */
  textDigest: string;
  wordCount: number;
  readingMinutes: number;
  /** Path of the source file, for error messages. */
  file: string;
}
