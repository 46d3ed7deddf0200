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
 * A kept file is never written into: the site folder's files are links to
 * the staged ones (src/lib/build/sync-site.ts), so a changed file is removed
 * and made anew.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { BuildDataSource } from './build-data';
import { COPY_ENDING } from '../lib/build/precompress';
import { CONTENT_FOLDER } from '../lib/search/index-format';

const ROOT = '/search/';

export function searchFiles(source: BuildDataSource): AstroIntegration {
  let outDir = '';
  let kept = '';
  return {
    name: 'dispatch:search-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        kept = join(fileURLToPath(config.cacheDir), 'search-files-kept');
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
        for (const [name, text] of files) {
          const path = join(root, name);
          const bytes = Buffer.from(text);
          if (existsSync(path)) {
            if (readFileSync(path).equals(bytes)) continue;
            rmSync(path);
          }
          const folder = dirname(path);
          if (!made.has(folder)) mkdirSync(folder, { recursive: true });
          made.add(folder);
          writeFileSync(path, bytes);
        }
        // What the index no longer names, with its compressed copies.
        if (existsSync(contentFolder)) {
          for (const name of readdirSync(contentFolder)) {
            const base = name.replace(COPY_ENDING, '');
            if (!files.has(`${CONTENT_FOLDER}/${base}`)) rmSync(join(contentFolder, name), { recursive: true, force: true });
          }
        }
      },
    },
  };
}
