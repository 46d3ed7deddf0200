/**
 * Which files under a content folder are articles, and whether a path leads
 * out of it. Imports nothing of the project: `npm run build`
 * (scripts/build.ts) counts them on plain Node.
 */
import { promises as fs, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { glob } from 'tinyglobby';

/**
 * Every `.md` or `.markdown` file, in any case (`Story.MD` was left out of the
 * site without a word), none whose name or folder starts with `_` (nor, as
 * tinyglobby does by default, with `.`).
 */
const ARTICLE_FILES_GLOB = ['**/*.{md,markdown}', '!**/_*', '!**/_*/**', '!**/node_modules/**'];

/** The article files under `root`, as paths relative to it, sorted (none for a missing folder). */
export async function articleFiles(root: string): Promise<string[]> {
  return (await glob(ARTICLE_FILES_GLOB, { cwd: root, caseSensitiveMatch: false })).sort();
}

/**
 * Whether `path`, followed where it is a link (git keeps links: hero.jpg →
 * /home/…/private.jpg), lies inside the folder `realRoot` (itself with its
 * links followed: `fs.realpath`). A path that does not exist is taken as written.
 */
export async function leadsInside(realRoot: string, path: string): Promise<boolean> {
  const inside = relative(realRoot, await fs.realpath(path).catch(() => path));
  return !inside.startsWith('..') && !isAbsolute(inside);
}

/**
 * `leadsInside` for the many files of one folder tree: a file that is not a
 * link lies where its folder does, and each folder is followed once; only
 * links are followed one by one (following every one of 10,000 stories'
 * paths took 150 ms of each build). `stats`: the path's own (`fs.lstat`),
 * which the caller has looked at anyway.
 */
export function insideCheck(realRoot: string): (path: string, stats: Stats | undefined) => Promise<boolean> {
  const folders = new Map<string, Promise<boolean>>();
  return async (path, stats) => {
    if (!stats || stats.isSymbolicLink()) return leadsInside(realRoot, path);
    const folder = dirname(path);
    let inside = folders.get(folder);
    if (inside === undefined) folders.set(folder, (inside = leadsInside(realRoot, folder)));
    return inside;
  };
}
