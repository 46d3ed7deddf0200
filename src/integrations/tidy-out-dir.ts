/**
 * Astro 5 builds the server half of a static site in `<cwd>/.astro/` when
 * `--outDir` points outside the working directory, then copies that whole
 * folder, generated content modules included, into the output. This removes
 * those files again so that `astro build --outDir /elsewhere` gives the same
 * site as a build into `dist/`. (Builds into folders inside the project never
 * take that path.)
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const LEFTOVERS = ['collections', 'content-assets.mjs', 'content-modules.mjs', 'data-store.json', 'settings.json'];

export function tidyOutDir(): AstroIntegration {
  return {
    name: 'dispatch:tidy-out-dir',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const out = fileURLToPath(dir);
        if (out.startsWith(process.cwd())) return;
        for (const name of LEFTOVERS) {
          const path = join(out, name);
          if (existsSync(path)) rmSync(path, { recursive: true, force: true });
        }
      },
    },
  };
}
