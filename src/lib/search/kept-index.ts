/**
 * The search index as the build cache keeps it for the next build to update
 * (src/lib/build/step-cache.ts): its files by path (the manifest is one of
 * them) and the stories' indexed words, as bytes behind a SHA-256 of them,
 * so that a kept index damaged in any byte is never updated into a wrong one.
 *
 * The files are kept as they are, one after another, with a list of their
 * paths and lengths: as JSON, every file's quotes would be escaped, and
 * reading and writing 60 MB of that (10,000 stories) took about 1.5 s a build.
 */
import { createHash } from 'node:crypto';
import { framed, unframed } from '../build/framed-file.ts';
import type { StepCodec } from '../build/step-cache.ts';
import type { BuiltIndex } from './build-index.ts';
import { MANIFEST_FILE, type SearchManifest } from './index-format.ts';

/**
 * Beyond this many characters of index files (about 21,000 stories), the
 * index is not kept: writing and reading it on every build would cost more
 * than updating it saves, and hold it twice in memory.
 */
const KEPT_INDEX_MAX = 128 * 2 ** 20;

/** What precedes the files: their paths and lengths in bytes, and the count of indexed words. */
interface Contents {
  indexedWords: number;
  files: [path: string, bytes: number][];
}

const DIGEST_BYTES = 32;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

export const keptIndex: StepCodec<BuiltIndex> = {
  encode({ files, indexedWords }) {
    let size = 0;
    for (const text of files.values()) size += text.length;
    if (size > KEPT_INDEX_MAX) return undefined;
    const texts = [...files.values()];
    const contents: Contents = { indexedWords, files: [...files.keys()].map((path, i) => [path, Buffer.byteLength(texts[i]!)]) };
    const kept = framed(contents, texts, DIGEST_BYTES);
    sha256(kept.subarray(DIGEST_BYTES)).copy(kept, 0);
    return kept;
  },
  decode(kept) {
    if (!Buffer.isBuffer(kept) || kept.length < DIGEST_BYTES + 4) throw new Error('not a kept index');
    const rest = kept.subarray(DIGEST_BYTES);
    if (!sha256(rest).equals(kept.subarray(0, DIGEST_BYTES))) throw new Error('its files are not those it was kept with');
    const { header: { indexedWords, files: list }, body } = unframed<Contents>(rest);
    const files = new Map<string, string>();
    let at = 0;
    for (const [path, bytes] of list) files.set(path, body.toString('utf8', at, (at += bytes)));
    if (at !== body.length) throw new Error('its files do not fill it');
    const manifest = files.get(MANIFEST_FILE);
    if (manifest === undefined) throw new Error('no manifest');
    return { files, manifest: JSON.parse(manifest) as SearchManifest, indexedWords };
  },
};
