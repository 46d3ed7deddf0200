/**
 * A listing's pages are cut from the oldest story up, so a new story changes
 * the first page alone (and, once every 20 stories, makes one more page).
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/lib/model/article';
import { daySpan, listingPages, type ListingPagePath } from '../../src/lib/model/pages';

/** `n` stories, newest first, one a day back from 20 June 2025 (noon in Hà Nội). */
function stories(n: number, newest = Date.UTC(2025, 5, 20, 5)): Article[] {
  return Array.from({ length: n }, (_, i) => ({ id: `s${n - 1 - i}`, date: new Date(newest - i * 86_400_000) }) as unknown as Article);
}

const ids = (path: ListingPagePath) => path.listing.data.map((a) => a.id);
/** Each page as its URL, its stories and its links: what the page shows. */
const shown = (paths: ListingPagePath[]) => new Map(paths.map((p) => [p.listing.url.current, JSON.stringify([ids(p), p.listing.url, p.listing.span])]));

describe('listing pages', () => {
  it('shows every story once, newest first, the first page holding the newest 20 to 39', () => {
    for (const n of [0, 1, 19, 20, 39, 40, 41, 59, 60, 61, 117]) {
      const { pages, shown: count } = listingPages(stories(n), '/section/x/', 20);
      const all = pages.flatMap(ids);
      expect(all, `${n}`).toEqual(stories(n).map((a) => a.id));
      expect(count).toBe(n);
      expect(pages[0]!.page).toBeUndefined();
      expect(pages[0]!.listing.total).toBe(n);
      if (n >= 20) expect(ids(pages[0]!).length).toBe(20 + (n % 20));
      for (const later of pages.slice(1)) expect(ids(later).length).toBe(20);
    }
  });

  it('names later pages by their number from the oldest and links them in a chain', () => {
    const { pages } = listingPages(stories(65), '/tag/rice/', 20);
    expect(pages.map((p) => p.page)).toEqual([undefined, '2', '1']);
    expect(pages.map((p) => p.listing.url)).toEqual([
      { current: '/tag/rice/', next: '/tag/rice/2/' },
      { current: '/tag/rice/2/', prev: '/tag/rice/', next: '/tag/rice/1/' },
      { current: '/tag/rice/1/', prev: '/tag/rice/2/' },
    ]);
    // The oldest page: the 20 oldest stories, of 17 April to 6 May 2025.
    expect(ids(pages[2]!)).toEqual(stories(65).slice(45).map((a) => a.id));
    expect(pages[2]!.listing.span).toBe('17 Apr – 6 May 2025');
    expect(pages[2]!.listing.total).toBeUndefined();
  });

  it('changes only the first page when a story is added, and at each 20th one page more and its newer neighbour’s link', () => {
    for (let n = 40; n < 130; n++) {
      const before = shown(listingPages(stories(n), '/latest/', 20).pages);
      const after = shown(listingPages(stories(n + 1, Date.UTC(2025, 5, 21, 5)), '/latest/', 20).pages);
      const changed = [...after].filter(([url, page]) => before.get(url) !== page).map(([url]) => url);
      if ((n + 1) % 20 === 0) {
        const newest = String(Math.floor((n + 1) / 20) - 1);
        expect(changed.sort(), `${n}`).toEqual(['/latest/', `/latest/${newest}/`, `/latest/${Number(newest) - 1}/`].sort());
      } else expect(changed, `${n}`).toEqual(['/latest/']);
    }
  });

  it('stops after `maxPages`, saying how many stories those show', () => {
    const { pages, shown: count } = listingPages(stories(100), '/latest/', 20, 2);
    expect(pages.map((p) => p.listing.url.current)).toEqual(['/latest/', '/latest/4/']);
    expect(pages[1]!.listing.url.next).toBeUndefined();
    expect(count).toBe(40);
    expect(listingPages(stories(100), '/latest/', 20, 1).pages.map((p) => p.listing.url)).toEqual([{ current: '/latest/' }]);
  });

  it('writes the days a page spans as briefly as it can', () => {
    const day = (d: number, m: number, y = 2025) => new Date(Date.UTC(y, m - 1, d, 5));
    expect(daySpan(day(3, 3), day(3, 3))).toBe('3 Mar 2025');
    expect(daySpan(day(3, 3), day(9, 3))).toBe('3–9 Mar 2025');
    expect(daySpan(day(28, 2), day(3, 3))).toBe('28 Feb – 3 Mar 2025');
    expect(daySpan(day(30, 12, 2024), day(2, 1))).toBe('30 Dec 2024 – 2 Jan 2025');
  });
});
