/**
 * Social cards: the 1200×630 picture that link previews (OpenGraph, Twitter,
 * feed readers, search results) show for a page. An article with a photo gets
 * its own card, cut from the photo at build time by the `/social/<id>.jpg`
 * endpoint; every other page gets the site's default card.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageMetadata } from 'astro';
import sharp from 'sharp';
import defaultCard from '../../assets/brand/social-default.png';
import type { Article } from '../model/article.ts';
import { socialCardUrl } from '../model/urls.ts';

/** An article's card: the size link previews draw at. */
const CARD = { width: 1200, height: 630 };

export interface SocialCard {
  /** Site path of the image. */
  path: string;
  width: number;
  height: number;
  /** MIME type. */
  type: string;
  alt: string;
}

/** The card a page shows in link previews: the article's own, or the site default. */
export function socialCardFor(article: Article | undefined, siteName: string): SocialCard {
  if (article?.image) {
    return { path: socialCardUrl(article.id), ...CARD, type: 'image/jpeg', alt: article.image.alt };
  }
  return { path: defaultCard.src, width: defaultCard.width, height: defaultCard.height, type: 'image/png', alt: siteName };
}

// Cards are cached by the bytes of their photo, so a rebuild only cuts new photos.
const CARD_VERSION = 'cover-attention-q80-v1';
const cacheDir = join(process.cwd(), 'node_modules/.astro/social-cards');

/**
 * Cuts a 1200×630 JPEG from a photo: scaled to cover the frame (enlarged if
 * the photo is smaller) and cropped around its most interesting region.
 */
export async function renderSocialCard(image: ImageMetadata, articleFile: string): Promise<Buffer> {
  // Astro keeps the source path of an imported image on `fsPath` (its own
  // getImage reads the same property); Astro's resizer never enlarges, and a
  // card must be exactly 1200×630 whatever the photo's size, so we cut it here.
  const fsPath = (image as ImageMetadata & { fsPath?: string }).fsPath;
  if (!fsPath || !existsSync(fsPath)) throw new Error(`${articleFile}: image.src: cannot find the photo to make its social card`);
  const bytes = readFileSync(fsPath);
  const key = createHash('sha1').update(CARD_VERSION).update(bytes).digest('hex');
  const cached = join(cacheDir, `${key}.jpg`);
  if (existsSync(cached)) return readFileSync(cached);
  const card = await sharp(bytes, { failOn: 'none' })
    .rotate()
    .resize(CARD.width, CARD.height, { fit: 'cover', position: sharp.strategy.attention })
    .flatten({ background: '#fdfcf9' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  // Write then rename, so a build running alongside never reads half a file.
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, card);
  renameSync(partial, cached);
  return card;
}
