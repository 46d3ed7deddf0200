/**
 * Writes the search index's files, built once from the model (see
 * src/integrations/build-data.ts), into the built site's /search/ folder; the
 * dev server serves them from the current sources.
 *
 * A build keeps the last build's folder of content-named files (`/search/f/`):
 * before Astro starts, it is moved out of the staging folder into the build
 * cache, and when the index is ready it is moved back, each file kept whose
 * bytes are still the ones wanted, the others written afresh and the ones the
 * index no longer names removed. Creating files is what a build's file
 * system work costs (about 0.2 ms a file here, 4,464 files on the BBC corpus,
 * some 18,000 at 10,000 stories), and an edit changes a few dozen of them.
 * A content-named file unmodified since the last build is taken to hold the
 * bytes its name is a digest of when its length is theirs (reading 18,000
 * files back cost half a second): each is written under another name and
 * renamed, so a stopped build never leaves part of one under its name.
 * A kept file is never written into: the site folder's files are links to
 * the staged ones (src/lib/build/sync-site.ts), so a changed file is written
 * beside it and renamed over it.
 *
 * The index is ready once the pages are listed, before they render: the
 * files it names that the kept folder lacks are then written into that
 * folder while the pages render (the writes wait on the disk, not on the
 * rendering thread), and their compressed copies begun in a worker thread
 * (src/lib/build/precompress.ts, `compressAhead`). An added story's 750 new
 * files were otherwise written and compressed after the pages, a third of a
 * second at 10,000 stories.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { BuildDataSource } from './build-data.ts';
import { COPY_ENDING, compressAhead } from '../lib/build/precompress.ts';
import { lookAt, lookAtFolder, type Look, type Looks } from '../lib/build/sync-site.ts';
import { CONTENT_FOLDER } from '../lib/search/index-format.ts';
import { bytesOf, textOf, type IndexFile } from '../lib/search/build-index.ts';
import { site } from '../site.config.ts';

const ROOT = '/search/';
const CONTENT_PREFIX = `${CONTENT_FOLDER}/`;
/** A file being written: a build stopped part-way leaves it, and the folder's clean-up below removes it. */
const PARTIAL = '.partial';

/** When the last build finished writing its search files (milliseconds), or 0 when that is not known. */
function lastCheck(file: string): number {
  const time = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
  return Number.isFinite(time) ? time : 0;
}

/**
 * Whether the file at `path` holds `text`. A content-named file that nothing
 * modified since the last build finished with it (`unmodifiedSince`) is taken
 * to hold the text its name is a digest of when it has its length, without
 * reading it: it was written whole or not at all (below). `stats`, the
 * file's look where one was taken (the kept folder's), else looked at now.
 */
function holds(path: string, file: IndexFile, unmodifiedSince = 0, stats: Look | undefined = lookAt(path)): boolean {
  if (!stats) return false;
  return stats.mtimeMs <= unmodifiedSince ? stats.size === bytesOf(file) : readFileSync(path, 'utf8') === textOf(file);
}

/**
 * Writes the content-named `fresh` files into the folder `kept`, each whole
 * under its name or not at all; resolves with the names written. One at a
 * time while the pages render, so that Node's four file-system threads stay
 * free for the pages Astro writes meanwhile; once `pace.hurry` is set (the
 * pages are done, and the build waits on these), the rest at once, in this
 * thread: written one after another, the last few hundred kept the build
 * waiting for half a second at 10,000 stories.
 */
async function writeAhead(kept: string, fresh: readonly { name: string; bytes: Buffer }[], pace: { hurry: boolean }): Promise<Set<string>> {
  mkdirSync(kept, { recursive: true });
  const written = new Set<string>();
  for (const { name, bytes } of fresh) {
    const path = join(kept, name.slice(CONTENT_PREFIX.length));
    if (pace.hurry) {
      writeFileSync(path + PARTIAL, bytes);
      renameSync(path + PARTIAL, path);
    } else {
      await writeFile(path + PARTIAL, bytes);
      await rename(path + PARTIAL, path);
    }
    written.add(name);
  }
  return written;
}

/**
 * The integration, and `looks`: the content folder's files as its last step
 * left them (paths under the site, `search/f/<name>`, as
 * src/lib/build/sync-site.ts looks at them), or `undefined` when not known.
 * The kept folder is looked at in a worker thread as the build starts
 * (nothing else writes into it; the files written since are looked at when
 * written): that look checks the kept files here, and the publishing takes
 * it for the staged site's, instead of looking at some 50,000 files again
 * at 10,000 stories.
 */
export function searchFiles(source: BuildDataSource): {
  integration: AstroIntegration; looks: () => Looks | undefined; indexFiles: () => Iterable<string>; release: () => void;
} {
  let outDir = '';
  let kept = '';
  let checked = '';
  /** The files written while the pages rendered (`writeAhead`), by name. */
  let writtenAhead: Promise<Set<string>> = Promise.resolve(new Set());
  /** The kept folder's files when the build started (their names in it). */
  let keptNames = new Set<string>();
  /** Those files as a worker thread looked at them then (by name in the kept folder). */
  let keptLooked: Promise<Looks | undefined> = Promise.resolve(undefined);
  /** The content folder's files as this build's last step left them (`looks`). */
  let contentLooks: Looks | undefined;
  /** The index's files, once written (their names under the search folder). */
  let indexFiles: ReadonlyMap<string, IndexFile> | undefined;
  const pace = { hurry: false };
  const integration: AstroIntegration = {
    name: 'dispatch:search-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        kept = join(fileURLToPath(config.cacheDir), 'search-files-kept');
        checked = join(fileURLToPath(config.cacheDir), 'search-files-checked');
      },
      'astro:build:start': () => {
        // Before the staging folder may be moved aside (incremental-publish.ts, listed after this one).
        // A stopped build's kept folder stays when the staging folder has none: its files are whole, under their names.
        const folder = join(outDir, 'search', CONTENT_FOLDER);
        if (existsSync(folder)) {
          rmSync(kept, { recursive: true, force: true });
          renameSync(folder, kept);
        }
        keptNames = new Set(existsSync(kept) ? readdirSync(kept) : []);
        keptLooked = existsSync(kept) ? lookAtFolder(kept) : Promise.resolve(undefined);
        contentLooks = undefined;
        pace.hurry = false;
        source.whenListed(({ searchFiles }) => {
          // Its failure is reported where build:done awaits the files.
          writtenAhead = searchFiles.then(({ files }) => {
            // Each file's bytes, encoded once for its write and its compressed copies.
            const fresh = [...files]
              .filter(([name]) => name.startsWith(CONTENT_PREFIX) && !keptNames.has(name.slice(CONTENT_PREFIX.length)))
              .map(([name, file]) => ({ name, bytes: Buffer.from(textOf(file)) }));
            const written = writeAhead(kept, fresh, pace);
            if (site.serving.precompress) {
              compressAhead(fresh.map(({ name, bytes }) => ({ file: join(outDir, 'search', name), size: bytes.length, bytes })), site.serving.brotliQuality);
            }
            return written;
          }).catch(() => new Set());
        });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (request, response, next) => {
          const path = decodeURI(new URL(request.url ?? '/', 'http://x').pathname);
          if (!path.startsWith(ROOT) || !path.endsWith('.json')) return next();
          try {
            const body = (await (await source.devData(server)).searchFiles).files.get(path.slice(ROOT.length));
            if (body === undefined) return next();
            response.setHeader('content-type', 'application/json; charset=utf-8');
            response.end(textOf(body));
          } catch (error) {
            next(error);
          }
        });
      },
      // The pages are written: the files still to write go at once.
      'astro:build:generated': () => {
        pace.hurry = true;
      },
      'astro:build:done': async ({ dir }) => {
        const { files, said } = await source.get().searchFiles;
        for (const line of said) console.info(line);
        indexFiles = files;
        // Written whole while the pages rendered (one that failed is written below), into the kept folder, now moved back.
        pace.hurry = true;
        let ahead = await writtenAhead;
        const root = join(fileURLToPath(dir), 'search');
        const contentFolder = join(root, CONTENT_FOLDER);
        let there: Set<string>;
        /** The content folder's files by name in it, as looked at: those of the kept folder, then those written since. */
        let looks: Looks | undefined;
        if (kept && existsSync(kept) && !existsSync(contentFolder)) {
          looks = await keptLooked;
          mkdirSync(root, { recursive: true });
          renameSync(kept, contentFolder);
          // What it held at the start and what was written into it since: a second listing of its
          // 45,000 files (the compressed copies too) took a tenth of a second at 10,000 stories.
          there = new Set([...keptNames, ...[...ahead].map((name) => name.slice(CONTENT_PREFIX.length))]);
          for (const name of ahead) looks?.set(name.slice(CONTENT_PREFIX.length), lookAt(join(root, name)));
        } else {
          ahead = new Set();
          there = new Set(existsSync(contentFolder) ? readdirSync(contentFolder) : []);
        }
        const made = new Set<string>();
        const since = lastCheck(checked);
        for (const [name, file] of files) {
          const path = join(root, name);
          const inFolder = name.startsWith(CONTENT_PREFIX) ? name.slice(CONTENT_PREFIX.length) : undefined;
          if (ahead.has(name) || (inFolder !== undefined ? there.has(inFolder) && holds(path, file, since, looks?.get(inFolder)) : holds(path, file))) continue;
          const folder = dirname(path);
          if (!made.has(folder)) mkdirSync(folder, { recursive: true });
          made.add(folder);
          // Renamed over the old file, never written into it: the site's file may be a link to it.
          writeFileSync(path + PARTIAL, textOf(file));
          renameSync(path + PARTIAL, path);
          if (inFolder !== undefined) looks?.set(inFolder, lookAt(path));
        }
        // What the index no longer names, with its compressed copies.
        for (const name of there) {
          if (files.has(CONTENT_PREFIX + name.replace(COPY_ENDING, ''))) continue;
          rmSync(join(contentFolder, name), { recursive: true, force: true });
          looks?.delete(name);
        }
        if (looks) {
          const under = join(ROOT, CONTENT_FOLDER).slice(1) + sep;
          contentLooks = new Map([...looks].map(([name, look]) => [under + name, look]));
        }
        writeFileSync(checked, String(Date.now()));
      },
    },
  };
  /** Lets go of this build's looks and index (src/integrations/let-go.ts). */
  const release = () => {
    keptNames = new Set();
    keptLooked = Promise.resolve(undefined);
    writtenAhead = Promise.resolve(new Set());
    contentLooks = undefined;
    indexFiles = undefined;
  };
  const names = () => {
    if (!indexFiles) throw new Error('search files: asked for before they were written');
    return indexFiles.keys();
  };
  return { integration, looks: () => contentLooks, indexFiles: names, release };
}
