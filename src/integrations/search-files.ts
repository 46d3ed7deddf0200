/**
 * Writes the search index's files (built once while the pages render, see
 * src/pages/search/[...file].ts) into the built site's /search/ folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { takeOver } from '../lib/build-handover';

export function searchFiles(): AstroIntegration {
  return {
    name: 'dispatch:search-files',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const files = takeOver<Map<string, string>>('searchFiles');
        if (!files) throw new Error('search files: the build never built the search index');
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
