/**
 * Builds the fixture site once per test run and hands its folder to every
 * test file through `inject('fixtureSite')`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, projectRoot } from './build-site';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureSite: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = join(projectRoot, 'tests/.tmp/fixture-site');
  // Sites and caches of the previous run go, so tests/.tmp never grows.
  for (const old of ['fixture-site', 'sites', 'cache']) rmSync(join(projectRoot, 'tests/.tmp', old), { recursive: true, force: true });
  const result = await buildSite(join(projectRoot, 'tests/fixtures/site'), { outDir });
  if (!result.ok) throw new Error(`The fixture site did not build:\n${result.output}`);
  project.provide('fixtureSite', outDir);
}
