/**
 * `npm run build` (and `npm start`): the site from the articles, whatever the
 * archive's size (README "Large archives").
 *
 * - Up to LARGE_ARCHIVE stories (30,000; `DISPATCH_SLICES_ABOVE` sets
 *   another number): one `astro build`, with its incremental publish. The
 *   arguments are Astro's (`--force`, `--outDir <dir>`).
 * - Above it: the archive build in time slices (scripts/build-archive.ts,
 *   `npm run build:archive`), since one build holds every story in memory and
 *   stops near 66,000. `--outDir <dir>` is where the site goes; the other
 *   arguments are build:archive's (`--slice-size`, `--jobs`, `--work-dir`).
 *
 * It runs on plain Node (its TypeScript type stripping, not tsx), so it adds
 * a few milliseconds to a build, not the half second tsx takes to start.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { slicesAbove } from '../src/lib/content/large-archive.ts';

const root = resolve(import.meta.dirname, '..');

/**
 * The article files under `dir` as the loader finds them
 * (ARTICLE_FILES_GLOB): `.md` files, none named or inside a folder named
 * `_…` or `.…`, nor in node_modules. 0 for a missing folder: the build then
 * says it is missing.
 */
function countArticles(dir: string): number {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let count = 0;
  for (const entry of entries) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) count += countArticles(join(dir, entry.name));
    else if (entry.name.endsWith('.md')) count++;
  }
  return count;
}

/** Runs a Node script of the project with these arguments, and exits as it did. */
function run(script: string, args: string[]): never {
  const { status, signal } = spawnSync(process.execPath, [join(root, script), ...args], { stdio: 'inherit' });
  process.exit(status ?? (signal ? 1 : 0));
}

const args = process.argv.slice(2);
const setting = process.env.CONTENT_DIR ?? './content';
const count = countArticles(isAbsolute(setting) ? setting : resolve(setting));
const above = slicesAbove(process.env.DISPATCH_SLICES_ABOVE);
if (count <= above) run('node_modules/astro/bin/astro.mjs', ['build', ...args]);

console.info(`[dispatch] ${count.toLocaleString('en')} stories, more than one build holds well (${above.toLocaleString('en')}): building the archive in time slices (README "Large archives")`);
const archiveArgs = args.map((arg) => (arg === '--outDir' ? '--out' : arg.replace(/^--outDir=/, '--out=')));
run('node_modules/tsx/dist/cli.mjs', [join(root, 'scripts/build-archive.ts'), ...archiveArgs]);
