import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { publicationCheck } from '../../src/integrations/publication-check';
import { builtArticleUrls, publicationProblems } from '../../src/lib/build/publication-check';
import { lookAtBuilt, type StagedLook } from '../../src/lib/build/sync-site';
import { projectRoot } from '../../harness/build-site';
import { completeFeedDocuments } from '../helpers/metadata';
import { CONTENT_FOLDER, contentPath, headlineNames, recordName, type DirectoryShard, type DocRecord, type SearchManifest } from '../../src/lib/search/index-format';

const site = inject('fixtureSite');
const published = () => readdirSync(join(site, 'articles')).map((id) => `/articles/${id}/`).sort();

/** A copy of the built fixture site to damage. */
function copyOfSite(name: string): string {
  const dir = join(projectRoot, 'tests/.tmp/sites', `loss-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(site, dir, { recursive: true });
  return dir;
}

/**
 * Runs the integration's build:done hook on `dir` as Astro would, the
 * fixture's articles published: once reading the site from disk, once from
 * the publishing's look at it (lookAtBuilt), which must give the same
 * verdict. Returns the failure's message, '' when the check passes.
 */
async function runCheck(dir: string): Promise<string> {
  const verdict = async (staged?: () => Promise<StagedLook | undefined>) => {
    const hook = publicationCheck({ get: () => ({ publishedArticleUrls: published() }) }, staged).hooks['astro:build:done'] as (o: unknown) => Promise<void>;
    try {
      await hook({ dir: new URL(`file://${dir}/`), logger: { info: () => undefined } });
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };
  const looks = (await lookAtBuilt(dir))!;
  const walked = await verdict();
  expect(await verdict(async () => ({ looks }))).toBe(walked);
  return walked;
}

describe('the publication check', () => {
  it('finds every published fixture article once in pages, search records, sitemap and complete feed, on disk and in a look at the site', async () => {
    const built = builtArticleUrls(site);
    for (const [place, urls] of Object.entries(built)) expect([...urls].sort(), place).toEqual(published());
    expect(publicationProblems(published(), built)).toEqual([]);
    expect(builtArticleUrls(site, await lookAtBuilt(site))).toEqual(built);
  });

  it('fails the build when a search record is missing, naming the place and the article', async () => {
    const dir = copyOfSite('search');
    const read = (path: string) => JSON.parse(readFileSync(join(dir, 'search', path), 'utf8'));
    const { directories } = read('index.json') as SearchManifest;
    const [first] = headlineNames(read(contentPath(directories[0]!)) as DirectoryShard, 0);
    const record = contentPath(recordName(first!, 0));
    const lost = (read(record) as DocRecord).url;
    rmSync(join(dir, 'search', record));
    expect(await runCheck(dir)).toMatch(new RegExp(`search-index records: ${published().length - 1} for ${published().length} published articles; missing: ${lost}`));
  });

  it('fails the build when the complete feed repeats an item or a page is missing', async () => {
    const dir = copyOfSite('feed');
    const feed = join(dir, 'archive/rss.xml');
    const xml = readFileSync(feed, 'utf8');
    const item = /<item>[\s\S]*?<\/item>/.exec(xml)![0];
    writeFileSync(feed, xml.replace(item, item + item));
    rmSync(join(dir, 'articles/hanoi-heat'), { recursive: true });
    const message = await runCheck(dir);
    expect(message).toMatch(/article pages: \d+ for \d+ published articles; missing: \/articles\/hanoi-heat\//);
    expect(message).toMatch(/complete-feed items: \d+ for \d+ published articles; repeated: \/articles\//);
  });

  it("counts the stories of a complete-feed month as missing when its document is gone or the chain loops, read as an archiver walks it", async () => {
    const dir = copyOfSite('feed-month');
    const walk = () => builtArticleUrls(dir)['complete-feed items']!;
    const documents = completeFeedDocuments(dir);
    expect(documents.length).toBeGreaterThan(2);
    const [head, lastMonth] = documents;
    expect(walk().length).toBe(published().length);
    // The newest past month's document linking back to the subscription document: the walk stops, nothing counts twice.
    const file = join(dir, lastMonth!.path);
    const xml = readFileSync(file, 'utf8');
    writeFileSync(file, xml.replace(/(<atom:link href="[^"]*)\/archive\/[^"]*(" rel="prev-archive")/, '$1/archive/rss.xml$2'));
    expect(walk().length).toBe(head!.items.length + lastMonth!.items.length);
    rmSync(file);
    expect(walk().length).toBe(head!.items.length);
    expect(await runCheck(dir)).toMatch(new RegExp(`complete-feed items: ${head!.items.length} for ${published().length} published articles; missing: /articles/`));
  });

  it('reports every search record missing, without crashing, when the index has no folder of files', async () => {
    const dir = copyOfSite('no-shards');
    rmSync(join(dir, 'search', CONTENT_FOLDER), { recursive: true });
    expect(builtArticleUrls(dir)['search-index records']).toEqual([]);
    expect(await runCheck(dir)).toMatch(/search-index records: 0 for \d+ published articles/);
  });

  it('passes on an intact site', async () => {
    expect(await runCheck(site)).toBe('');
  });
});
