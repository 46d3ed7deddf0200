/**
 * The credit line under a photo, as agencies print it: "Photo: VNA".
 * A bare name gets the "Photo:" label; a credit that already says what it is
 * ("Source: quochoi.vn", "Illustration: Dispatch") is kept as written.
 */
export function creditLine(credit: string): string {
  const trimmed = credit.trim().replace(/^\((.*)\)$/, '$1').trim();
  return /^[\p{L} ]{2,30}:\s/u.test(trimmed) ? trimmed : `Photo: ${trimmed}`;
}
