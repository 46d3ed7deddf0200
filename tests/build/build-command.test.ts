import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot, runNode, withBuildLock } from '../../harness/build-site';

const FIXTURE = join(projectRoot, 'tests/fixtures/site');
/** Wiped at the start of each test run (tests/helpers/global-setup.ts). */
const TMP = join(projectRoot, 'tests/.tmp/sites');

interface Run {
  ok: boolean;
  output: string;
  out: string;
}

/** `npm run build -- <args>` (the script npm runs, on this Node) over the fixture content into a new folder. */
async function npmRunBuild(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const out = mkdtempSync(join(TMP, 'build-command-'));
  const run = await runNode([join(projectRoot, 'scripts/build.ts'), '--outDir', out, ...args], {
    CONTENT_DIR: FIXTURE, DISPATCH_NOW: '2026-01-01T00:00:00Z', NODE_ENV: 'production', NO_COLOR: '1', ...env,
  });
  return { ...run, out };
}

const articlePages = (site: string) => readdirSync(join(site, 'articles')).sort();

describe('npm run build, whatever the archive’s size', () => {
  let single: Run;
  let sliced: Run;

  beforeAll(async () => {
    mkdirSync(TMP, { recursive: true });
    // One astro build at a time in the project (harness/build-site.ts); the slices build in lanes of their own.
    single = await withBuildLock(() => npmRunBuild({ DISPATCH_CACHE_DIR: mkdtempSync(join(TMP, 'build-command-cache-')) }));
    sliced = await npmRunBuild({ DISPATCH_SLICES_ABOVE: '2' }, ['--work-dir', mkdtempSync(join(TMP, 'build-command-work-'))]);
  }, 600_000);

  it('builds an archive up to the threshold in one astro build', () => {
    expect(single.ok, single.output).toBe(true);
    expect(single.output).not.toContain('[archive]');
    expect(single.output).toMatch(/\[dispatch:incremental-publish\] rendered \d+ of \d+ keyed pages/);
    expect(articlePages(single.out)).toEqual(articlePages(inject('fixtureSite')));
  });

  it('builds a larger one in time slices, into the folder asked for, saying so in one line', () => {
    expect(sliced.ok, sliced.output).toBe(true);
    expect(sliced.output).toMatch(/^\[dispatch\] \d+ stories, more than one build holds well \(2\): building the archive in time slices/m);
    expect(sliced.output).toMatch(/\[archive\] slice 1 of 1 \(\d+ stories/);
    expect(articlePages(sliced.out)).toEqual(articlePages(inject('fixtureSite')));
  });
});

describe('a setting of the wrong kind', () => {
  it('stops the build with one line naming it, and no stack trace', async () => {
    const run = await npmRunBuild({ LATEST_PAGES: 'twenty' });
    expect(run.ok).toBe(false);
    expect(run.output).toContain('LATEST_PAGES: "twenty" is not a whole number of at least 1');
    expect(run.output).not.toMatch(/Stack trace|    at /);
  }, 120_000);
});
