import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { buildSite, projectRoot } from '../../harness/build-site';

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path)];
  }).sort();
}

describe('reproducible builds', () => {
  it('builds the same content into byte-identical folders', async () => {
    const first = inject('fixtureSite');
    const second = await buildSite(join(projectRoot, 'tests/fixtures/site'));
    expect(second.ok, second.output).toBe(true);
    const files = listFiles(first);
    expect(listFiles(second.outDir)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(first, f)).equals(readFileSync(join(second.outDir, f))));
    expect(differing).toEqual([]);
  });

  it('builds the same site whatever the clock says, while the same stories are published', async () => {
    // "See more" weighs recency from the newest published story, not from the
    // clock. The fixture site is built at 2026-01-01; this build runs a few
    // days after its newest published story (2025-10-04), when ages from the
    // clock would rank its recent stories differently. Both are after the
    // news sitemap's two days and before the scheduled 2030 story.
    const first = inject('fixtureSite');
    const later = await buildSite(join(projectRoot, 'tests/fixtures/site'), { env: { DISPATCH_NOW: '2025-10-07T00:00:00Z' } });
    expect(later.ok, later.output).toBe(true);
    const files = listFiles(first);
    expect(listFiles(later.outDir)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(first, f)).equals(readFileSync(join(later.outDir, f))));
    expect(differing).toEqual([]);
  });

  it('rebuilds from its own cache into the same folder, every photo still published', async () => {
    // The second build finds every article unchanged in the content store and
    // keeps it; its photos must still be registered with Astro and processed.
    const first = inject('fixtureSite');
    const env = { DISPATCH_CACHE_DIR: join(projectRoot, 'tests/.tmp/cache/warm-rebuild') };
    const cold = await buildSite(join(projectRoot, 'tests/fixtures/site'), { env });
    expect(cold.ok, cold.output).toBe(true);
    const warm = await buildSite(join(projectRoot, 'tests/fixtures/site'), { env });
    expect(warm.ok, warm.output).toBe(true);
    const files = listFiles(first);
    expect(files.some((f) => /^_astro\/.+\.(avif|webp|jpg)$/.test(f))).toBe(true);
    expect(listFiles(warm.outDir)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(first, f)).equals(readFileSync(join(warm.outDir, f))));
    expect(differing).toEqual([]);
  });

});
