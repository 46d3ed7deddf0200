/**
 * Writes the search index's files, built once from the model (see
 * src/integrations/build-data.ts), into the built site's /search/ folder; the
 * dev server serves them from the current sources. The files are kept in the
 * build cache and linked in (src/lib/build/file-store.ts): a publish writes
 * only the files whose bytes are new.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { FileStore, searchFileStore } from '../lib/build/file-store';
import type { BuildDataSource } from './build-data';

const ROOT = '/search/';

export function searchFiles(source: BuildDataSource): AstroIntegration {
  let storeDir = '';
  return {
    name: 'dispatch:search-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        storeDir = searchFileStore(fileURLToPath(config.cacheDir));
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
        // A slice of an archive build writes none, and leaves the store to the part that does.
        if (files.size === 0) return;
        const root = join(fileURLToPath(dir), 'search');
        const store = new FileStore(storeDir);
        const made = new Set<string>();
        for (const [name, text] of files) {
          const path = join(root, name);
          const folder = dirname(path);
          if (!made.has(folder)) mkdirSync(folder, { recursive: true });
          made.add(folder);
          store.put(path, text);
        }
        store.prune();
      },
    },
  };
}
