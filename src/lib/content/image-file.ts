/**
 * The one check of a photo, made where the article is read (article-loader.ts),
 * so the page, its responsive sizes and its social card all see the same
 * verdict: a photo that cannot be used stops the build with one line naming
 * the article and the field, instead of a stack trace in a later route or a
 * half-grey picture on the page.
 */
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { leadsInside } from './article-files.ts';
import sharp from 'sharp';

// The formats Astro's image service can read, by their first bytes.
const SIGNATURES: { name: string; test: (b: Buffer) => boolean }[] = [
  { name: 'JPEG', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: 'PNG', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { name: 'GIF', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { name: 'WebP', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { name: 'AVIF', test: (b) => b.subarray(4, 12).toString('latin1').startsWith('ftypavi') },
];
const SVG = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i;

/**
 * The most pixels a photo may have: 40 megapixels, more than any camera photo
 * an editor uploads (a 50-megapixel original is better scaled down first),
 * far less than a decompression bomb declares (30,000 × 30,000 is 900).
 */
const MAX_PIXELS = 40_000_000;

/**
 * Checks a photo an article names (`image.src`, or an image in its body) by
 * the path written, relative to the article's folder `dir`: a web address (an
 * `https:` hero image stopped the build with a stack trace) and a file
 * outside the content folder `realRoot`, or a link to one (`/home/…/private.jpg` was published), are
 * refused; any other path must be a usable photo (checkImageFile).
 */
export async function checkPhotoPath(realRoot: string, dir: string, src: string): Promise<string | undefined> {
  if (/^([a-z][a-z\d+.-]*:|\/\/)/i.test(src)) return 'is an address, not a file; save the photo beside the article and write ./its-name.jpg';
  const path = resolve(dir, src);
  if (!(await leadsInside(realRoot, path))) return 'is outside the content folder; keep photos beside the article';
  return checkImageFile(path);
}

/**
 * Checks that a local image file exists and is a photo the site can publish:
 * a JPEG, PNG, GIF, WebP or AVIF of a sensible size that decodes whole.
 * Returns the reason when it is not, or undefined when it is fine.
 */
export async function checkImageFile(path: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return 'is a folder, not a photo; name the photo file in it';
    return 'does not exist (the path is relative to the article file)';
  }
  const head = bytes.subarray(0, 512);
  if (SVG.test(head.toString('utf8'))) return 'is an SVG drawing; photos must be JPEG, PNG, GIF, WebP or AVIF (export it as PNG)';
  if (!SIGNATURES.some((s) => s.test(head))) return 'is not an image (JPEG, PNG, GIF, WebP or AVIF)';
  try {
    // The header alone gives the size: a bomb is refused before it is decoded.
    const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (width * height > MAX_PIXELS) {
      return `is ${width}×${height} pixels, more than the ${MAX_PIXELS / 1_000_000} megapixels a photo may have; scale it down`;
    }
    // Decode every pixel, failing on a file cut short rather than greying out its end.
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PIXELS }).stats();
  } catch (error) {
    return `cannot be read as an image; it may be cut short or damaged (${firstLine(error)})`;
  }
  return undefined;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
