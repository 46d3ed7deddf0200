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
import { isAbsolute, join, resolve } from 'node:path';
import { articleFiles } from '../src/lib/content/article-files.ts';
import { slicesAbove } from '../src/lib/content/large-archive.ts';

const root = resolve(import.meta.dirname, '..');

/** Runs a Node script of the project with these arguments, and exits as it did. */
function run(script: string, args: string[]): never {
  const { status, signal } = spawnSync(process.execPath, [join(root, script), ...args], { stdio: 'inherit' });
  process.exit(status ?? (signal ? 1 : 0));
}

const args = process.argv.slice(2);
const setting = process.env.CONTENT_DIR ?? './content';
// The files the loader reads (none for a missing folder: the build then says it is missing).
const count = (await articleFiles(isAbsolute(setting) ? setting : resolve(setting))).length;
const above = slicesAbove(process.env.DISPATCH_SLICES_ABOVE);
if (count <= above) run('node_modules/astro/bin/astro.mjs', ['build', ...args]);

console.info(`[dispatch] ${count.toLocaleString('en')} stories, more than one build holds well (${above.toLocaleString('en')}): building the archive in time slices (README "Large archives")`);
const archiveArgs = args.map((arg) => (arg === '--outDir' ? '--out' : arg.replace(/^--outDir=/, '--out=')));
run('node_modules/tsx/dist/cli.mjs', [join(root, 'scripts/build-archive.ts'), ...archiveArgs]);
