// src/lib/text/: small pure text transforms (folding, slugs, dates, credits), each with its own test.
/**
 * Case and diacritic folding shared by slugs, the related engine and search,
 * so that "Đà Nẵng", "da nang" and "DA NANG" are one word everywhere.
 */

// Letters that Unicode does not decompose into base + mark, but readers type
// without their stroke or ligature.
const STROKED: Record<string, string> = {
  đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ł: 'l', ø: 'o', œ: 'oe', æ: 'ae', ß: 'ss', þ: 'th',
};
const STROKED_RE = new RegExp(`[${Object.keys(STROKED).join('')}]`, 'g');
const MARKS_RE = /\p{Mn}+/gu;
// Invisible format characters (zero-width space and joiners, soft hyphen,
// direction marks): "Hu\u200Bế" looked like "Huế" but had a tag page of its own.
const FORMAT_RE = /\p{Cf}+/gu;
const NON_ASCII_RE = /[^\x00-\x7f]/;

/** Lower-cases text and removes diacritics (đ → d, ẵ → a) and invisible format characters; keeps other characters. */
export function fold(text: string): string {
  // Plain ASCII has nothing to decompose: the common case, and much faster.
  if (!NON_ASCII_RE.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS_RE, '')
    .replace(FORMAT_RE, '')
    .replace(STROKED_RE, (ch) => STROKED[ch] ?? ch);
}
