/**
 * The publishing desk (`npm run desk`, scripts/desk.ts): it publishes the site,
 * then each change to the articles as it is saved, in a builder process that
 * stays up. Every publish must leave the site folder exactly as a cold build
 * of the same content would, and a change it cannot publish must leave the
 * site as it was, with the file and field named.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, childProcessEnv, projectRoot, withBuildLock } from '../../harness/build-site';
import { filesUnder } from '../../src/lib/build/sync-site';
import { article, contentFolder } from '../helpers/content-folder';
import { differences, snapshot } from '../helpers/site-files';

const NOW = '2026-01-01T00:00:00Z';
/** The desk's line at the end of each publish, good or not. */
const ENDED = /^\[desk\] (published|not published)/gm;
/** The desk's line saying a new builder takes over, which then publishes once. */
const RENEWED = /^\[desk\] the builder holds .* a new one takes over/gm;
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

const story = (i: number, body = `Officials in ward ${i} said the work would go on through the rainy season.`) =>
  article({ title: `"Ward ${i} report"`, summary: `Notes from ward ${i}.`, date: `2025-0${1 + (i % 9)}-1${i % 10}T08:00:00+07:00`, section: i % 2 ? 'politics' : 'business', tags: '[Hà Nội, Transport]' }, body);

// The second desk's limit is 1 MB: a new builder takes over after each builder's second publish.
describe.each([
  { name: 'desk-live', memoryMb: undefined },
  { name: 'desk-renewed', memoryMb: '1' },
])('the publishing desk ($name)', ({ name, memoryMb }) => {
  const LIVE = join(projectRoot, 'tests/.tmp/sites', name);
  let content: string;
  let desk: ChildProcess;
  let output = '';

  /** Runs `change` and waits until the desk has ended one more publish (and a new builder's first); what it printed meanwhile. */
  async function publishAfter(change: () => void): Promise<string> {
    return withBuildLock(async () => {
      const from = output.length;
      const ended = count(output, ENDED);
      change();
      while (count(output, ENDED) <= ended + count(output.slice(from), RENEWED)) {
        expect(desk.exitCode, output.slice(-4000)).toBeNull();
        await new Promise((done) => setTimeout(done, 100));
      }
      return output.slice(from);
    });
  }

  /** The live site against a cold build of the same content. */
  async function expectSameAsCold() {
    const reference = await buildSite(content, { env: { DISPATCH_NOW: NOW } });
    expect(reference.ok, reference.output).toBe(true);
    expect(differences(LIVE, reference.outDir)).toEqual([]);
    rmSync(reference.outDir, { recursive: true, force: true });
  }

  beforeAll(async () => {
    content = contentFolder(Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`ward-${i}.md`, story(i)])));
    rmSync(LIVE, { recursive: true, force: true });
    rmSync(join(projectRoot, 'tests/.tmp/cache', basename(LIVE)), { recursive: true, force: true });
    const first = await publishAfter(() => {
      desk = spawn(process.execPath, ['scripts/desk.ts', '--outDir', LIVE], {
        cwd: projectRoot,
        env: { ...childProcessEnv(), CONTENT_DIR: content, DISPATCH_CACHE_DIR: join(projectRoot, 'tests/.tmp/cache', basename(LIVE)), DISPATCH_NOW: NOW, NODE_ENV: 'production', ...(memoryMb && { DISPATCH_DESK_MEMORY_MB: memoryMb }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      desk.stdout!.on('data', (d) => (output += d));
      desk.stderr!.on('data', (d) => (output += d));
    });
    expect(first, first).toMatch(/^\[desk\] published the site in [\d.]+ s$/m);
  }, 600_000);

  afterAll(() => {
    desk?.kill();
    rmSync(content, { recursive: true, force: true });
  });

  it('publishes a new story, an edit and a deletion as they are saved, each time as a cold build would', async () => {
    const added = await publishAfter(() => writeFileSync(join(content, 'breaking.md'), story(7, 'Breaking: the river rose overnight.')));
    expect(added).toMatch(/^\[desk\] published .*breaking\.md in [\d.]+ s$/m);
    // Only what the story changed is rendered, as in `npm run build`.
    const [, rendered, keyed] = /rendered (\d+) of (\d+) keyed pages/.exec(added) ?? [];
    expect(Number(rendered)).toBeGreaterThan(0);
    expect(Number(rendered)).toBeLessThan(Number(keyed));
    expect(readFileSync(join(LIVE, 'articles/breaking/index.html'), 'utf8')).toContain('the river rose overnight');
    // The builder's second publish: where the limit is 1 MB, a new builder takes over and publishes once.
    expect(count(added, RENEWED)).toBe(memoryMb ? 1 : 0);
    if (memoryMb) expect(added).toMatch(/^\[desk\] published the site in [\d.]+ s$/m);
    await expectSameAsCold();

    const edited = await publishAfter(() => writeFileSync(join(content, 'ward-3.md'), story(3, 'A late paragraph: the salt line moved inland.')));
    expect(edited).toMatch(/^\[desk\] published .*ward-3\.md in/m);
    await expectSameAsCold();

    await publishAfter(() => unlinkSync(join(content, 'ward-5.md')));
    expect(filesUnder(LIVE).filter((f) => f.startsWith('articles/ward-5/'))).toEqual([]);
    await expectSameAsCold();
  }, 600_000);

  it('leaves the site as it was when a change cannot be published, names the file and field, and publishes the fix', async () => {
    const before = snapshot(LIVE);
    const refused = await publishAfter(() => writeFileSync(join(content, 'ward-2.md'), article({ title: '"Ward 2"', date: '18/05/2025' })));
    expect(refused).toContain(`${content}/ward-2.md: date: "18/05/2025" is not a date and time`);
    expect(refused).toMatch(/^\[desk\] not published \(.*ward-2\.md\)/m);
    expect(refused).not.toMatch(/Stack trace:|^\s+at /m);
    expect(snapshot(LIVE)).toEqual(before);
    const fixed = await publishAfter(() => writeFileSync(join(content, 'ward-2.md'), story(2, 'The corrected story.')));
    expect(fixed).toMatch(/^\[desk\] published .*ward-2\.md in/m);
    await expectSameAsCold();
  }, 600_000);
});
