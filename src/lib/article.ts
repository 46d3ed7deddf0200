/** The one model every page, feed and index reads. Types only. */
import type { ImageMetadata } from 'astro';
import type { SectionConfig } from '../site.config';

export interface ArticleImage {
  /** The local image, as Astro's image() schema resolves it. */
  src: ImageMetadata;
  alt: string;
  caption?: string;
  credit?: string;
}

export interface Tag {
  name: string;
  slug: string;
}

export interface Article {
  id: string;
  url: string;
  title: string;
  summary: string;
  date: Date;
  updated?: Date;
  section: SectionConfig;
  tags: Tag[];
  authors: string[];
  source?: string;
  dateline?: string;
  image?: ArticleImage;
  /** Ids an editor pinned to the top of "See more", in order. */
  pinned: string[];
  draft: boolean;
  /** The body as plain text, for the engines (related stories, search). */
  text: string;
  wordCount: number;
  readingMinutes: number;
  /** Path of the source file, for error messages. */
  file: string;
}
