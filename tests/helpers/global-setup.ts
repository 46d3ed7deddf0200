/**
 * Builds the fixture site and the sample site (content/) once per test run and
 * hands their folders to every test file through `inject('fixtureSite')` and
 * `inject('sampleSite')`. The quality gates (valid HTML, links, axe) run over
 * both, so the sample content a reader first sees is held to them too.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, projectRoot, sampleSiteEnv } from '../../harness/build-site';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureSite: string;
    sampleSite: string;
  }
}

async function build(name: string, contentDir: string, env?: Record<string, string>): Promise<string> {
  const outDir = join(projectRoot, 'tests/.tmp', name);
  const result = await buildSite(contentDir, { outDir, ...(env && { env }) });
  if (!result.ok) throw new Error(`The ${name} did not build from ${contentDir}:\n${result.output}`);
  return outDir;
}

export default async function setup(project: TestProject) {
  // Sites and caches of the previous run go, so tests/.tmp never grows.
  for (const old of ['fixture-site', 'sample-site', 'sites', 'cache']) rmSync(join(projectRoot, 'tests/.tmp', old), { recursive: true, force: true });
  // buildSite runs one build at a time (see there).
  const fixtureSite = await build('fixture-site', join(projectRoot, 'tests/fixtures/site'));
  const sampleSite = await build('sample-site', join(projectRoot, 'content'), sampleSiteEnv);
  project.provide('fixtureSite', fixtureSite);
  project.provide('sampleSite', sampleSite);
}
