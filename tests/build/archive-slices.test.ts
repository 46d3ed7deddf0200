import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot, runNode } from '../../harness/build-site';
import type { CorpusIndex } from '../../src/lib/archive/corpus-index';
import type { ArchivePart } from '../../src/lib/archive/part';

const FIXTURE = join(projectRoot, 'tests/fixtures/site');
/** Wiped at the start of each test run (tests/helpers/global-setup.ts). */
const TMP = join(projectRoot, 'tests/.tmp/sites');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

interface ArchiveRun {
  ok: boolean;
  output: string;
  out: string;
  work: string;
}

/** `npm run build:archive` over `content` into `out`, as the global setup builds the fixture site (same build time). */
async function buildArchive(content: string, out: string, args: string[]): Promise<ArchiveRun> {
  const work = mkdtempSync(join(TMP, 'archive-work-'));
  const cli = [join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), join(projectRoot, 'scripts/build-archive.ts')];
  const run = await runNode([...cli, '--content', content, '--out', out, '--work-dir', work, ...args], { DISPATCH_NOW: '2026-01-01T00:00:00Z', NODE_ENV: 'production' });
  return { ...run, out, work };
}

describe('the archive built in time slices', () => {
  let sliced: ArchiveRun;
  let parts: ArchivePart[];

  beforeAll(async () => {
    mkdirSync(TMP, { recursive: true });
    sliced = await buildArchive(FIXTURE, mkdtempSync(join(TMP, 'archive-site-')), ['--slice-size', '2', '--jobs', '2']);
    parts = readdirSync(join(sliced.work, 'parts')).map((f) => JSON.parse(readFileSync(join(sliced.work, 'parts', f), 'utf8')) as ArchivePart);
  }, 900_000);

  it('merges three slices and the index part into a site byte-identical, file for file, to one whole build', () => {
    expect(sliced.ok, sliced.output).toBe(true);
    expect(parts.filter((p) => p.kind === 'slice')).toHaveLength(3);
    const whole = inject('fixtureSite');
    const files = listFiles(whole);
    expect(listFiles(sliced.out)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(whole, f)).equals(readFileSync(join(sliced.out, f))));
    expect(differing).toEqual([]);
    expect(sliced.output).toMatch(/6 published articles, each once as a page, a search record, a sitemap entry and a feed item/);
  });

  it('shows the right cards in "See more" for stories that another slice renders', () => {
    const index = JSON.parse(readFileSync(join(sliced.work, 'corpus-index.json'), 'utf8')) as CorpusIndex;
    const sliceOf = new Map(parts.filter((p) => p.kind === 'slice').flatMap((p) => p.own.map((id) => [id, p.name])));
    const crossing = index.stories.flatMap((s) => s.related.filter(([id]) => sliceOf.get(id) !== sliceOf.get(s.id)).map(([id]) => ({ from: s.id, to: id })));
    expect(crossing.length).toBeGreaterThan(0);
    const page = (id: string) => parseHTML(readFileSync(join(sliced.out, 'articles', id, 'index.html'), 'utf8')).document;
    for (const { from, to } of crossing) {
      const target = page(to);
      const headline = target.querySelector('h1')?.textContent;
      const card = [...page(from).querySelectorAll('#related .story')].find((c) => c.querySelector('.story-title a')?.getAttribute('href') === `/articles/${to}/`);
      expect(card, `${from} → ${to}`).toBeDefined();
      expect(card!.querySelector('.story-title')?.textContent).toBe(headline);
      expect(card!.querySelector('.story-summary')?.textContent).toBe(target.querySelector('.standfirst')?.textContent);
      for (const img of card!.querySelectorAll('img, source')) {
        for (const src of (img.getAttribute('src') ?? img.getAttribute('srcset') ?? '').split(',').map((s) => s.trim().split(' ')[0]!)) {
          expect(existsSync(join(sliced.out, src)), src).toBe(true);
        }
      }
    }
  });

  it('fails naming the slice whose build failed, and leaves the previous site whole', async () => {
    const content = mkdtempSync(join(TMP, 'archive-content-'));
    cpSync(FIXTURE, content, { recursive: true });
    // The oldest story, so slice 1 holds it; only its own build renders bodies and finds the missing picture.
    writeFileSync(join(content, 'broken-picture.md'), '---\ntitle: A story with a missing picture\nsummary: Its body names a picture that is not there.\ndate: 2020-01-01T09:00:00+07:00\nsection: news\n---\nText.\n\n![A river](./missing.png)\n');
    const before = new Map(listFiles(sliced.out).map((f) => [f, readFileSync(join(sliced.out, f))]));
    const run = await buildArchive(content, sliced.out, ['--slice-size', '3']);
    expect(run.ok).toBe(false);
    expect(run.output).toMatch(/\[archive\] slice 1 of 3 \(3 stories, 2020-01-01 to [\d-]+\) failed \(exit code 1\); nothing was published/);
    expect(run.output).toMatch(/broken-picture\.md: body: image \.\/missing\.png/);
    expect(listFiles(sliced.out)).toEqual([...before.keys()]);
    expect([...before].filter(([f, bytes]) => !readFileSync(join(sliced.out, f)).equals(bytes))).toEqual([]);
    expect(existsSync(`${sliced.out}.archive-new`)).toBe(false);
  }, 900_000);
});
