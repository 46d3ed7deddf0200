/**
 * The kept staging folder's pruning (src/integrations/incremental-publish.ts):
 * what a build neither wrote nor keyed goes, with its compressed copies;
 * what it keyed or wrote stays, with theirs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { pruneStaging } from '../../src/integrations/incremental-publish';
import { filesUnder } from '../../src/lib/build/sync-site';

const root = mkdtempSync(join(tmpdir(), 'dispatch-prune-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('removes what the build neither wrote nor keyed, with its compressed copies and emptied folders, and keeps the rest', () => {
  const staging = join(root, 'site-staging');
  const lastBuild = new Date('2026-01-01T00:00:00Z');
  const put = (path: string, written: boolean) => {
    const file = join(staging, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, path);
    if (!written) utimesSync(file, lastBuild, lastBuild);
  };
  // Restored by Astro as they were (keyed, untouched), and written by this build.
  for (const path of ['articles/kept/index.html', 'articles/kept/index.html.br', 'articles/kept/index.html.gz']) put(path, false);
  for (const path of ['index.html', 'index.html.br', '_astro/app.1234.js']) put(path, true);
  // A deleted story's page and card, an old bundle, and copies beside a file no longer made.
  for (const path of ['articles/gone/index.html', 'articles/gone/index.html.br', 'social/gone.jpg', '_astro/app.0999.js', 'latest/3/index.html.gz']) put(path, false);
  const since = new Date('2026-06-01T00:00:00Z').getTime();
  expect(pruneStaging(staging, new Set(['articles/kept/index.html']), since).sort()).toEqual([
    '_astro/app.0999.js', 'articles/gone/index.html', 'articles/gone/index.html.br', 'latest/3/index.html.gz', 'social/gone.jpg',
  ]);
  expect(filesUnder(staging).sort()).toEqual([
    '_astro/app.1234.js', 'articles/kept/index.html', 'articles/kept/index.html.br', 'articles/kept/index.html.gz', 'index.html', 'index.html.br',
  ]);
  for (const folder of ['articles/gone', 'social', 'latest']) expect(existsSync(join(staging, folder)), folder).toBe(false);
});
