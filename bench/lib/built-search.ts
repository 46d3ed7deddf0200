/** A built site's search files, read from disk as the search worker fetches them. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SearchEngine } from '../../src/lib/search/engine';
import type { DocRecord } from '../../src/lib/search/index-format';

/** The search index's files by path under /search/. */
export interface SearchFiles {
  read(path: string): string | undefined;
  paths(): Iterable<string>;
}

export function builtSearch(siteDir: string): SearchFiles {
  const root = join(siteDir, 'search');
  return {
    read: (path) => {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
    paths: () => (readdirSync(root, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => relative(root, join(e.parentPath, e.name))),
  };
}

/** Every story's search record, in index order. */
export async function indexRecords(files: SearchFiles): Promise<DocRecord[]> {
  const engine = await SearchEngine.open(async (path) => JSON.parse(files.read(path)!));
  const records: DocRecord[] = [];
  for (let i = 0; i < engine.manifest.docCount; i++) records.push(await engine.doc(i));
  return records;
}

/** The engine over a built site's files. */
export function openBuiltSearch(siteDir: string): Promise<SearchEngine> {
  const files = builtSearch(siteDir);
  return SearchEngine.open(async (path) => JSON.parse(files.read(path)!));
}
