import { fold } from './fold.ts';

/**
 * Turns a name into a URL segment: folded to plain letters, words joined by
 * hyphens. Letters of any script survive, so a name written only in Thai or
 * Arabic still gets a slug of its own.
 */
export function slugify(name: string): string {
  return fold(name)
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
