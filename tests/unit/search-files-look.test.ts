/**
 * The search index's step (src/integrations/search-files.ts) looks at the
 * content folder it keeps as the build starts, and hands the publishing that
 * look brought up to date with what it wrote and removed since: the
 * publishing takes it for the staged site's files instead of looking at them
 * again, so it must be what a look at the folder after the step finds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import type { BuildData } from '../../src/lib/model/build-data';
import type { IndexFile } from '../../src/lib/search/build-index';
import { lookAtBuilt, type Look, type Looks } from '../../src/lib/build/sync-site';
import { searchFiles } from '../../src/integrations/search-files';
import type { BuildDataSource } from '../../src/integrations/build-data';

const root = mkdtempSync(join(tmpdir(), 'dispatch-search-look-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What the publishing compares of each file: which file it is, its size and its time. */
const compared = (looks: Looks | undefined) =>
  new Map([...(looks ?? [])].map(([path, look]: [string, Look | undefined]) => [path, look && { ino: look.ino, size: look.size, mtimeMs: look.mtimeMs }]));

it("hands on a look at its content folder equal to a fresh look after it kept, wrote ahead, wrote, rewrote and removed files, and lets go of it", async () => {
  const out = join(root, 'site');
  const cache = join(root, 'cache');
  const folder = join(out, 'search', 'f');
  mkdirSync(folder, { recursive: true });
  mkdirSync(cache, { recursive: true });
  // The last build's folder: a file kept as it is, one damaged since (its length no longer its name's),
  // one the index no longer names, and compressed copies beside them.
  const old = new Date('2026-01-01T00:00:00Z');
  for (const [name, text] of [['kept.json', 'K'], ['kept.json.br', 'k'], ['damaged.json', 'D'], ['gone.json', 'G'], ['gone.json.gz', 'g']]) {
    writeFileSync(join(folder, name!), text!);
    utimesSync(join(folder, name!), old, old);
  }
  writeFileSync(join(folder, 'damaged.json'), 'D, written into');
  writeFileSync(join(cache, 'search-files-checked'), String(new Date('2026-02-01T00:00:00Z').getTime()));
  const files = new Map<string, IndexFile>([['f/kept.json', 'K'], ['f/damaged.json', 'D'], ['f/ahead.json', 'A'], ['index.json', '{}']]);
  const data = { searchFiles: Promise.resolve({ files, said: [] }) } as unknown as BuildData;
  let listed: ((data: BuildData) => void) | undefined;
  const source: BuildDataSource = { integration: { name: 'data', hooks: {} }, get: () => data, whenListed: (use) => (listed = use), devData: async () => data, release: () => {} };

  const { integration, looks, indexFiles, release } = searchFiles(source);
  const hook = (name: string) => integration.hooks[name as keyof typeof integration.hooks] as (options?: unknown) => unknown;
  hook('astro:config:done')({ config: { outDir: pathToFileURL(`${out}/`), cacheDir: pathToFileURL(`${cache}/`) } });
  hook('astro:build:start')();
  listed!(data);
  hook('astro:build:generated')();
  await hook('astro:build:done')({ dir: pathToFileURL(`${out}/`) });

  expect(readFileSync(join(folder, 'damaged.json'), 'utf8')).toBe('D');
  expect(readFileSync(join(folder, 'ahead.json'), 'utf8')).toBe('A');
  const fresh = new Map([...(await lookAtBuilt(out))!].filter(([path]) => path.startsWith(join('search', 'f'))));
  expect([...fresh.keys()].sort()).toEqual(['search/f/ahead.json', 'search/f/damaged.json', 'search/f/kept.json', 'search/f/kept.json.br']);
  expect(compared(looks())).toEqual(compared(fresh));
  // Let go of once the build is done (src/integrations/let-go.ts).
  expect([...indexFiles()].sort()).toEqual([...files.keys()].sort());
  release();
  expect(looks()).toBeUndefined();
  expect(() => indexFiles()).toThrow(/before they were written/);
});
