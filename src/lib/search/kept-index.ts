/**
 * The search index as the build cache keeps it for the next build to update
 * (src/lib/build/step-cache.ts): its files by path (the manifest is one of
 * them), the stories' indexed words, and a SHA-256 of both, so that a kept
 * index damaged in any byte is never updated into a wrong one.
 */
import { createHash } from 'node:crypto';
import type { StepCodec } from '../build/step-cache';
import type { BuiltIndex } from './build-index';
import { MANIFEST_FILE, type SearchManifest } from './index-format';

/**
 * Beyond this many characters of index files (about 21,000 stories), the
 * index is not kept: writing and reading it on every build would cost more
 * than updating it saves, and hold it twice in memory.
 */
const KEPT_INDEX_MAX = 128 * 2 ** 20;

function digest(files: Iterable<[string, string]>, indexedWords: number): string {
  const hash = createHash('sha256').update(String(indexedWords));
  for (const [path, text] of files) hash.update('\0').update(path).update('\0').update(text);
  return hash.digest('hex');
}

export const keptIndex: StepCodec<BuiltIndex> = {
  encode({ files, indexedWords }) {
    let size = 0;
    for (const text of files.values()) size += text.length;
    return size > KEPT_INDEX_MAX ? undefined : { files: [...files], indexedWords, digest: digest(files, indexedWords) };
  },
  decode(json) {
    const { files: list, indexedWords, digest: kept } = (json ?? {}) as { files?: unknown; indexedWords?: unknown; digest?: unknown };
    if (!Array.isArray(list) || !list.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string')) {
      throw new Error('not a list of files');
    }
    if (typeof indexedWords !== 'number') throw new Error('no count of indexed words');
    const files = new Map(list as [string, string][]);
    if (digest(files, indexedWords) !== kept) throw new Error('its files are not those it was kept with');
    const manifest = files.get(MANIFEST_FILE);
    if (manifest === undefined) throw new Error('no manifest');
    return { files, manifest: JSON.parse(manifest) as SearchManifest, indexedWords };
  },
};
