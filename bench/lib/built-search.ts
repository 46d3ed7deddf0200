/** A built site's search files, read from disk as the search worker fetches them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchEngine } from '../../src/lib/search/engine';
import { docFile, MANIFEST_FILE, type DocRecord, type SearchManifest } from '../../src/lib/search/index-format';

export function builtSearch(siteDir: string) {
  const root = join(siteDir, 'search');
  const read = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
  const manifest = read(MANIFEST_FILE) as SearchManifest;
  return {
    manifest,
    /** Every story's search record, in index order. */
    docs: () => Array.from({ length: manifest.docCount }, (_, i) => read(docFile(manifest.build, i)) as DocRecord),
    /** The engine over these files. */
    open: () => SearchEngine.open(async (path) => read(path)),
  };
}
