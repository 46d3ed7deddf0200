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
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { BuildDataSource } from './build-data.ts';
import { COPY_ENDING } from '../lib/build/precompress.ts';
import { CONTENT_FOLDER } from '../lib/search/index-format.ts';

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
 * reading it: it was written whole or not at all (below).
 */
function holds(path: string, text: string, unmodifiedSince = 0): boolean {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return false;
  return stats.mtimeMs <= unmodifiedSince ? stats.size === Buffer.byteLength(text) : readFileSync(path, 'utf8') === text;
}

export function searchFiles(source: BuildDataSource): AstroIntegration {
  let outDir = '';
  let kept = '';
  let checked = '';
  return {
    name: 'dispatch:search-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        kept = join(fileURLToPath(config.cacheDir), 'search-files-kept');
        checked = join(fileURLToPath(config.cacheDir), 'search-files-checked');
      },
      'astro:build:start': () => {
        // Before the staging folder may be moved aside (incremental-publish.ts, listed after this one),
        // and out of reach of its pruning, which would take these unwritten files for stale ones.
        const folder = join(outDir, 'search', CONTENT_FOLDER);
        if (!existsSync(folder)) return;
        rmSync(kept, { recursive: true, force: true });
        renameSync(folder, kept);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (request, response, next) => {
          const path = decodeURI(new URL(request.url ?? '/', 'http://x').pathname);
          if (!path.startsWith(ROOT) || !path.endsWith('.json')) return next();
          try {
            const body = (await source.devData(server)).searchFiles.get(path.slice(ROOT.length));
            if (body === undefined) return next();
            response.setHeader('content-type', 'application/json; charset=utf-8');
            response.end(body);
          } catch (error) {
            next(error);
          }
        });
      },
      'astro:build:done': ({ dir }) => {
        const files = source.get().searchFiles;
        const root = join(fileURLToPath(dir), 'search');
        const contentFolder = join(root, CONTENT_FOLDER);
        if (kept && existsSync(kept) && !existsSync(contentFolder)) {
          mkdirSync(root, { recursive: true });
          renameSync(kept, contentFolder);
        }
        const made = new Set<string>();
        const there = new Set(existsSync(contentFolder) ? readdirSync(contentFolder) : []);
        const since = lastCheck(checked);
        for (const [name, text] of files) {
          const path = join(root, name);
          const contentNamed = name.startsWith(CONTENT_PREFIX);
          if (contentNamed ? there.has(name.slice(CONTENT_PREFIX.length)) && holds(path, text, since) : holds(path, text)) continue;
          const folder = dirname(path);
          if (!made.has(folder)) mkdirSync(folder, { recursive: true });
          made.add(folder);
          // Renamed over the old file, never written into it: the site's file may be a link to it.
          writeFileSync(path + PARTIAL, text);
          renameSync(path + PARTIAL, path);
        }
        // What the index no longer names, with its compressed copies.
        for (const name of there) {
          if (!files.has(CONTENT_PREFIX + name.replace(COPY_ENDING, ''))) rmSync(join(contentFolder, name), { recursive: true, force: true });
        }
        writeFileSync(checked, String(Date.now()));
      },
    },
  };
}
