// @ts-check
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { defineConfig } from 'astro/config';
import { articleMarkdownProcessor } from './src/lib/markdown/processor.ts';
import { sitemapWithLastmod } from './src/integrations/sitemap.ts';
import { site } from './src/site.config.ts';
import { tidyOutDir } from './src/integrations/tidy-out-dir.ts';
import { precompressAhead, serverFiles } from './src/integrations/server-files.ts';
import { publicationCheck } from './src/integrations/publication-check.ts';
import { searchFiles } from './src/integrations/search-files.ts';
import { buildDataSource } from './src/integrations/build-data.ts';
import { incrementalPublish } from './src/integrations/incremental-publish.ts';
import { contentStoreFile } from './src/integrations/content-store-file.ts';
import { letGo } from './src/integrations/let-go.ts';

// Each content folder gets its own cache, so builds of different corpora
// (tests, benchmarks) never read each other's stored entries.
const cacheKey = createHash('sha1').update(site.contentDir).digest('hex').slice(0, 10);

const cacheDir = process.env.DISPATCH_CACHE_DIR || `./node_modules/.astro/${cacheKey}`;

// Astro 5's dev server wants a trailing slash on dynamic endpoints with a file
// extension when trailingSlash is 'always' (/search/index.json/, withastro/astro#17001);
// builds write them without one. The dev server takes both, builds stay strict.
const devServer = process.argv.includes('dev');

// What the integrations read of the model: the corpus the pages were built from.
const buildData = buildDataSource();
// Its first two parts look at the staged site once nothing but the server files writes into it (which add their
// writes to the look), the search index's folder apart, and prune the staging folder from that look; its third
// publishes, last.
const search = searchFiles(buildData);
const staging = incrementalPublish({ indexFiles: search.indexFiles, indexLooks: search.looks });

export default defineConfig({
  site: site.url,
  trailingSlash: devServer ? 'ignore' : 'always',
  cacheDir,
  // Progress lines per phase instead of a line per page and per image
  // (src/integrations/build-progress.ts); DISPATCH_BUILD_LOG=pages keeps Astro's own.
  ...(process.env.DISPATCH_BUILD_LOG !== 'pages' && {
    logger: {
      entrypoint: './src/integrations/build-progress.ts',
      config: { stateFile: join(cacheDir, 'build-progress.json'), everySeconds: Number(process.env.DISPATCH_PROGRESS_SECONDS || 10) },
    },
  }),
  // Four pages in flight: each page Astro renders then waits on four file
  // operations (its folder, its file, and both again in the build cache), a
  // third of the pages phase when rendered one at a time. Astro's own line
  // per page (DISPATCH_BUILD_LOG=pages) is written in two parts, which pages
  // rendered together interleave: that log renders one page at a time.
  build: { format: 'directory', concurrency: process.env.DISPATCH_BUILD_LOG === 'pages' ? 1 : 4 },
  // Astro 7's default ('jsx') drops the whitespace between elements written
  // on separate lines, which joins inline ones ("Politics20 Nov 2025");
  // true is Astro 5's lossless compression, keeping the pages as they were.
  compressHTML: true,
  // The look at the staged site (begun once the pages are written, the
  // search index's folder and the top-level files looked at once written),
  // the pruning it serves and the publication check come after every
  // integration that writes into the site but the server files, which come
  // next (they compress what the look found, and add what they write to it);
  // the site folder is updated last, only when all of them passed, and then what the
  // build made is let go of (src/integrations/let-go.ts). A part of a sliced
  // archive build (src/lib/archive/) leaves server files and the check to the
  // driver, which runs them on the merged site.
  integrations: [
    ...(process.env.DISPATCH_ARCHIVE_PART ? [] : [precompressAhead()]),
    contentStoreFile(), buildData.integration, tidyOutDir(), staging.lookSite, sitemapWithLastmod(buildData), search.integration, staging.look,
    ...(process.env.DISPATCH_ARCHIVE_PART ? [] : [publicationCheck(buildData, staging.staged), serverFiles(staging.staged)]),
    staging.publish, letGo(buildData.release, search.release, staging.release),
  ],
  experimental: {
    // Renders only the pages whose content changed (README: "Publishing fast"):
    // each route returns a cacheKey of what the page shows (src/lib/model/digests.ts).
    incrementalBuild: true,
  },
  image: {
    // AVIF at a lower effort than sharp's default (4): eight times faster for
    // files about 4% larger, which keeps a cold build of the sample newsroom
    // to seconds of image encoding.
    service: { entrypoint: 'astro/assets/services/sharp', config: { avif: { effort: site.images.avifEffort } } },
  },
  vite: {
    // The dev server watches the project; the benchmarks' and tests' scratch
    // folders hold tens of thousands of files (built sites, corpora) it would
    // crawl first: 40 s before it answers, against 2 s.
    server: { watch: { ignored: ['**/bench/.tmp/**', '**/tests/.tmp/**', '**/dist/**'] } },
    build: {
      // Astro inlines small bundled scripts into the page; inline scripts would
      // need 'unsafe-inline' (or a hash) in the Content-Security-Policy, so
      // every script stays a file. Other assets keep Vite's default limit.
      assetsInlineLimit: (file) => (/\.m?js$/.test(file) ? false : undefined),
    },
  },
  markdown: {
    syntaxHighlight: false,
    // Sätteri, Astro's default processor, with our plugins (src/lib/markdown/processor.ts).
    processor: articleMarkdownProcessor(),
  },
});
