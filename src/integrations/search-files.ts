/**
 * Writes the search index's files, built once from the model (see
 * src/integrations/build-data.ts), into the built site's /search/ folder; the
 * dev server serves them from the current sources.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { BuildDataSource } from './build-data';

const ROOT = '/search/';

export function searchFiles(source: BuildDataSource): AstroIntegration {
  return {
    name: 'dispatch:search-files',
    hooks: {
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
        const made = new Set<string>();
        for (const [name, text] of files) {
          const path = join(root, name);
          const folder = dirname(path);
          if (!made.has(folder)) mkdirSync(folder, { recursive: true });
          made.add(folder);
          writeFileSync(path, text);
        }
      },
    },
  };
}
