import { describe, expect, it } from 'vitest';
import { parseBuildLog } from '../../bench/lib/build-log';
import { median, ratio } from '../../bench/lib/stats';
import { formatTable, seconds, times } from '../../bench/lib/table';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is NaN for no values, so a missing figure is never shown as 0', () => {
    expect(median([])).toBeNaN();
  });
});

describe('ratio', () => {
  it('divides the first figure by the second', () => {
    expect(ratio(13, 10)).toBeCloseTo(1.3);
  });

  it('is NaN when a figure is missing or the divisor is zero', () => {
    expect(ratio(undefined, 10)).toBeNaN();
    expect(ratio(5, 0)).toBeNaN();
  });
});

describe('formatTable', () => {
  it('aligns text columns left and numeric columns right under a rule', () => {
    const table = formatTable(['corpus', 'time'], [['bbc', '13.0 s'], ['syn-10k', '120.5 s']]);
    expect(table.split('\n')).toEqual([
      'corpus      time',
      '-------  -------',
      'bbc       13.0 s',
      'syn-10k  120.5 s',
    ]);
  });

  it('formats seconds and ratios, with a dash for missing figures', () => {
    expect(seconds(12_345)).toBe('12.3 s');
    expect(seconds(undefined)).toBe('–');
    expect(times(1.2345)).toBe('1.23×');
    expect(times(Number.NaN)).toBe('–');
  });
});

// Trimmed from a real `astro build` log of Dispatch (Astro 5.18).
const LOG = `09:08:40 [content] Syncing content
09:08:59 [dispatch-articles] 2225 articles read from bench/.tmp/corpora/bbc
09:09:01 [content] Synced content
09:09:01 [types] Generated 21.35s
09:09:01 [build] Collecting build info...
09:09:01 [build] ✓ Completed in 21.43s.
09:09:09 [build] Building static entrypoints...
09:09:15 [vite] ✓ built in 6.02s
09:09:15 [build] ✓ Completed in 6.42s.

 building client (vite) 
09:09:15 [vite] ✓ built in 27ms

 generating static routes 
09:09:16 ▶ src/pages/404.astro
09:09:16   └─ /404.html[dispatch] 2225 articles published; left out: 0 drafts, 0 scheduled
[dispatch:profile] read entries: 310 ms
[dispatch:profile] related lists: 95 ms
 (+815ms) 
09:09:16 ▶ src/pages/articles/[id].astro
09:09:16   ├─ /articles/a/index.html (+12ms) 
09:09:16   ├─ /articles/b/index.html (+4ms) 
09:09:17   └─ /articles/c/index.html (+1.50s) 
09:09:17 λ src/pages/rss.xml.ts
09:09:17   └─ /rss.xml (+7ms) 
09:09:17 λ src/pages/social/[id].jpg.ts
09:09:24 ✓ Completed in 8.64s.

 generating optimized images 
09:09:24   ▶ /_astro/hero.abc.avif (before: 80kB, after: 9kB) (+120ms) (1/1)
09:09:24 ✓ Completed in 130ms.

09:09:25 [@astrojs/sitemap] \`sitemap-index.xml\` created at \`bench/.tmp/out-d\`
09:09:25 [build] 2567 page(s) built in 45.50s
`;

describe('parseBuildLog', () => {
  const phases = parseBuildLog(LOG);

  it("reads Astro's phases: content sync, server and client bundles, pages, images and the total", () => {
    expect(phases).toMatchObject({
      syncMs: 21_350, serverBundleMs: 6420, clientBundleMs: 27, routesMs: 8640, imagesMs: 130, totalMs: 45_500, pages: 2567,
    });
  });

  it('adds up each route’s page times, counting a page whose time comes on a later line', () => {
    expect(phases.routes).toEqual([
      { route: 'src/pages/404.astro', pages: 1, ms: 815 },
      { route: 'src/pages/articles/[id].astro', pages: 3, ms: 1516 },
      { route: 'src/pages/rss.xml.ts', pages: 1, ms: 7 },
      { route: 'src/pages/social/[id].jpg.ts', pages: 0, ms: 0 },
    ]);
  });

  it("collects Dispatch's own profile steps", () => {
    expect(phases.profile).toEqual({ 'read entries': 310, 'related lists': 95 });
  });

  it('leaves out what a log does not show', () => {
    const bare = parseBuildLog('09:00:00 [types] Generated 731ms\n09:00:03 [build] 7 page(s) built in 2.60s\n');
    expect(bare).toEqual({ syncMs: 731, totalMs: 2600, pages: 7, routes: [], profile: {} });
  });
});
