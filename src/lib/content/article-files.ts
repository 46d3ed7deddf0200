/**
 * Which files under a content folder are articles. Imports nothing of the
 * project: `npm run build` (scripts/build.ts) counts them on plain Node.
 */
import { glob } from 'tinyglobby';

/** Every `.md` file, none whose name or folder starts with `_` (nor, as tinyglobby does by default, with `.`). */
export const ARTICLE_FILES_GLOB = ['**/*.md', '!**/_*', '!**/_*/**', '!**/node_modules/**'];

/** The article files under `root`, as paths relative to it, sorted (none for a missing folder). */
export async function articleFiles(root: string): Promise<string[]> {
  return (await glob(ARTICLE_FILES_GLOB, { cwd: root })).sort();
}
