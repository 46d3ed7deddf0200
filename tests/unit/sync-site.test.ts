import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesUnder, INCOMPLETE, lookAtBuilt, lookAtFolder, syncSite } from '../../src/lib/build/sync-site';

const roots: string[] = [];
function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dispatch-sync-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('publishing a built site into the live folder', () => {
  it('writes only new and changed files, removes what the build no longer makes, and leaves the rest untouched', () => {
    const live = folder({ 'index.html': 'front', 'articles/a/index.html': 'A', 'articles/gone/index.html': 'old', '.git/HEAD': 'ref' });
    const built = folder({ 'index.html': 'front page, new', 'articles/a/index.html': 'A', 'articles/b/index.html': 'B' });
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(live, 'articles/a/index.html'), old, old);

    expect(syncSite(built, live)).toEqual({ files: 3, added: 1, changed: 1, removed: 1 });
    expect(filesUnder(live).sort()).toEqual(['articles/a/index.html', 'articles/b/index.html', 'index.html']);
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('front page, new');
    expect(statSync(join(live, 'articles/a/index.html')).mtime).toEqual(old);
    // The removed page's empty folder goes too; git's folder stays, as Astro keeps it.
    expect(existsSync(join(live, 'articles/gone'))).toBe(false);
    expect(readFileSync(join(live, '.git/HEAD'), 'utf8')).toBe('ref');
  });

  it('publishes the same with the live folder looked at beforehand in a worker thread, leaving its git folder alone', async () => {
    const files = { 'index.html': 'front', 'articles/a/index.html': 'A', 'articles/gone/index.html': 'old', 'search/f/x.json': 'x', '.git/HEAD': 'ref' };
    const next = { 'index.html': 'front page, new', 'articles/a/index.html': 'A', 'articles/b/index.html': 'B', 'search/f/x.json': 'x' };
    const copied = (path: string) => !path.startsWith('search/f/');
    const [plain, looked] = [folder(files), folder(files)];
    const old = new Date('2020-01-01T00:00:00Z');
    for (const live of [plain, looked]) utimesSync(join(live, 'articles/a/index.html'), old, old);
    const live = await lookAtFolder(looked);
    expect([...live!.keys()].sort()).toEqual(['articles/a/index.html', 'articles/gone/index.html', 'index.html', 'search/f/x.json']);
    expect(live!.get('index.html')).toMatchObject({ size: 5, ino: statSync(join(looked, 'index.html')).ino });
    const [fromPlain, fromLooked] = [folder(next), folder(next)];
    // The built folder looked at in two threads, its top-level names shared out by the live folder's counts.
    const built = await lookAtBuilt(fromLooked, (name) => (name === 'articles' ? 3 : 1));
    expect([...built!.keys()].sort()).toEqual(filesUnder(fromLooked).sort());
    expect(built!.get('articles/b/index.html')).toMatchObject({ size: 1, ino: statSync(join(fromLooked, 'articles/b/index.html')).ino });
    expect(await lookAtBuilt(join(plain, 'no-such-folder'))).toEqual(new Map());
    // Part of it: the top-level names asked for, or all the others.
    expect([...(await lookAtBuilt(fromLooked, () => 1, (name) => name === 'search'))!.keys()]).toEqual(['search/f/x.json']);
    expect([...(await lookAtBuilt(fromLooked, () => 1, (name) => name !== 'search'))!.keys()].sort()).toEqual(['articles/a/index.html', 'articles/b/index.html', 'index.html']);
    const result = syncSite(fromLooked, looked, { copied, live, built });
    expect(result).toEqual({ files: 4, added: 1, changed: 1, removed: 1 });
    expect(syncSite(fromPlain, plain, { copied })).toEqual(result);
    for (const root of [plain, looked]) {
      expect(filesUnder(root).sort()).toEqual(['articles/a/index.html', 'articles/b/index.html', 'index.html', 'search/f/x.json']);
      expect(readFileSync(join(root, 'index.html'), 'utf8')).toBe('front page, new');
      expect(statSync(join(root, 'articles/a/index.html')).mtime).toEqual(old);
      expect(readFileSync(join(root, '.git/HEAD'), 'utf8')).toBe('ref');
    }
    expect(await lookAtFolder(join(plain, 'no-such-folder'))).toEqual(new Map());
  });

  it('takes the kept copies of an unchanged file as unchanged without a look, and compares every other copy', async () => {
    const files = { 'a.html': 'A', 'a.html.br': 'A in brotli', 'b.html': 'B', 'b.html.br': 'B in brotli', 'c.html': 'C', 'c.html.gz': 'C in gzip', 'd.html': 'D', 'd.html.br': 'D in brotli' };
    const live = folder(files);
    // The live folder holds what the last sync put there: the built copies linked in, the pages copied with their times.
    const built = folder({});
    for (const [path] of Object.entries(files)) {
      if (path.endsWith('.html')) {
        writeFileSync(join(built, path), readFileSync(join(live, path)));
        const { atime, mtime } = statSync(join(live, path));
        utimesSync(join(built, path), atime, mtime);
      } else linkSync(join(live, path), join(built, path));
    }
    // This build: b.html changed and its copy made anew; c.html's copy made anew for the same page (another
    // quality, say); d.html's copy made anew but not said to be, as a precompression that kept it would not.
    writeFileSync(join(built, 'b.html'), 'B, edited');
    for (const path of ['b.html.br', 'c.html.gz', 'd.html.br']) {
      rmSync(join(built, path));
      writeFileSync(join(built, path), `${path}, made anew`);
    }
    const looks = { live: (await lookAtFolder(live))!, built: (await lookAtBuilt(built))! };
    expect(looks.built.get('a.html.br')).toBeUndefined();
    const result = syncSite(built, live, { copied: (path) => path.endsWith('.html'), ...looks, copiesKept: new Set(['a.html', 'b.html', 'd.html']) });
    expect(result).toEqual({ files: 8, added: 0, changed: 3, removed: 0 });
    // b.html changed, so its copy is compared though kept; c.html's is not kept; d.html's is trusted as kept.
    expect(readFileSync(join(live, 'b.html.br'), 'utf8')).toBe('b.html.br, made anew');
    expect(readFileSync(join(live, 'c.html.gz'), 'utf8')).toBe('c.html.gz, made anew');
    expect(readFileSync(join(live, 'd.html.br'), 'utf8')).toBe('D in brotli');
    expect(statSync(join(live, 'a.html.br')).ino).toBe(statSync(join(built, 'a.html.br')).ino);
  });

  it('removes a folder of thousands of files the build no longer makes, and the folder with them', () => {
    const old = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`search/old/${i}.json`, String(i)]));
    const live = folder({ ...old, 'index.html': 'front' });
    const built = folder({ 'index.html': 'front', 'search/new/0.json': '0' });
    expect(syncSite(built, live)).toEqual({ files: 2, added: 1, changed: 0, removed: 20_000 });
    expect(existsSync(join(live, 'search/old'))).toBe(false);
    expect(filesUnder(live).sort()).toEqual(['index.html', 'search/new/0.json']);
  });

  it('links a built file holding the same bytes as the live one in its place, keeping its time, so the next sync reads neither', () => {
    const live = folder({ 'search/f/a.json.br': 'same bytes' });
    const built = folder({ 'search/f/a.json.br': 'same bytes' });
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(live, 'search/f/a.json.br'), old, old);
    expect(syncSite(built, live)).toEqual({ files: 1, added: 0, changed: 0, removed: 0 });
    const [placed, source] = [statSync(join(live, 'search/f/a.json.br')), statSync(join(built, 'search/f/a.json.br'))];
    expect(placed.ino).toBe(source.ino);
    expect(placed.mtime).toEqual(old);
    expect(readFileSync(join(live, 'search/f/a.json.br'), 'utf8')).toBe('same bytes');
  });

  it('tells files of the same size apart by their bytes', () => {
    const live = folder({ 'a.txt': 'abcd' });
    const built = folder({ 'a.txt': 'abce' });
    expect(syncSite(built, live).changed).toBe(1);
    expect(readFileSync(join(live, 'a.txt'), 'utf8')).toBe('abce');
  });

  it('finishes the job a stopped sync left: half-written files go, the rest is brought up to date, and the folder no longer says it is incomplete', () => {
    const live = folder({ 'a.txt': 'new a', 'b.txt': 'old b', 'b.txt.dispatch-partial': 'new', [INCOMPLETE]: 'stopped' });
    const built = folder({ 'a.txt': 'new a', 'b.txt': 'new b' });
    expect(syncSite(built, live)).toEqual({ files: 2, added: 0, changed: 1, removed: 0 });
    expect(filesUnder(live).sort()).toEqual(['a.txt', 'b.txt']);
    expect(existsSync(join(live, INCOMPLETE))).toBe(false);
  });

  it('replaces a half-written file a stopped sync left that is a link to another built file, never writing through it', () => {
    for (const copied of [undefined, () => true]) {
      const built = folder({ 'b.txt': 'new b', 'c.txt': 'keep c' });
      const live = folder({ 'c.txt': 'keep c', [INCOMPLETE]: 'stopped' });
      linkSync(join(built, 'c.txt'), join(live, 'b.txt.dispatch-partial'));
      syncSite(built, live, { copied });
      expect(readFileSync(join(live, 'b.txt'), 'utf8')).toBe('new b');
      expect(readFileSync(join(built, 'c.txt'), 'utf8')).toBe('keep c');
      expect(filesUnder(live).sort()).toEqual(['b.txt', 'c.txt']);
    }
  });

  it('puts new and changed files in as the built files themselves, so a file is not written twice', () => {
    const live = folder({ 'a.txt': 'old a' });
    const built = folder({ 'a.txt': 'new a', 'b/c.txt': 'c' });
    syncSite(built, live);
    for (const path of ['a.txt', 'b/c.txt']) expect(statSync(join(live, path)).ino).toBe(statSync(join(built, path)).ino);
  });

  it('leaves the live site as it was when the next build replaces its built files', () => {
    const live = folder({});
    const built = folder({ 'a.txt': 'first build' });
    syncSite(built, live);
    rmSync(join(built, 'a.txt'));
    writeFileSync(join(built, 'a.txt'), 'second build');
    expect(readFileSync(join(live, 'a.txt'), 'utf8')).toBe('first build');
    expect(syncSite(built, live)).toEqual({ files: 1, added: 0, changed: 1, removed: 0 });
    expect(readFileSync(join(live, 'a.txt'), 'utf8')).toBe('second build');
  });

  it('takes a built file that is the live file itself as unchanged', () => {
    const live = folder({});
    const built = folder({ 'a.txt': 'same' });
    syncSite(built, live);
    const { mtimeMs } = statSync(join(live, 'a.txt'));
    expect(syncSite(built, live)).toEqual({ files: 1, added: 0, changed: 0, removed: 0 });
    expect(statSync(join(live, 'a.txt')).mtimeMs).toBe(mtimeMs);
  });

  it('creates the live folder when there is none yet', () => {
    const built = folder({ 'index.html': 'front' });
    const live = join(folder({}), 'dist');
    expect(syncSite(built, live)).toEqual({ files: 1, added: 1, changed: 0, removed: 0 });
  });

  describe('files the build folder keeps and writes into in place, copied', () => {
    const copied = (path: string) => path.endsWith('.html');

    it('copies them (a page written over in the build folder leaves the live site as it was), and links the rest', () => {
      const live = folder({});
      const built = folder({ 'index.html': 'first build', 'index.html.br': 'compressed' });
      syncSite(built, live, { copied });
      expect(statSync(join(live, 'index.html')).ino).not.toBe(statSync(join(built, 'index.html')).ino);
      expect(statSync(join(live, 'index.html.br')).ino).toBe(statSync(join(built, 'index.html.br')).ino);
      writeFileSync(join(built, 'index.html'), 'second build');
      expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('first build');
      expect(syncSite(built, live, { copied })).toEqual({ files: 2, added: 0, changed: 1, removed: 0 });
      expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('second build');
    });

    it('leaves a page written again with the same bytes alone, its time too, and takes it as unchanged by size and time from then on', () => {
      const live = folder({});
      const built = folder({ 'a.html': 'same' });
      syncSite(built, live, { copied });
      const old = new Date('2020-01-01T00:00:00Z');
      utimesSync(join(live, 'a.html'), old, old);
      writeFileSync(join(built, 'a.html'), 'same');
      expect(syncSite(built, live, { copied })).toEqual({ files: 1, added: 0, changed: 0, removed: 0 });
      expect(statSync(join(live, 'a.html')).mtime).toEqual(old);
      expect(statSync(join(built, 'a.html')).mtime).toEqual(old);
      // Same size and time: not read again (as rsync would, a hand edit that kept both is not seen).
      writeFileSync(join(live, 'a.html'), 'SAME');
      utimesSync(join(live, 'a.html'), old, old);
      expect(syncSite(built, live, { copied }).changed).toBe(0);
    });

    it("takes a copied page as unchanged by size and time when the site's file time has a fraction of a millisecond", () => {
      // File systems keep times finer than a millisecond, and a time given back through a Date is rounded to one:
      // compared to the millisecond rounded down, every page was read again on every build.
      const live = folder({});
      const built = folder({ 'a.html': 'same' });
      syncSite(built, live, { copied });
      const fine = 1_577_836_800.9746;
      utimesSync(join(live, 'a.html'), fine, fine);
      writeFileSync(join(built, 'a.html'), 'same');
      expect(syncSite(built, live, { copied }).changed).toBe(0);
      writeFileSync(join(live, 'a.html'), 'SAME');
      utimesSync(join(live, 'a.html'), fine, fine);
      expect(syncSite(built, live, { copied }).changed).toBe(0);
    });

    it('puts right a live page written by hand, and replaces a live page that is the built file itself (an older build linked it) with a copy', () => {
      const live = folder({});
      const built = folder({ 'a.html': 'page a', 'b.html': 'page b' });
      syncSite(built, live, { copied });
      rmSync(join(live, 'b.html'));
      linkSync(join(built, 'b.html'), join(live, 'b.html'));
      expect(statSync(join(live, 'b.html')).ino).toBe(statSync(join(built, 'b.html')).ino);
      writeFileSync(join(live, 'a.html'), 'edited by hand');
      expect(syncSite(built, live, { copied })).toEqual({ files: 2, added: 0, changed: 2, removed: 0 });
      expect(readFileSync(join(live, 'a.html'), 'utf8')).toBe('page a');
      expect(statSync(join(live, 'b.html')).ino).not.toBe(statSync(join(built, 'b.html')).ino);
      expect(readFileSync(join(live, 'b.html'), 'utf8')).toBe('page b');
    });
  });
});
