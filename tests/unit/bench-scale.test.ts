import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coldTable, failureReason, phasePeaks, phaseTable, publishStepsTable, scaleVerdicts, siteChange, siteFiles, type ColdBuild } from '../../bench/scale';

const MB = 2 ** 20;

describe('failureReason', () => {
  it('names an out-of-heap death from V8 fatal error line', () => {
    const lines = [
      { text: '[content] Syncing content' },
      { text: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' },
    ];
    expect(failureReason(lines, false)).toBe('out of heap');
  });

  it("names a content store too large for one of V8's strings", () => {
    const lines = [
      { text: '  [cause]: RangeError: Invalid string length' },
      { text: '      at Module.stringify (file:///node_modules/devalue/src/stringify.js:22:73)' },
    ];
    expect(failureReason(lines, false)).toBe('string too long');
  });

  it('gives the first error line of any other failure, and nothing for a build that finished', () => {
    const lines = [{ text: 'building' }, { text: '  [ERROR] [content] syn-00001.md: title is required ' }];
    expect(failureReason(lines, false)).toBe('[ERROR] [content] syn-00001.md: title is required');
    expect(failureReason(lines, true)).toBeUndefined();
  });
});

describe('phasePeaks', () => {
  it('takes the largest sample within each phase, and the largest of a phase that recurs', () => {
    const starts = [
      { phase: 'node start and config' as const, wallMs: 0 },
      { phase: 'content sync (read + render Markdown)' as const, wallMs: 2000 },
      { phase: 'rest (hooks, sitemap, gaps)' as const, wallMs: 5000 },
      { phase: 'server bundle (vite)' as const, wallMs: 6000 },
      { phase: 'rest (hooks, sitemap, gaps)' as const, wallMs: 8000 },
    ];
    const samples = [1000, 2500, 3500, 4500, 5500, 6500, 7500, 8500, 9500].map((wallMs, i) => ({ wallMs, rssBytes: [100, 300, 900, 700, 650, 1200, 1500, 400, 800][i]! * MB }));
    expect(phasePeaks(starts, samples)).toEqual([
      { phase: 'node start and config', startMs: 0, peakRssBytes: 100 * MB },
      { phase: 'content sync (read + render Markdown)', startMs: 2000, peakRssBytes: 900 * MB },
      { phase: 'rest (hooks, sitemap, gaps)', startMs: 5000, peakRssBytes: 800 * MB },
      { phase: 'server bundle (vite)', startMs: 6000, peakRssBytes: 1500 * MB },
    ]);
  });
});

describe('phaseTable', () => {
  it('lists the phases in build order, the hooks that run between and after them last', () => {
    const build = {
      ...cold('dispatch', 10_000, true, 1000, 2000),
      phasePeaks: [
        { phase: 'content sync (read + render Markdown)' as const, startMs: 7000, peakRssBytes: 990 * MB },
        { phase: 'rest (hooks, sitemap, gaps)' as const, startMs: 318_000, peakRssBytes: 2235 * MB },
        { phase: 'server bundle (vite)' as const, startMs: 318_000, peakRssBytes: 1598 * MB },
      ],
    };
    expect(phaseTable([build]).split('\n').slice(2)).toEqual([
      'content sync (read + render Markdown)  990 MB (7.0 s)',
      'server bundle (vite)                   1598 MB (318.0 s)',
      'rest (hooks, sitemap, gaps)            2235 MB (318.0 s)',
    ]);
  });
});

describe('siteFiles and siteChange', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scale-site-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the files a build wrote, those whose bytes changed, and those it removed', () => {
    mkdirSync(join(dir, 'articles/a'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), 'front v1');
    writeFileSync(join(dir, 'articles/a/index.html'), 'story a');
    writeFileSync(join(dir, 'old.html'), 'removed story');
    const before = siteFiles(dir);
    // A build one minute later rewrites the front page (new bytes) and story a (same bytes), adds b, removes old.
    const later = Date.now() + 60_000;
    writeFileSync(join(dir, 'index.html'), 'front v2');
    writeFileSync(join(dir, 'articles/a/index.html'), 'story a');
    mkdirSync(join(dir, 'articles/b'));
    writeFileSync(join(dir, 'articles/b/index.html'), 'story b');
    for (const file of ['index.html', 'articles/a/index.html', 'articles/b/index.html']) utimesSync(join(dir, file), later / 1000, later / 1000);
    rmSync(join(dir, 'old.html'));
    expect(siteChange(before, siteFiles(dir), later - 1000)).toEqual({ files: 3, written: 3, changed: 2, removed: 1 });
  });
});

function cold(project: ColdBuild['project'], articles: number, ok: boolean, cpuMs: number, peakMb: number): ColdBuild {
  return {
    project, corpus: `syn-${articles / 1000}k`, articles, ok, failure: ok ? undefined : 'out of heap',
    wallMs: cpuMs, cpuMs, peakRssBytes: peakMb * MB, pages: ok ? articles : undefined, phasePeaks: [],
  };
}

describe('scale tables and verdicts', () => {
  const result = {
    cold: [cold('dispatch', 10_000, true, 150_000, 2400), cold('baseline', 10_000, true, 90_000, 2000), cold('dispatch', 40_000, false, 400_000, 7600)],
    publishCorpus: 'syn-10k',
    publish: [
      { project: 'dispatch' as const, operation: 'add' as const, runs: 5, wallMs: 60_000, cpuMs: 80_000, files: 30_000, written: 30_000, changed: 40, removed: 0,
        steps: [{ step: 'content sync', wallMs: 20_000, cpuMs: 15_000 }, { step: '  of which related lists', wallMs: 3_000 }] },
      { project: 'dispatch' as const, operation: 'delete' as const, runs: 5, wallMs: 60_000, cpuMs: 80_000, files: 30_000, written: 30_000, changed: 40, removed: 3,
        steps: [{ step: 'content sync', wallMs: 21_000, cpuMs: 16_000 }] },
      { project: 'desk' as const, operation: 'add' as const, runs: 5, wallMs: 9_000, cpuMs: 11_000, files: 30_000, written: 40, changed: 40, removed: 0,
        steps: [{ step: 'content sync', wallMs: 2_000, cpuMs: 2_500 }] },
      { project: 'baseline' as const, operation: 'add' as const, runs: 5, wallMs: 40_000, cpuMs: 40_000, files: 10_001, written: 10_001, changed: 1, removed: 0, steps: [] },
    ],
  };

  it('shows where each publishing operation spent its time, one column per operation, a dash where a step did not run', () => {
    const lines = publishStepsTable(result.publish).split('\n');
    expect(lines[0]).toMatch(/^step: wall \(CPU\)\s+add one story\s+delete one story\s+add one story \(desk\)$/);
    expect(lines.find((l) => l.startsWith('content sync'))).toMatch(/20\.0 s \(15\.0 s\)\s+21\.0 s \(16\.0 s\)\s+2\.0 s \(2\.5 s\)$/);
    expect(lines.find((l) => l.includes('of which related lists'))).toMatch(/3\.0 s\s+–\s+–$/);
  });

  it('shows a build that died as a row with its reason and no per-article cost', () => {
    const row = coldTable(result.cold).split('\n').at(-1)!;
    expect(row).toMatch(/^syn-40k\s+40,000\s+Dispatch\s+died: out of heap\s+–\s+400\.0 s\s+400\.0 s\s+7600 MB\s+–\s+–$/);
  });

  it('misses the memory and growth targets when the largest corpus does not build; judges publishing by a build and by the desk, not the baseline', () => {
    expect(scaleVerdicts(result)).toEqual([
      'met   syn-10k: Dispatch builds, peak 2400 MB (target ≤ 8192 MB)',
      'MISS  syn-40k: Dispatch dies (out of heap) after 400.0 s, peak 7600 MB (target ≤ 8192 MB)',
      'MISS  Dispatch CPU per article syn-10k → syn-40k: syn-40k did not build (target ≤ 1.25×)',
      'MISS  add one story on syn-10k: Dispatch 60.0 s wall (target ≤ 10.0 s)',
      'met   add one story on syn-10k: Dispatch desk 9.0 s wall (target ≤ 10.0 s)',
    ]);
  });
});
