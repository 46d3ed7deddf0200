/**
 * A listing's pages, cut from its oldest story up, so that a new story
 * changes its first page alone.
 *
 * Pages counted from the newest story (Astro's `paginate`) all shift by one
 * story with each new one: at 10,000 stories a section's hundred pages were
 * rendered again on every publish. Here the stories are cut into runs of
 * `pageSize` from the oldest; the first page shows the newest full run and
 * the stories after it, so it holds `pageSize` to 2 × `pageSize` − 1
 * stories; each older run is a page of its own at
 * `<base><n>/`, n counted from the oldest, and named by the days it spans.
 * See docs/decisions/016-pages-count-from-the-oldest.md.
 */
import type { Article } from './article.ts';
import { formatDay } from '../text/format-date.ts';

export interface ListingPage {
  /** The stories shown, newest first. */
  data: readonly Article[];
  /** How many stories the listing holds: on its first page only, which a new story changes anyway. */
  total?: number;
  /** On a later page, the days its stories span ("3–9 Mar 2025"). */
  span?: string;
  url: { current: string; prev?: string; next?: string };
}

export interface ListingPagePath {
  /** The route's `[...page]` parameter: none for the first page, the page's number counted from the oldest for a later one. */
  page: string | undefined;
  listing: ListingPage;
}

/**
 * The pages of `articles` (newest first) under `base` ("/section/business/"),
 * at most `maxPages` of them (the newest). Returns also how many stories
 * they show, so a bounded listing can say where the rest are.
 */
export function listingPages(
  articles: readonly Article[],
  base: string,
  pageSize: number,
  maxPages = Infinity,
): { pages: ListingPagePath[]; shown: number } {
  const n = articles.length;
  // Runs 1 … full of `pageSize` stories, from the oldest; the first page holds the newest
  // full run and the stories after it.
  const full = Math.floor(n / pageSize);
  const url = (run: number) => (run >= full ? base : `${base}${run}/`);
  const lastRun = Math.max(1, full - (maxPages - 1));
  const firstCount = n - Math.max(0, full - 1) * pageSize;
  const pages: ListingPagePath[] = [{
    page: undefined,
    listing: {
      data: articles.slice(0, firstCount),
      total: n,
      url: { current: base, ...(full > 1 && lastRun < full && { next: url(full - 1) }) },
    },
  }];
  let shown = firstCount;
  for (let run = full - 1; run >= lastRun; run--) {
    const data = articles.slice(n - run * pageSize, n - (run - 1) * pageSize);
    shown += data.length;
    pages.push({
      page: String(run),
      listing: {
        data,
        span: daySpan(data[data.length - 1]!.date, data[0]!.date),
        url: { current: url(run), prev: url(run + 1), ...(run > lastRun && { next: url(run - 1) }) },
      },
    });
  }
  return { pages, shown };
}

/** "3–9 Mar 2025", "28 Feb – 3 Mar 2025", "30 Dec 2024 – 2 Jan 2025" or "3 Mar 2025": the days from `from` to `to`, in the site's zone. */
export function daySpan(from: Date, to: Date): string {
  const [a, b] = [formatDay(from), formatDay(to)];
  if (a === b) return a;
  const [ad, am, ay] = a.split(' ');
  const [, bm, by] = b.split(' ');
  if (ay !== by) return `${a} – ${b}`;
  if (am !== bm) return `${ad} ${am} – ${b}`;
  return `${ad}–${b}`;
}
