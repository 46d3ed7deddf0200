/**
 * The kept staging folder's pruning (src/integrations/incremental-publish.ts):
 * what a build neither wrote nor keyed goes, with its compressed copies;
 * what it keyed or wrote stays, with theirs; from a walk of the folder or
 * from the look the publishing takes.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { pruneStaging } from '../../src/integrations/incremental-publish';
import { filesUnder, lookAtBuilt } from '../../src/lib/build/sync-site';

const root = mkdtempSync(join(tmpdir(), 'dispatch-prune-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * A staging folder as a build leaves it before its pruning; `since` is the
 * build's start. The last build's files are written before it, this build's
 * after it; as Astro 7.4 does with pictures from its image cache and files
 * from `public/`, some of this build's are given an old modification time.
 */
function stage(name: string): { staging: string; since: number } {
  const staging = join(root, name);
  const longAgo = new Date('2026-01-01T00:00:00Z');
  const put = (path: string, oldTime = false) => {
    const file = join(staging, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, path);
    if (oldTime) utimesSync(file, longAgo, longAgo);
  };
  // Restored by Astro as they were (keyed, untouched), kept by the search index.
  for (const path of ['articles/kept/index.html', 'articles/kept/index.html.br', 'articles/kept/index.html.gz']) put(path);
  for (const path of ['search/f/a1.json', 'search/f/a1.json.br', 'search/index.json']) put(path);
  // A deleted story's page and card, an old bundle, a search file the index no longer names, and copies beside a file no longer made.
  for (const path of ['articles/gone/index.html', 'articles/gone/index.html.br', 'social/gone.jpg', '_astro/app.0999.js', 'search/old.json', 'latest/3/index.html.gz']) put(path);
  // The build starts once the clock has moved on from those files' changes.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  const since = Date.now();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  // Written by this build: new, or copied and given their source's time.
  for (const path of ['index.html', 'index.html.br', '_astro/app.1234.js']) put(path);
  for (const path of ['_astro/photo.5678.webp', 'theme-init.js']) put(path, true);
  return { staging, since };
}

const keep = new Set(['articles/kept/index.html', 'search/f/a1.json', 'search/index.json']);
const gone = ['_astro/app.0999.js', 'articles/gone/index.html', 'articles/gone/index.html.br', 'latest/3/index.html.gz', 'search/old.json', 'social/gone.jpg'];
const left = [
  '_astro/app.1234.js', '_astro/photo.5678.webp', 'articles/kept/index.html', 'articles/kept/index.html.br', 'articles/kept/index.html.gz', 'index.html', 'index.html.br',
  'search/f/a1.json', 'search/f/a1.json.br', 'search/index.json', 'theme-init.js',
];

it('removes what the build neither wrote nor keyed, with its compressed copies and emptied folders, and keeps the rest', () => {
  const { staging, since } = stage('walked');
  expect(pruneStaging(staging, (path) => keep.has(path), since).sort()).toEqual(gone);
  expect(filesUnder(staging).sort()).toEqual(left);
  for (const folder of ['articles/gone', 'social', 'latest']) expect(existsSync(join(staging, folder)), folder).toBe(false);
});

it('prunes the same from a look at the staging folder, without walking it, and takes what it removed out of the look', async () => {
  const { staging, since } = stage('looked');
  const looks = (await lookAtBuilt(staging))!;
  expect(pruneStaging(staging, (path) => keep.has(path), since, looks).sort()).toEqual(gone);
  expect(filesUnder(staging).sort()).toEqual(left);
  expect([...looks.keys()].sort()).toEqual(left);
  for (const folder of ['articles/gone', 'social', 'latest']) expect(existsSync(join(staging, folder)), folder).toBe(false);
});
