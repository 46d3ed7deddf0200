/**
 * The content store read from its file in a build, not compiled as code.
 *
 * Astro bundles the store its content sync wrote (`<cacheDir>/data-store.json`:
 * every entry, its data and rendered HTML) into the prerender build as one
 * module, `export default JSON.parse("<the whole store>")`, and the first
 * `getCollection()` imports it. Node then compiles a module made of a string
 * literal as large as the store (about 120 MB at 10,000 stories) and keeps its
 * compiled form in Node's compile cache (`module.enableCompileCache()`, which
 * Astro turns on) under the chunk's content. A build whose content did not
 * change finds it there; one story changed is a new chunk, compiled afresh,
 * and its cache entry written beside the old ones: that was the difference
 * between reading the entries after a change and without one (README,
 * "Publishing fast").
 *
 * In a build this plugin loads that module first (`order: 'pre'`) as a read
 * of the same file when the page code runs: the same store, parsed as JSON,
 * with no code to compile, bundle or cache. It hands Astro the store as the
 * `Map` Astro would have made of it (devalue's `unflatten`), which Astro then
 * uses as it is, so the build can empty it once done
 * (src/lib/model/build-data.ts, `release`). It runs only in the prerender
 * build, which runs in this process on this machine after the sync; a server
 * bundle could not read the builder's cache folder, and the dev server keeps
 * Astro's own module, which it reloads when the store changes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

/**
 * Astro's id of the store's module, once resolved (`\0astro:data-layer-content`,
 * astro/dist/content/consts.js); written `\x00` for Rolldown's regex engine, which has no `\0`.
 */
const STORE_MODULE = /^\x00astro:data-layer-content$/;
/** The store's file in the cache folder when it is kept as one file (Astro's default). */
const STORE_FILE = 'data-store.json';

/** A Vite plugin that loads the content store module as a read of `file`. */
function storeFromFile(file: string): Plugin {
  return {
    name: 'dispatch:content-store-file',
    applyToEnvironment: (environment) => environment.name === 'prerender',
    load: {
      order: 'pre',
      filter: { id: STORE_MODULE },
      handler() {
        // No store (no collection): Astro's own module says so.
        if (!existsSync(file)) return null;
        // The publishing desk's builder (scripts/desk.ts) builds again in one process, where Node keeps
        // each bundle it imported, and with it the store it read: its builds are numbered, and the
        // number makes each build's bundle a new one.
        const build = process.env.DISPATCH_DESK_BUILD;
        const options = build ? `{ encoding: 'utf8', deskBuild: ${JSON.stringify(build)} }` : `'utf8'`;
        return {
          code: `import { readFileSync } from 'node:fs';\nimport { unflatten } from 'devalue';\nexport default unflatten(JSON.parse(readFileSync(${JSON.stringify(file)}, ${options})));\n`,
          // As Astro marks its own store module: content, not code, for the incremental build's page hashes.
          meta: { astroIncremental: { kind: 'content-data' } },
        };
      },
    },
  };
}

/** Reads the content store from its file in builds (see the file's comment). */
export function contentStoreFile(): AstroIntegration {
  return {
    name: 'dispatch:content-store-file',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        // A chunked store (experimental.collectionStorage) is modules of its own parts.
        const storage = config.experimental.collectionStorage;
        if (command !== 'build' || (storage !== undefined && storage !== 'single-file')) return;
        updateConfig({ vite: { plugins: [storeFromFile(fileURLToPath(new URL(STORE_FILE, config.cacheDir)))] } });
      },
    },
  };
}
