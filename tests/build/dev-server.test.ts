import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentPath, headlineNames, recordName, type DirectoryShard, type DocRecord, type HeadlineShard, type SearchManifest } from '../../src/lib/search/index-format';
import { acquireBuildLock, astroCli, childProcessEnv, projectRoot } from '../../harness/build-site';
import { freePort } from '../../harness/web-servers';


// `npm run dev` is how editors preview their stories: it must serve what the
// build writes, the search index and per-section feeds included.
describe('the dev server', () => {
  let base = '';
  let stop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The dev server shares the project's .astro folder with builds: it runs under the build lock.
    const release = await acquireBuildLock();
    const child = spawn(process.execPath, [astroCli, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: projectRoot,
      env: {
        ...childProcessEnv(),
        CONTENT_DIR: join(projectRoot, 'tests/fixtures/site'),
        DISPATCH_CACHE_DIR: join(projectRoot, 'tests/.tmp/cache/dev-server'),
        DISPATCH_NOW: '2026-01-01T00:00:00Z',
      },
      stdio: 'ignore',
    });
    stop = async () => {
      child.kill();
      await release();
    };
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`${base}/`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the dev server did not answer within a minute');
  }, 90_000);

  afterAll(() => stop());

  it('serves the search index and the stories it points to', async () => {
    const manifest = await fetch(`${base}/search/index.json`);
    expect(manifest.status).toBe(200);
    const { directories, docCount } = (await manifest.json()) as SearchManifest;
    expect(docCount).toBeGreaterThan(0);
    const get = async (name: string) => {
      const response = await fetch(`${base}/search/${contentPath(name)}`);
      expect(response.status, name).toBe(200);
      return response.json();
    };
    const [first] = headlineNames((await get(directories[0]!)) as DirectoryShard, 0);
    const { url } = (await get(first!)) as HeadlineShard;
    expect(((await get(recordName(first!, 0))) as DocRecord).url).toBe(url[0]);
  });

  it('serves the site feed and each section’s feed', async () => {
    for (const path of ['/rss.xml', '/section/politics/rss.xml']) {
      const response = await fetch(base + path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toMatch(/^<\?xml[\s\S]*<rss/);
    }
  });
});
