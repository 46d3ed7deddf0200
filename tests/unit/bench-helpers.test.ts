import { describe, expect, it } from 'vitest';
import { breakdownTable, buildTable, growthLine, type CorpusResult, type ProjectSummary } from '../../bench/build';
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

// Trimmed from a real `astro build` log of Dispatch (Astro 5.18); each line
// stamped as run-build.ts does: wall ms and CPU ms when it arrived.
const LOG: [number, number, string][] = [
  [1800, 1500, '09:08:40 [content] Syncing content'],
  [20_000, 19_000, '09:08:59 [dispatch-articles] 2225 articles read from bench/.tmp/corpora/bbc'],
  [21_000, 20_000, '09:09:01 [types] Generated 19.20s'],
  [21_100, 20_050, '09:09:01 [build] Collecting build info...'],
  [21_100, 20_050, '09:09:01 [build] ✓ Completed in 19.30s.'],
  [21_200, 20_100, '09:09:01 [build] Building static entrypoints...'],
  [27_000, 25_000, '09:09:07 [vite] ✓ built in 5.80s'],
  [27_200, 25_100, '09:09:07 [build] ✓ Completed in 6.00s.'],
  [27_300, 25_150, ' building client (vite) '],
  [27_330, 25_170, '09:09:07 [vite] ✓ built in 27ms'],
  [27_400, 25_200, ' generating static routes '],
  [27_500, 25_300, '09:09:07 ▶ src/pages/404.astro'],
  [28_300, 26_000, '09:09:08   └─ /404.html[dispatch] 2225 articles published; left out: 0 drafts, 0 scheduled'],
  [28_300, 26_000, '[dispatch:profile] read entries: 310 ms'],
  [28_300, 26_000, '[dispatch:profile] related lists: 95 ms'],
  [28_310, 26_010, ' (+815ms) '],
  [28_310, 26_010, '09:09:08 ▶ src/pages/articles/[id].astro'],
  [29_000, 26_600, '09:09:09   ├─ /articles/a/index.html (+12ms) '],
  [30_000, 27_500, '09:09:10   └─ /articles/b/index.html (+4ms) '],
  [30_010, 27_510, '09:09:10 λ src/pages/rss.xml.ts'],
  [30_100, 27_600, '09:09:10   └─ /rss.xml (+7ms) '],
  [30_200, 27_700, '09:09:10 ✓ Completed in 2.80s.'],
  [30_300, 27_800, ' generating optimized images '],
  [30_500, 28_300, '09:09:10   ▶ /_astro/hero.abc.avif (before: 80kB, after: 9kB) (+120ms) (1/1)'],
  [30_600, 28_400, '09:09:10 ✓ Completed in 300ms.'],
  [31_000, 28_900, '09:09:11 [@astrojs/sitemap] `sitemap-index.xml` created at `bench/.tmp/out-d`'],
  [31_100, 29_000, '09:09:11 [build] 2567 page(s) built in 29.30s'],
];
const lines = LOG.map(([wallMs, cpuMs, text]) => ({ wallMs, cpuMs, text }));

describe('parseBuildLog', () => {
  const result = parseBuildLog(lines, { wallMs: 31_500, cpuMs: 29_200 });

  it('splits the build into phases from the line that opens each to the next, in wall and CPU time', () => {
    expect(result.phases).toEqual({
      'node start and config': { wallMs: 1800, cpuMs: 1500 },
      'content sync (read + render Markdown)': { wallMs: 19_200, cpuMs: 18_500 },
      'rest (hooks, sitemap, gaps)': { wallMs: 200 + 100 + 70 + 100 + 900, cpuMs: 100 + 50 + 30 + 100 + 800 },
      'server bundle (vite)': { wallMs: 6000, cpuMs: 5000 },
      'client bundle (vite)': { wallMs: 30, cpuMs: 20 },
      'pages and endpoints': { wallMs: 2800, cpuMs: 2500 },
      images: { wallMs: 300, cpuMs: 600 },
    });
  });

  it('gives every route its time and its pages, counting a page whose time comes on a later line', () => {
    expect(result.routes).toEqual([
      { route: 'src/pages/404.astro', pages: 1, wallMs: 810, cpuMs: 710 },
      { route: 'src/pages/articles/[id].astro', pages: 2, wallMs: 1700, cpuMs: 1500 },
      { route: 'src/pages/rss.xml.ts', pages: 1, wallMs: 190, cpuMs: 190 },
    ]);
    expect(result.pages).toBe(2567);
  });

  it("collects Dispatch's own profile steps", () => {
    expect(result.profile).toEqual({ 'read entries': 310, 'related lists': 95 });
  });

  it('leaves CPU time out when the lines carry none', () => {
    const bare = parseBuildLog([{ text: '[content] Syncing content', wallMs: 500 }], { wallMs: 900 });
    expect(bare.phases).toEqual({
      'node start and config': { wallMs: 500, cpuMs: undefined },
      'content sync (read + render Markdown)': { wallMs: 400, cpuMs: undefined },
    });
  });
});

/** A corpus result as benchBuild summarises it, with the figures a table shows. */
function corpusResult(name: string, articles: number, dispatch: [wallMs: number, cpuMs: number], baseline: [wallMs: number, cpuMs: number]): CorpusResult {
  const summary = (wallMs: number, cpuMs: number, phases: ProjectSummary['phases']): ProjectSummary => ({
    pages: articles, coldWallMs: wallMs, coldCpuMs: cpuMs, peakRssBytes: 512 * 2 ** 20, warmWallMs: wallMs / 2, warmCpuMs: cpuMs / 2, phases,
  });
  return {
    name, articles, description: name, runs: [],
    summary: {
      dispatch: summary(...dispatch, {
        'content sync (read + render Markdown)': { wallMs: 6000, cpuMs: 5000 },
        'pages and endpoints': { wallMs: 4000, cpuMs: 3000 },
        '  articles/[id].astro': { wallMs: 2000, cpuMs: 1500 },
        'dispatch: related lists': { wallMs: 700 },
      }),
      baseline: summary(...baseline, {
        'content sync (read + render Markdown)': { wallMs: 5000, cpuMs: 4500 },
        'pages and endpoints': { wallMs: 1000, cpuMs: 900 },
        '  [...id].astro': { wallMs: 1000, cpuMs: 900 },
        images: { wallMs: 10, cpuMs: 10 },
      }),
    },
    ratio: { wall: dispatch[0] / baseline[0], cpu: dispatch[1] / baseline[1], warm: dispatch[1] / baseline[1] },
  };
}

describe('build tables', () => {
  const results = [corpusResult('syn-1k', 1000, [12_000, 10_000], [10_000, 8000]), corpusResult('syn-10k', 10_000, [130_000, 110_000], [100_000, 80_000])];

  it('prints wall and CPU medians of both projects with their ratios, one row per corpus', () => {
    const [header, , first] = buildTable(results).split('\n');
    const cells = (line: string) => line.trim().split(/\s{2,}/);
    expect(cells(header!)).toEqual(['corpus', 'articles', 'pages D/B', 'wall D', 'wall B', 'ratio', 'CPU D', 'CPU B', 'CPU ratio', 'peak D', 'peak B', 'warm CPU D', 'warm CPU B', 'warm CPU ratio']);
    expect(cells(first!)).toEqual(['syn-1k', '1,000', '1000/1000', '12.0 s', '10.0 s', '1.20×', '10.0 s', '8.0 s', '1.25×', '512 MB', '512 MB', '5.0 s', '4.0 s', '1.25×']);
  });

  it('lists phases in build order with every route, the baseline\'s included, under pages, and Dispatch\'s own steps last', () => {
    const names = breakdownTable(results).split('\n').slice(2).map((line) => /^\s*\S+(?: \S+)*/.exec(line)![0]);
    expect(names).toEqual([
      'content sync (read + render Markdown)', 'pages and endpoints', '  articles/[id].astro', '  [...id].astro', 'images', 'dispatch: related lists', 'total CPU',
    ]);
  });

  it('gives growth from the smallest to the largest synthetic corpus per article, in wall and CPU time', () => {
    expect(growthLine(results)!.split('\n')).toEqual([
      'Growth syn-1k → syn-10k, 10× the articles:',
      '  Dispatch wall 10.83× (12.0 → 13.0 ms per article), CPU 11.00× (10.0 → 11.0 ms per article)',
      '  baseline wall 10.00× (10.0 → 10.0 ms per article), CPU 10.00× (8.0 → 8.0 ms per article)',
    ]);
    expect(growthLine(results.slice(0, 1))).toBeUndefined();
  });
});
