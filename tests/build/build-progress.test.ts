import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot, type BuildResult } from '../../harness/build-site';

const FIXTURE = join(projectRoot, 'tests/fixtures/site');
const env = { DISPATCH_CACHE_DIR: join(projectRoot, 'tests/.tmp/cache/build-progress') };
// Astro colours its log when the terminal (or CI) allows.
const plain = (build: BuildResult) => build.output.replace(/\u001b\[[0-9;]*m/g, '');
const lines = (build: BuildResult) => plain(build).split('\n');

describe('build progress lines', () => {
  let full: BuildResult;
  let summarised: BuildResult;
  let unchanged: BuildResult;

  beforeAll(async () => {
    // Astro's own log first (a line per page), then the same build with progress lines, from a warm cache.
    // The logger is part of the config, so the second build renders every page again.
    full = await buildSite(FIXTURE, { env: { ...env, DISPATCH_BUILD_LOG: 'pages' }, log: true });
    summarised = await buildSite(FIXTURE, { env, log: true });
    // Nothing changed since: the incremental build restores every keyed page.
    unchanged = await buildSite(FIXTURE, { env, log: true });
  }, 600_000);

  it('replaces the line per page and per image with one closing count per phase', () => {
    expect(full.ok, full.output).toBe(true);
    expect(summarised.ok, summarised.output).toBe(true);
    const written = lines(full).filter((l) => /^\s*(\d\d:\d\d:\d\d )?\s*[├└]─ /.test(l)).length;
    const images = lines(full).filter((l) => /▶ \/_astro\/.*\(\d+\/\d+\)/.test(l)).length;
    expect(written).toBeGreaterThan(10);
    expect(lines(summarised).filter((l) => /[├└]─ |▶ \/_astro\//.test(l))).toEqual([]);
    expect(plain(summarised)).toMatch(new RegExp(`\\[progress\\] pages: ${written} files in \\d+`));
    if (images > 0) expect(plain(summarised)).toMatch(new RegExp(`\\[progress\\] images: ${images} images in \\d+`));
  });

  it('counts the articles read and ends with a summary of every phase in build order', () => {
    const articles = /(\d+) articles read/.exec(plain(summarised))?.[1];
    expect(articles).toBeDefined();
    expect(plain(summarised)).toMatch(new RegExp(`\\[progress\\] content sync: ${articles} articles in \\d+`));
    const summary = lines(summarised).find((l) => l.includes('[progress] built in'));
    expect(summary).toMatch(new RegExp(`built in \\d+ (s|min \\d+ s): content sync \\d+ s \\(${articles} articles\\), server bundle [^,]+, pages [^(]+\\(\\d+ files\\)`));
    // Astro's other lines pass through: its own closing line comes after the summary.
    expect(lines(summarised).findIndex((l) => l.includes('Complete!'))).toBeGreaterThan(lines(summarised).indexOf(summary!));
  });

  it('counts the pages restored unchanged by an incremental build in its summary', () => {
    expect(unchanged.ok, unchanged.output).toBe(true);
    const restored = /rendered 0 of (\d+) keyed pages, restored \1/.exec(plain(unchanged))?.[1];
    expect(restored).toBeDefined();
    expect(lines(unchanged).find((l) => l.includes('[progress] built in'))).toMatch(new RegExp(`pages [^(]+\\(\\d+ files, ${restored} restored unchanged\\)`));
  });
});
