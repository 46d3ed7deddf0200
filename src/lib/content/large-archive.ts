/**
 * Where one `astro build` stops being the way to build an archive (README
 * "Large archives"): it holds every story in memory, about 6 GB at 40,000,
 * and stops near 66,000. `npm run build` (scripts/build.ts) builds a larger
 * archive in time slices instead. No imports: that script runs on plain Node.
 */

/** Above this many stories, `npm run build` builds in time slices; `DISPATCH_SLICES_ABOVE` sets another number. */
export const LARGE_ARCHIVE = 30_000;

/** The number of stories above which `npm run build` builds in slices: `DISPATCH_SLICES_ABOVE`, else LARGE_ARCHIVE. */
export function slicesAbove(setting: string | undefined): number {
  const n = Number(setting);
  return setting !== undefined && setting !== '' && Number.isInteger(n) && n >= 0 ? n : LARGE_ARCHIVE;
}

/**
 * What an editor running one `astro build` on `count` stories should know
 * before it starts (`npm run build` would have built them in slices).
 */
export function largeArchiveWarning(count: number, above = LARGE_ARCHIVE): string | undefined {
  if (count <= above) return undefined;
  return `${count.toLocaleString('en')} stories: one build holds them all in memory (some 6 GB at 40,000) and stops near 66,000; ` +
    '`npm run build` builds an archive this size in time slices, to the same site (README "Large archives")';
}
