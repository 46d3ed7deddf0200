/**
 * Which files under a content folder are articles. Imports nothing of the
 * project: `npm run build` (scripts/build.ts) counts them on plain Node.
 */
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
