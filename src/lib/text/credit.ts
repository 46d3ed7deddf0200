/**
 * The credit line under a photo, as agencies print it: "Photo: VNA".
 * A bare name gets the "Photo:" label; a credit that already says what it is
 * ("Source: quochoi.vn", "Illustration: Dispatch") is kept as written.
 */
export function creditLine(credit: string): string {
  const trimmed = credit.trim().replace(/^\((.*)\)$/, '$1').trim();
  return /^[\p{L} ]{2,30}:\s/u.test(trimmed) ? trimmed : `Photo: ${trimmed}`;
}

/**
 * Splits a printed caption line into caption and credit, the inverse of
 * `creditLine`: "Delegates at the seminar (Photo: VNA)" gives the caption
 * "Delegates at the seminar" and the credit "VNA"; "(Source: quochoi.vn)"
 * keeps its label. A line without a credit is all caption.
 */
export function splitCaptionCredit(line: string): { caption: string; credit?: string } {
  const m = /^(.*?)\s*\(\s*([\p{L} ]{2,30}):\s*([^()]+?)\s*\)\s*$/u.exec(line.trim());
  if (!m) return { caption: line.trim() };
  const [, caption = '', label = '', who = ''] = m;
  return { caption, credit: /^(photo|photos|ảnh)$/iu.test(label.trim()) ? who : `${label.trim()}: ${who}` };
}
