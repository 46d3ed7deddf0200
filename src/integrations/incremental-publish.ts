/**
 * Incremental publish (README: "Publishing fast"; decision 012). Astro's
 * incremental build (`experimental.incrementalBuild`) renders only the paths
 * whose `cacheKey` (src/lib/model/digests.ts), route code, config or lockfile
 * changed, and restores the others from its cache. This integration does the
 * rest:
 *
 * - The build writes into a staging folder beside the cache, never into the
 *   site folder (`dist/`, or `--outDir`). Only once every integration has
 *   run, the publication check included, are the files that differ put into
 *   the site folder and the ones no longer made removed
 *   (src/lib/build/sync-site.ts). A build that fails or is killed leaves the
 *   site folder as it was.
 * - The staging folder lasts from one build to the next (Astro does not empty
 *   it), so a page whose key did not change is already there and Astro leaves
 *   it, instead of copying it from its cache into a fresh folder. Once the
 *   other integrations but the server files have written into it, what this
 *   build neither wrote nor keyed is removed from it (`pruneStaging`, from
 *   the look the sync takes): removed stories' pages, old bundles and
 *   pictures. Astro writes pages over the staged ones in place, so the site
 *   folder holds copies of them, never links. A build that finds a stopped
 *   build's marker, or a staging folder not kept this way, starts from an
 *   empty one.
 * - A marker file says a build is under way. A build that finds one says so
 *   in one line and drops the cached pages the stopped build wrote after
 *   Astro's last manifest, so they are rendered again; if it was stopped while
 *   updating the site folder, this build's update finishes the job.
 * - A missing or unreadable manifest means a full build, with one line saying why.
 * - The build ends with what was rendered and why, by kind of page, and what
 *   changed in the site folder.
 *
 * List it last: it publishes what the integrations before it wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { COPY_ENDING } from '../lib/build/precompress.ts';
import { filesUnder, lookAtBuilt, lookAtFolder, lookAtHere, removeEmptyFolders, removeFile, syncSite, type Looks, type StagedLook } from '../lib/build/sync-site.ts';
import { CONTENT_FOLDER } from '../lib/search/index-format.ts';
import { searchUrl } from '../lib/model/urls.ts';

/** What the publishing learns of the search index's files (src/integrations/search-files.ts). */
export interface SearchIndexFiles {
  /** Their names under the search folder, once the model is built. */
  indexFiles: () => Iterable<string>;
  /** Its content folder's files as the search index's step left them, looked at, when it has that look. */
  indexLooks: () => Looks | undefined;
}

/** Astro's manifest of the incremental build (astro/dist/core/build/incremental.js). */
interface AstroManifest {
  configHash?: string;
  lockfileHash?: string;
  routes: Record<string, { dependencyHash: string; paths: Record<string, { cacheKey: string | number; outputFile: string }> }>;
}

interface Marker {
  /** When the build began (epoch ms). */
  startedMs: number;
  /** What it was doing when last written. */
  state: 'building' | 'publishing';
  site: string;
}

/** Route files by the kind of page they make, as the summary names them. */
const KINDS: Record<string, string> = {
  'src/pages/articles/[id].astro': 'articles',
  'src/pages/social/[id].jpg.ts': 'social cards',
  'src/pages/section/[section]/[...page].astro': 'section pages',
  'src/pages/[listing]/[slug]/[...page].astro': 'tag and source pages',
  'src/pages/latest/[...page].astro': 'latest pages',
  'src/pages/archive/[year]/[month]/[...page].astro': 'archive months',
  'src/pages/archive/[year]/index.astro': 'archive years',
  'src/pages/archive/[...feed].xml.ts': 'archive feeds',
  'src/pages/section/[section]/rss.xml.ts': 'section feeds',
};

const count = (n: number) => n.toLocaleString('en');
/** The search index's top-level folder, which only its integration writes into (src/integrations/search-files.ts). */
const SEARCH_FOLDER = searchUrl.replaceAll('/', '');

/** Astro's manifest, or why there is none to use. */
export function readAstroManifest(file: string): { manifest: AstroManifest } | { why: string } {
  if (!existsSync(file)) return { why: `no build manifest (${file}): a first build, or the cache was cleared` };
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as AstroManifest;
    if (typeof manifest !== 'object' || manifest === null || typeof manifest.routes !== 'object' || manifest.routes === null) {
      return { why: `the build manifest ${file} is not one Astro wrote (no routes)` };
    }
    return { manifest };
  } catch (error) {
    return { why: `the build manifest ${file} is unreadable (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Per kind of page: what was rendered and why, from the manifests before and
 * after the build; without a manifest before (a full build), only the counts.
 */
export function rebuiltSummary(before: AstroManifest | undefined, after: AstroManifest): string {
  const parts: string[] = [];
  let rendered = 0;
  let total = 0;
  for (const [component, route] of Object.entries(after.routes)) {
    const old = before?.routes[component];
    const why = { new: 0, changed: 0, code: 0 };
    const paths = Object.entries(route.paths);
    for (const [path, { cacheKey }] of paths) {
      const was = old?.paths[path];
      if (!was) why.new++;
      else if (old.dependencyHash !== route.dependencyHash) why.code++;
      else if (was.cacheKey !== cacheKey) why.changed++;
    }
    const removed = old ? Object.keys(old.paths).filter((p) => !(p in route.paths)).length : 0;
    const n = why.new + why.changed + why.code;
    rendered += n;
    total += paths.length;
    const reasons = !before ? [] : [
      why.new && `${count(why.new)} new`, why.changed && `${count(why.changed)} changed`, why.code && `${count(why.code)} template changed`,
      removed && `${count(removed)} removed`,
    ].filter(Boolean);
    parts.push(`${KINDS[component] ?? component} ${count(n)} of ${count(paths.length)}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`);
  }
  return `rendered ${count(rendered)} of ${count(total)} keyed pages, restored ${count(total - rendered)}: ${parts.join('; ')}. `
    + 'Rendered every build: the front page, the indexes, search, 404, the site feed and sitemaps.';
}

/** Why every keyed page was rendered, when the manifests say (config or dependencies changed). */
function fullBuildWhy(before: AstroManifest, after: AstroManifest): string | undefined {
  if (before.configHash !== after.configHash) return 'the configuration changed (astro.config.mjs)';
  if (before.lockfileHash !== after.lockfileHash) return 'the dependencies changed (package-lock.json)';
  return undefined;
}

/** Where a build puts the last build's staging folder to be deleted: `site-staging-old-<ms>`. */
const OLD_STAGING = /^site-staging-old-\d+$/;

/**
 * Deletes `folders` in a child process while the build goes on, and resolves
 * when they are gone (or the child failed: the next build tries again).
 * Deleting a staged site is mostly waiting on the disk (about 3.5 s for
 * 20,000 files here), which the build's own work can hide.
 */
function sweep(folders: string[]): Promise<void> {
  if (folders.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const code = "for (const f of process.argv.slice(1)) require('node:fs').rmSync(f, { recursive: true, force: true })";
    const child = spawn(process.execPath, ['-e', code, ...folders], { stdio: 'ignore' });
    child.on('error', () => resolve());
    child.on('exit', () => resolve());
  });
}

/**
 * The staged files a build keeps from the last one without writing them: Astro
 * skips a page whose key is unchanged when its file is there. Compressed
 * copies are linked from their cache, and the search index's content-named
 * files are its integration's (src/integrations/search-files.ts): both are
 * replaced, never written into, so the site may link them.
 */
const linkable = (path: string) => COPY_ENDING.test(path) || path.startsWith(`${SEARCH_FOLDER}/${CONTENT_FOLDER}/`);

/**
 * Removes from `staging` what this build neither made nor wrote: what `keep`
 * does not name (its pages, rendered or left from the last build, and the
 * search index's files) and whose inode did not change at or after
 * `sinceMs` (bundles, pictures, public files, sitemaps), with its compressed
 * copies; returns the paths removed. The change time, not the modification
 * time: since Astro 7.4 a picture taken from Astro's image cache and a file
 * copied from `public/` keep their source's modification time (they are
 * copied, then given it), and were taken for the last build's, and pruned.
 * Compressed copies of kept files stay (the server files step
 * replaces them if their file changed). The server files, written after it,
 * go too and are written again. `looks`, the staged site as `lookAtBuilt`
 * found it once every step but the server files had written into it, spares
 * the walk and the looks; what goes is taken out of it.
 */
export function pruneStaging(staging: string, keep: (path: string) => boolean, sinceMs: number, looks?: Looks): string[] {
  const files = looks ? [...looks.keys()] : filesUnder(staging);
  const kept = new Set<string>();
  const gone: string[] = [];
  for (const path of files) {
    if (COPY_ENDING.test(path)) continue;
    if (keep(path) || (looks?.get(path) ?? statSync(join(staging, path))).ctimeMs >= sinceMs) kept.add(path);
    else gone.push(path);
  }
  for (const path of files) if (COPY_ENDING.test(path) && !kept.has(path.replace(COPY_ENDING, ''))) gone.push(path);
  for (const path of gone) {
    removeFile(join(staging, path));
    looks?.delete(path);
  }
  removeEmptyFolders(staging, gone.map((p) => dirname(join(staging, p))));
  return gone;
}

/**
 * Three integrations around the other integrations' last steps:
 * - `lookSite`, listed after every step that writes into the staged
 *   site's top-level folders but the search index's (Astro's pages, and
 *   the tidying of its leftovers), begins the look at those folders in
 *   worker threads;
 * - `look`, listed after the search index's files (`searchIndex` names
 *   them, and gives its look at its content folder) and the sitemap, adds
 *   the search folder's files and the top-level ones (looked at here: a
 *   few dozen) to the look, prunes the staging folder from the whole
 *   look (`pruneStaging`) and hands the look on
 *   (`staged`), before the publication check and the server files, which
 *   bring it up to date with what they write (src/integrations/server-files.ts);
 * - `publish`, listed last, puts the staged site into the site folder.
 */
export function incrementalPublish(searchIndex: SearchIndexFiles): {
  lookSite: AstroIntegration; look: AstroIntegration; publish: AstroIntegration; staged: () => Promise<StagedLook | undefined>; release: () => void;
} {
  let site = '';
  let cacheDir = '';
  let staging = '';
  let before: AstroManifest | undefined;
  let swept: Promise<void> = Promise.resolve();
  let looked: Promise<Looks | undefined> = Promise.resolve(undefined);
  /** The staged site's files, looked at once every step but the server files has written into it. */
  let builtLooked: Promise<StagedLook | undefined> = Promise.resolve(undefined);
  /** Whether the last sync, which the staging folder was kept from, put its files into this build's site folder. */
  let copiesSynced = false;
  /** What the pruning removed from the staging folder, some of it written again by later steps. */
  let pruned: string[] = [];
  const markerFile = () => join(cacheDir, 'dispatch-publish.json');
  const astroManifestFile = () => join(cacheDir, 'incremental-build.json');
  /** Present while the staging folder holds a published build whose Astro-written files the site holds as copies. */
  const keptFile = () => join(cacheDir, 'site-staging.json');
  const mark = (marker: Marker) => writeFileSync(markerFile(), `${JSON.stringify(marker)}\n`);
  /** The site folder the kept staging folder was published into. */
  const keptSite = (): unknown => {
    try {
      return (JSON.parse(readFileSync(keptFile(), 'utf8')) as { site?: unknown }).site;
    } catch {
      return undefined;
    }
  };

  /** Says what a build that did not finish left, and drops the cached pages it wrote after Astro's manifest. */
  const recover = (logger: AstroIntegrationLogger) => {
    let marker: Marker;
    try {
      marker = JSON.parse(readFileSync(markerFile(), 'utf8')) as Marker;
    } catch {
      return;
    }
    if (marker.state === 'publishing') {
      logger.warn(`the last build stopped while updating ${marker.site}, which may mix two builds' files: this build puts it right`);
      return;
    }
    const outputs = join(cacheDir, 'dist');
    const manifestMs = existsSync(astroManifestFile()) ? statSync(astroManifestFile()).mtimeMs : 0;
    const since = Math.max(marker.startedMs, manifestMs + 1);
    let dropped = 0;
    for (const path of filesUnder(outputs)) {
      const file = join(outputs, path);
      if (statSync(file).mtimeMs >= since) {
        rmSync(file);
        dropped++;
      }
    }
    logger.warn(`the build started ${new Date(marker.startedMs).toISOString()} did not finish; ${marker.site} was left as it was`
      + (dropped > 0 ? `, and the ${count(dropped)} pages it had rendered are rendered again` : ''));
  };

  /** The staged site's files in its top-level folders but the search index's, looked at from when the pages are written. */
  let siteLooked: Promise<Looks | undefined> = Promise.resolve(undefined);
  /** Those folders. */
  let siteFolders = new Set<string>();
  /** Every page file of this build, rendered or left as it was (Astro lists both), under the staging folder. */
  let outputs = new Set<string>();

  const lookSite: AstroIntegration = {
    name: 'dispatch:staging-look-site',
    hooks: {
      'astro:build:start': () => {
        siteLooked = builtLooked = Promise.resolve(undefined);
      },
      'astro:build:done': async ({ assets }) => {
        if (!staging) return;
        outputs = new Set([...assets.values()].flat().map((url) => relative(staging, fileURLToPath(url))));
        // Shared out between two threads by how many files each top-level folder of the site holds.
        const live = await looked;
        const counts = new Map<string, number>();
        for (const path of live?.keys() ?? []) {
          const top = path.split(sep, 1)[0]!;
          counts.set(top, (counts.get(top) ?? 0) + 1);
        }
        siteFolders = new Set(readdirSync(staging, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== SEARCH_FOLDER).map((e) => e.name));
        siteLooked = lookAtBuilt(staging, (name) => counts.get(name) ?? 1, (name) => siteFolders.has(name));
      },
    },
  };

  /**
   * The staged search folder's files: its content folder's as the search
   * index's step left them, the few others looked at here; or all looked at
   * in a worker thread where that step has no look to give.
   */
  const lookAtSearch = async (): Promise<Looks | undefined> => {
    const looks = searchIndex.indexLooks();
    if (!looks) return lookAtBuilt(staging, () => 1, (name) => name === SEARCH_FOLDER);
    for (const [path, look] of lookAtHere(join(staging, SEARCH_FOLDER), (name) => name === CONTENT_FOLDER, SEARCH_FOLDER + sep)) looks.set(path, look);
    return looks;
  };

  const lookStaged: AstroIntegration = {
    name: 'dispatch:staging-look',
    hooks: {
      'astro:build:done': async () => {
        if (!staging) return;
        const [looks, searchLooks] = await Promise.all([siteLooked, lookAtSearch()]);
        // The files at the top, which the steps between wrote (the sitemaps).
        const top = lookAtHere(staging, (name) => name === SEARCH_FOLDER || siteFolders.has(name));
        if (looks && searchLooks) for (const part of [searchLooks, top]) for (const [path, look] of part) looks.set(path, look);
        const both = looks && searchLooks ? looks : undefined;
        if (existsSync(markerFile())) {
          const indexFiles = new Set([...searchIndex.indexFiles()].map((name) => join(SEARCH_FOLDER, name)));
          pruned = pruneStaging(staging, (path) => outputs.has(path) || indexFiles.has(path), statSync(markerFile()).mtimeMs, both);
        }
        builtLooked = Promise.resolve(both && { looks: both });
      },
    },
  };

  const publish: AstroIntegration = {
    name: 'dispatch:incremental-publish',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        site = fileURLToPath(config.outDir);
        cacheDir = fileURLToPath(config.cacheDir);
        staging = join(cacheDir, 'site-staging/');
        // Astro resolved build.client and build.server under the given outDir, and bundles the
        // server folder's path into astro:assets: moved too, so the route code (and its hash in
        // the incremental manifest) is the same whatever folder the site is published to.
        const under = (path: string) => pathToFileURL(join(staging, path));
        // Astro empties its output folder unless Vite's emptyOutDir is false: the staging folder is kept.
        updateConfig({ outDir: under('/'), build: { client: under('client/'), server: under('server/') }, vite: { build: { emptyOutDir: false } } });
      },
      'astro:build:start': ({ logger }) => {
        const stopped = existsSync(markerFile());
        if (stopped) recover(logger);
        const read = readAstroManifest(astroManifestFile());
        before = 'manifest' in read ? read.manifest : undefined;
        if ('why' in read) logger.info(`full build: ${read.why}`);
        else if (process.argv.includes('--force')) {
          // Astro ignores its manifest then (and the content layer's cache).
          before = undefined;
          logger.info('full build: asked for with --force');
        }
        // The staging folder is kept unless a stopped build may have left it mixed, it was not kept
        // this way (an older build's, whose files the site folder links), or there is nothing to
        // keep it for. Otherwise it is moved aside, and deleted, with any a stopped build left,
        // while this build works.
        if (staging) {
          const parent = dirname(staging);
          const keep = !stopped && before !== undefined && existsSync(keptFile());
          // The copies the last sync put into this site folder are the staged ones it left (SyncOptions.copiesKept).
          copiesSynced = keep && keptSite() === site;
          rmSync(keptFile(), { force: true });
          if (!keep && existsSync(staging)) renameSync(staging, join(parent, `site-staging-old-${Date.now()}`));
          swept = sweep(existsSync(parent) ? readdirSync(parent).filter((n) => OLD_STAGING.test(n)).map((n) => join(parent, n)) : []);
        }
        mark({ startedMs: Date.now(), state: 'building', site });
        // The site folder's files, listed and looked at while the build runs, for the sync at its end.
        looked = lookAtFolder(site);
      },
      'astro:build:done': async ({ logger }) => {
        const read = readAstroManifest(astroManifestFile());
        if ('manifest' in read) {
          const why = before && fullBuildWhy(before, read.manifest);
          if (why) logger.info(`full build: ${why}`);
          logger.info(rebuiltSummary(why ? undefined : before, read.manifest));
        }
        const gone = pruned.filter((path) => !COPY_ENDING.test(path) && !existsSync(join(staging, path)));
        if (gone.length > 0) logger.info(`staging folder: ${count(gone.length)} files this build no longer makes removed`);
        const started = performance.now();
        mark({ startedMs: Date.now(), state: 'publishing', site });
        const staged = await builtLooked;
        const { files, added, changed, removed } = syncSite(staging, site, { copied: (path) => !linkable(path), live: await looked, built: staged?.looks, copiesKept: copiesSynced ? staged?.copiesKept : undefined });
        writeFileSync(keptFile(), `${JSON.stringify({ site })}\n`);
        rmSync(markerFile());
        // The staging folder stays for the next build; an old one moved aside is deleted by now, or soon.
        await swept;
        const unchanged = files - added - changed;
        logger.info(`${site}: ${count(added + changed)} files written (${count(added)} new, ${count(changed)} changed), ${count(removed)} removed, `
          + `${count(unchanged)} unchanged, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
  /** Lets go of this build's looks at the site and staging folders (src/integrations/let-go.ts). */
  const release = () => {
    looked = siteLooked = Promise.resolve(undefined);
    builtLooked = Promise.resolve(undefined);
    pruned = [];
    outputs = new Set();
    siteFolders = new Set();
  };
  return { lookSite, look: lookStaged, publish, staged: () => builtLooked, release };
}
