/**
 * The model as the build's integrations see it (src/lib/model/build-data.ts):
 * the bundle's own copy, so integrations read the very corpus the pages were
 * rendered from, with no route used as a hook and nothing left on globalThis.
 *
 * A build: a Vite plugin emits the module as a chunk of its own, under a known
 * name, in the prerender build. Astro's prerenderer loads that bundle into
 * this process; once it has listed the pages (their getStaticPaths load the
 * corpus), the chunk is imported (Node hands back the instance the pages
 * use) and asked for the data, before any page renders, so the search
 * thumbnails are made with the pages' images. The modules of the worker
 * threads (the related engine's, src/lib/related/worker.ts, and the search
 * index's, src/lib/search/index-worker.ts) are emitted the same way, and
 * named to the model in environment variables. The dev server loads the module
 * through Vite on each request, so edits show up.
 */
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin, RunnableDevEnvironment, ViteDevServer } from 'vite';
import type { BuildData } from '../lib/model/build-data.ts';
import { BUILD_CACHE_ENV, RELATED_WORKER_ENV, SEARCH_WORKER_ENV } from '../lib/build/step-cache.ts';

const MODULE = 'src/lib/model/build-data.ts';
const CHUNK = 'dispatch-build-data.mjs';
/**
 * The chunk's name in this build: numbered in the publishing desk's builds, which run in one process
 * (scripts/desk.ts), where Node would hand back the first build's module for the same file.
 */
const chunkName = () => (process.env.DISPATCH_DESK_BUILD ? CHUNK.replace('.mjs', `-${process.env.DISPATCH_DESK_BUILD}.mjs`) : CHUNK);
/** The worker threads' modules, each a chunk of its own too: the related engine's and the search index's. */
const WORKERS = [
  { module: 'src/lib/related/worker.ts', chunk: 'dispatch-related-worker.mjs', env: RELATED_WORKER_ENV },
  { module: 'src/lib/search/index-worker.ts', chunk: 'dispatch-search-worker.mjs', env: SEARCH_WORKER_ENV },
];

type BuildDataModule = typeof import('../lib/model/build-data.ts');

export interface BuildDataSource {
  /** The integration that makes the data available; list it before those that read it. */
  integration: AstroIntegration;
  /** Lets go of this build's data and the corpus behind it (src/integrations/let-go.ts). */
  release(): void;
  /** This build's data; only once the pages have been listed (from `astro:build:generated` on). */
  get(): BuildData;
  /**
   * Calls `use` with this build's data as soon as the pages have been listed,
   * before they render: work that needs only the data (the search files)
   * can then go on beside the rendering. Its errors are the caller's to keep.
   */
  whenListed(use: (data: BuildData) => void): void;
  /** The data for the dev server, from the current sources. */
  devData(server: ViteDevServer): Promise<BuildData>;
}

/** Makes the model's build data available to the integrations given this source. */
export function buildDataSource(): BuildDataSource {
  let modulePath = '';
  let root: URL | undefined;
  let chunkDir: string | undefined;
  let loaded: BuildDataModule | undefined;
  let data: BuildData | undefined;
  let waiting: ((data: BuildData) => void)[] = [];

  const emitChunk: Plugin = {
    name: 'dispatch:build-data-chunk',
    applyToEnvironment: (environment) => environment.name === 'prerender',
    buildStart() {
      this.emitFile({ type: 'chunk', id: modulePath, fileName: chunkName() });
      for (const { module, chunk } of WORKERS) this.emitFile({ type: 'chunk', id: fileURLToPath(new URL(module, root)), fileName: chunk });
    },
    writeBundle(options) {
      chunkDir = options.dir;
      if (chunkDir) for (const { chunk, env } of WORKERS) process.env[env] = join(chunkDir, chunk);
    },
  };

  return {
    integration: {
      name: 'dispatch:build-data',
      hooks: {
        'astro:config:setup': ({ command, config, updateConfig }) => {
          modulePath = fileURLToPath(new URL(MODULE, config.root));
          root = config.root;
          // Where the corpus-wide steps keep their results between builds (src/lib/build/step-cache.ts).
          if (command === 'build') process.env[BUILD_CACHE_ENV] = fileURLToPath(config.cacheDir);
          updateConfig({ vite: { plugins: [emitChunk] } });
        },
        'astro:build:start': ({ setPrerenderer }) => {
          setPrerenderer((prerenderer) => ({
            ...prerenderer,
            async getStaticPaths() {
              const paths = await prerenderer.getStaticPaths();
              if (!chunkDir) throw new Error('build data: the prerender build did not write its chunk');
              // require(): Node's require() of an ES module returns the instance
              // Astro's prerenderer imported, also where this file was loaded
              // through Vite's config loader (whose import() would load a second copy).
              loaded = createRequire(import.meta.url)(join(chunkDir, chunkName())) as BuildDataModule;
              data = await loaded.buildData();
              for (const use of waiting) use(data);
              waiting = [];
              return paths;
            },
            async teardown() {
              // The pages are written, and Astro removes the bundle next: the search index's thread, made
              // while the pages render, runs from one of its chunks (src/lib/search/index-worker.ts).
              await loaded?.searchThreadLoaded();
              // Astro keeps each build's static paths (every page's props: the articles) for as long as the
              // build's bundle is loaded, which in the publishing desk's builder is for good.
              (prerenderer as { app?: { routeCache?: { clearAll(): void } } }).app?.routeCache?.clearAll();
              await prerenderer.teardown?.();
            },
          }));
        },
      },
    },
    release() {
      loaded?.release();
      loaded = data = undefined;
    },
    get() {
      if (!data) throw new Error('build data: asked for before the pages were listed');
      return data;
    },
    whenListed(use) {
      if (data) use(data);
      else waiting.push(use);
    },
    async devData(server) {
      const environment = [server.environments.prerender, server.environments.ssr]
        .find((e): e is RunnableDevEnvironment => e !== undefined && 'runner' in e);
      if (!environment) throw new Error('build data: the dev server has no environment that runs modules');
      const loaded = (await environment.runner.import(modulePath)) as BuildDataModule;
      return loaded.buildData();
    },
  };
}
