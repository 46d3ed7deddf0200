import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { buildSite, projectRoot } from '../helpers/build-site';

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

});
