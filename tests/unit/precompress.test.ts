import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { compressAhead, openAhead, precompressSite } from '../../src/lib/build/precompress';
import { lookAtBuilt } from '../../src/lib/build/sync-site';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small built site: two pages, a stylesheet, a tiny file and an image. */
function site(): { out: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'dispatch-precompress-'));
  made.push(root);
  const out = join(root, 'dist');
  mkdirSync(join(out, 'articles/a'), { recursive: true });
  const page = (n: number) => `<!doctype html><title>Story ${n}</title>${'<p>Hà Nội news, read calmly. '.repeat(40 + n)}`;
  writeFileSync(join(out, 'index.html'), page(1));
  writeFileSync(join(out, 'articles/a/index.html'), page(2));
  writeFileSync(join(out, 'style.css'), 'body { color: black; }\n'.repeat(30));
  writeFileSync(join(out, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(out, 'photo.jpg'), Buffer.alloc(4096, 7));
  return { out, cache: join(root, 'cache') };
}

describe('precompressSite', () => {
  it('writes brotli and gzip copies that decompress to each text file, and leaves tiny and binary files alone', async () => {
    const { out } = site();
    const result = await precompressSite(out, 6);
    expect(result.files).toBe(3);
    for (const file of ['index.html', 'articles/a/index.html', 'style.css']) {
      const original = readFileSync(join(out, file));
      expect(brotliDecompressSync(readFileSync(join(out, `${file}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(readFileSync(join(out, `${file}.gz`))).equals(original)).toBe(true);
    }
    expect(readdirSync(out).filter((f) => /^(robots\.txt|photo\.jpg)\.(br|gz)$/.test(f))).toEqual([]);
  });

  it('reuses the copies of unchanged content on the next build, compresses what changed, and keeps only what the site uses', async () => {
    const { out, cache } = site();
    const first = await precompressSite(out, 6, cache);
    expect(first.reused).toBe(0);
    const copies = (file: string) => [readFileSync(join(out, `${file}.br`)), readFileSync(join(out, `${file}.gz`))];
    const before = copies('style.css');

    rmSync(join(out, 'style.css.br'));
    rmSync(join(out, 'style.css.gz'));
    writeFileSync(join(out, 'index.html'), `<!doctype html><title>Changed</title>${'<p>Đà Nẵng, edited. '.repeat(60)}`);
    const second = await precompressSite(out, 6, cache);
    expect(second).toMatchObject({ files: 3, reused: 2 });
    expect(copies('style.css')).toEqual(before);
    expect(brotliDecompressSync(readFileSync(join(out, 'index.html.br'))).toString()).toContain('Đà Nẵng, edited.');
    // Each copy of the current site's files once, and the index; the old index.html's copies are gone.
    // Copies are kept in folders named for their digests' first two characters.
    const kept = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(cache, join(e.parentPath, e.name)));
    const digests = new Set(kept.filter((f) => !f.endsWith('.json')).map((f) => basename(f).replace(/\.(br|gz)$/, '')));
    expect(digests.size).toBe(3);
    expect(kept.sort()).toEqual([...[...digests].flatMap((d) => [`${d.slice(0, 2)}/${d}.br`, `${d.slice(0, 2)}/${d}.gz`]), 'files.json', 'index.json'].sort());

    const otherQuality = await precompressSite(out, 9, cache);
    expect(otherQuality.reused).toBe(0);
  });

  it('links reused copies in from the cache as they are, without compressing them again', async () => {
    const { out, cache } = site();
    await precompressSite(out, 6, cache);
    // The cache's brotli copy of style.css replaced by another valid brotli stream of the
    // same text (quality 0): the next build must hand out exactly that, not a fresh compression.
    const css = readFileSync(join(out, 'style.css'));
    const digest = createHash('sha256').update(css).update('q6').digest('hex');
    const cached = join(cache, digest.slice(0, 2), `${digest}.br`);
    const fast = brotliCompressSync(css, { params: { [constants.BROTLI_PARAM_QUALITY]: 0 } });
    rmSync(cached);
    writeFileSync(cached, fast);
    // The site's copy goes too: copies a run finds beside an unchanged file, as it left them, stay.
    rmSync(join(out, 'style.css.br'));

    const again = await precompressSite(out, 6, cache);
    expect(again.reused).toBe(3);
    expect(readFileSync(join(out, 'style.css.br')).equals(fast)).toBe(true);
    expect(statSync(join(out, 'style.css.br')).ino).toBe(statSync(cached).ino);
    expect(brotliDecompressSync(readFileSync(join(out, 'style.css.br'))).equals(css)).toBe(true);
  });

  it('compresses a file again when its cached copy and the one beside it have gone missing', async () => {
    const { out, cache } = site();
    await precompressSite(out, 6, cache);
    const css = readFileSync(join(out, 'style.css'));
    const digest = createHash('sha256').update(css).update('q6').digest('hex');
    rmSync(join(cache, digest.slice(0, 2), `${digest}.gz`));
    // The copy beside the unchanged file is the one the last run left: kept as it is.
    expect(await precompressSite(out, 6, cache)).toMatchObject({ files: 3, reused: 3 });
    expect(gunzipSync(readFileSync(join(out, 'style.css.gz'))).equals(css)).toBe(true);
    // Gone from beside the file too: compressed again.
    rmSync(join(out, 'style.css.gz'));
    const again = await precompressSite(out, 6, cache);
    expect(again).toMatchObject({ files: 3, reused: 2 });
    expect(gunzipSync(readFileSync(join(out, 'style.css.gz'))).equals(css)).toBe(true);
    expect((await precompressSite(out, 6, cache)).reused).toBe(3);
  });

  it('starts afresh from a cache without an index, and clears the files it does not name', async () => {
    const { out, cache } = site();
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'f00d'), '');
    writeFileSync(join(cache, 'f00d.br'), 'stale');
    mkdirSync(join(cache, 'f0'));
    writeFileSync(join(cache, 'f0', 'f00d.gz'), 'stale');
    const result = await precompressSite(out, 6, cache);
    expect(result).toMatchObject({ files: 3, reused: 0 });
    expect(readdirSync(cache, { recursive: true }).filter((f) => String(f).includes('f00d') || f === 'f0')).toEqual([]);
    expect((await precompressSite(out, 6, cache)).reused).toBe(3);
  });

  it('removes the copies an earlier run left beside a file that now gets none (too small, or not made smaller)', async () => {
    for (const cache of [undefined, 'cache']) {
      const { out, cache: cacheDir } = site();
      await precompressSite(out, 6, cache && cacheDir);
      writeFileSync(join(out, 'style.css'), 'body{}');
      writeFileSync(join(out, 'index.html'), randomBytes(600));
      await precompressSite(out, 6, cache && cacheDir);
      expect(readdirSync(out).filter((f) => /^(style\.css|index\.html)\.(br|gz)$/.test(f)), String(cache)).toEqual([]);
      expect(readdirSync(join(out, 'articles/a')).sort()).toEqual(['index.html', 'index.html.br', 'index.html.gz']);
    }
  });

  it('takes the files and their looks from the sync\'s look at the folder, leaves that look as a fresh one would find the folder, and names the files whose copies it kept', async () => {
    const { out, cache } = site();
    mkdirSync(join(out, 'articles/c'));
    writeFileSync(join(out, 'articles/c/index.html'), `<!doctype html><title>Kept</title>${'<p>Sa Pa, in the clouds. '.repeat(50)}`);
    await precompressSite(out, 6, cache);
    // A publish: one page written anew, one made too small for copies, one file new, one copy gone.
    writeFileSync(join(out, 'index.html'), `<!doctype html><title>Changed</title>${'<p>Huế, in the rain. '.repeat(60)}`);
    writeFileSync(join(out, 'style.css'), 'body{}');
    mkdirSync(join(out, 'articles/b'));
    writeFileSync(join(out, 'articles/b/index.html'), `<!doctype html><title>New</title>${'<p>Hội An lanterns. '.repeat(50)}`);
    rmSync(join(out, 'articles/a/index.html.gz'));
    const looks = (await lookAtBuilt(out))!;
    // The copies are listed, not looked at.
    expect(looks.has('articles/c/index.html.br') && looks.get('articles/c/index.html.br') === undefined).toBe(true);
    // A file in the look is compressed from its look: one left out of it is not seen at all.
    looks.delete('robots.txt');
    writeFileSync(join(out, 'robots.txt'), 'User-agent: *\n'.repeat(40));
    const result = await precompressSite(out, 6, cache, looks);
    expect(result).toMatchObject({ files: 4, reused: 2 });
    expect([...result.kept]).toEqual(['articles/c/index.html']);
    expect(existsSync(join(out, 'robots.txt.br'))).toBe(false);
    looks.set('robots.txt', statSync(join(out, 'robots.txt')));
    const fresh = (await lookAtBuilt(out))!;
    expect([...looks.keys()].sort()).toEqual([...fresh.keys()].sort());
    const seen = (look?: { ino: number; size: number; mtimeMs: number }) => look && [look.ino, look.size, look.mtimeMs];
    for (const [path, look] of fresh) {
      // A copy this run looked at is as it is now.
      const ours = looks.get(path);
      expect(seen(ours), path).toEqual(seen(look ?? (ours && statSync(join(out, path)))));
    }
    // The copies placed anew are looked at.
    expect(looks.get('articles/b/index.html.br')?.ino).toBe(statSync(join(out, 'articles/b/index.html.br')).ino);
    expect(fresh.has('articles/a/index.html.gz') && !fresh.has('style.css.br')).toBe(true);
  });

  it('reads again only the files written since the last run: the same size and modification time mean the same content', async () => {
    const { out, cache } = site();
    await precompressSite(out, 6, cache);
    const file = join(out, 'style.css');
    const { mtime } = statSync(file);
    const css = readFileSync(file, 'utf8');
    // Written again, same size: its time moves, so it is read and its copies made anew.
    const edited = css.replace('black', 'white');
    writeFileSync(file, edited);
    utimesSync(file, new Date(mtime.getTime() + 5_000), new Date(mtime.getTime() + 5_000));
    expect(await precompressSite(out, 6, cache)).toMatchObject({ files: 3, reused: 2 });
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(edited);
    // Another content of the same size given back the time it was last seen with: taken as unchanged, unread.
    const later = statSync(file).mtime;
    writeFileSync(file, css.replace('black', 'green'));
    utimesSync(file, later, later);
    expect(await precompressSite(out, 6, cache)).toMatchObject({ files: 3, reused: 3 });
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(edited);
  });

  it('compresses a large publish across worker threads to the same copies, once per distinct content', async () => {
    for (const cache of [undefined, 'cache']) {
      const { out, cache: cacheDir } = site();
      // 300 pages of about 6 KB (well over the size handed to worker threads), every tenth a copy of another.
      const page = (n: number) => `<!doctype html><title>Story ${n}</title>${`<p>Story ${n} from Huế and Cần Thơ, ${'word '.repeat(n % 17)}`.repeat(120)}`;
      for (let n = 0; n < 300; n++) {
        mkdirSync(join(out, `articles/s${n}`), { recursive: true });
        writeFileSync(join(out, `articles/s${n}/index.html`), page(n % 10 === 9 ? n - 1 : n));
      }
      const result = await precompressSite(out, 6, cache && cacheDir);
      expect(result.files, String(cache)).toBe(303);
      expect(result.reused, String(cache)).toBe(cache ? 30 : 0);
      for (const n of [0, 8, 9, 157, 299]) {
        const file = join(out, `articles/s${n}/index.html`);
        const original = readFileSync(file);
        expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original)).toBe(true);
        expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original)).toBe(true);
        // The same bytes as compressing in this thread gives.
        expect(readFileSync(`${file}.br`).equals(brotliCompressSync(original, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: original.length } }))).toBe(true);
      }
      if (cache) expect((await precompressSite(out, 6, cacheDir)).reused).toBe(303);
    }
  });

  it('takes the copies begun ahead of a file whose bytes are still theirs, and compresses again one written over since', async () => {
    for (const cache of [undefined, 'cache']) {
      const { out, cache: cacheDir } = site();
      const files = ['index.html', 'articles/a/index.html'].map((path) => join(out, path));
      openAhead();
      compressAhead(files.map((file) => ({ file, size: statSync(file).size })), 6);
      // The worker has read both by now; the second is then written over, as a later step could.
      await new Promise((resolve) => setTimeout(resolve, 800));
      writeFileSync(files[1]!, `<!doctype html><title>Rewritten</title>${'<p>Cần Thơ, written again. '.repeat(50)}`);
      const result = await precompressSite(out, 6, cache && cacheDir);
      expect(result, String(cache)).toMatchObject({ files: 3, ahead: cache ? 1 : 0 });
      for (const file of files) {
        const original = readFileSync(file);
        expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original)).toBe(true);
        expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original)).toBe(true);
      }
      // Nothing is begun ahead of the next run by this one.
      expect((await precompressSite(out, 6, cache && cacheDir)).ahead).toBe(0);
    }
  });

  it('takes copies begun from the bytes a file was about to be written with, when it was written with them', async () => {
    const { out, cache } = site();
    const text = (words: string) => Buffer.from(`{"headlines":[${`"${words}",`.repeat(60)}"end"]}`);
    const [kept, changed] = [join(out, 'search/f/a.json'), join(out, 'search/f/b.json')];
    openAhead();
    compressAhead([kept, changed].map((file) => ({ file, size: text('Đà Nẵng').length, bytes: text('Đà Nẵng') })), 6);
    // Written after the copies were begun: one as announced, one with other bytes.
    mkdirSync(join(out, 'search/f'), { recursive: true });
    writeFileSync(kept, text('Đà Nẵng'));
    writeFileSync(changed, text('Huế and Hội An'));
    const result = await precompressSite(out, 6, cache);
    expect(result).toMatchObject({ files: 5, ahead: 1 });
    for (const file of [kept, changed]) {
      const original = readFileSync(file);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original)).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original)).toBe(true);
    }
  });

  it('begins nothing ahead unless a build that precompresses has opened it (an archive part leaves it to the merged site)', async () => {
    const { out, cache } = site();
    const file = join(out, 'index.html');
    compressAhead([{ file, size: statSync(file).size }], 6);
    expect((await precompressSite(out, 6, cache)).ahead).toBe(0);
  });

  // Linux's count of the process's threads shows whether the worker thread making the copies has ended.
  it.runIf(existsSync('/proc/self/status'))('returns only once the worker making copies ahead has ended, also with copies no longer wanted', async () => {
    const threads = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
    const { out, cache } = site();
    await precompressSite(out, 6, cache);
    // Every page is now cached: none of the copies begun below is wanted. A process that exited with their
    // worker still compressing could abort inside zlib ("close before init"), as a worker terminated there does.
    const before = threads();
    openAhead();
    const stale = Array.from({ length: 200 }, (_, n) => ({ file: join(out, `gone/${n}.html`), bytes: Buffer.from(`<p>Huế, story ${n}. `.repeat(400)) }));
    compressAhead(stale.map(({ file, bytes }) => ({ file, size: bytes.length, bytes })), 6);
    expect(threads()).toBeGreaterThan(before);
    expect((await precompressSite(out, 6, cache)).reused).toBe(3);
    expect(threads()).toBe(before);
  });
});
