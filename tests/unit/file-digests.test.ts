import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileDigests, SETTLED_MS } from '../../src/lib/content/file-digests';
import { tempFile } from '../helpers/temp-file';

/** A story's file, written now, and the time of a look at it long after (when it has settled). */
function story(text = 'Hội An lights its lanterns.\n') {
  const path = tempFile('story.md');
  writeFileSync(path, text);
  return { path, later: Date.now() + SETTLED_MS + 1_000 };
}

/** The digests a build took of `path` (looked at `lookedAt`), saved, as the next build reads them. */
function keptFor(path: string, lookedAt: number): string {
  const file = tempFile('file-digests.json');
  const digests = new FileDigests(file, 'c1');
  expect(digests.digestOf(path, statSync(path), 'whole')).toBeUndefined();
  digests.record(path, statSync(path), 'whole', 'd1', lookedAt);
  digests.save();
  return file;
}

describe("article files' digests kept by their look", () => {
  it('give the digest of a file left as it was, without reading it', () => {
    const { path, later } = story();
    const kept = keptFor(path, later);
    expect(new FileDigests(kept, 'c1').digestOf(path, statSync(path), 'whole')).toBe('d1');
  });

  it('give nothing for a file written again, even with its size and its time of modification put back', () => {
    const { path, later } = story();
    const kept = keptFor(path, later);
    const { atime, mtime } = statSync(path);
    writeFileSync(path, 'Hội An lights its lanterne.\n');
    utimesSync(path, atime, mtime);
    expect(statSync(path).mtimeMs).toBe(mtime.getTime());
    expect(new FileDigests(kept, 'c1').digestOf(path, statSync(path), 'whole')).toBeUndefined();
  });

  it('keep nothing of a file changed too shortly before the look to tell a second change in the same tick', () => {
    const { path } = story();
    const kept = keptFor(path, Date.now());
    expect(new FileDigests(kept, 'c1').digestOf(path, statSync(path), 'whole')).toBeUndefined();
  });

  it('give nothing for another kind of read, other code, or a damaged file', () => {
    const { path, later } = story();
    const kept = keptFor(path, later);
    expect(new FileDigests(kept, 'c1').digestOf(path, statSync(path), 'card')).toBeUndefined();
    expect(new FileDigests(kept, 'c2').digestOf(path, statSync(path), 'whole')).toBeUndefined();
    writeFileSync(kept, readFileSync(kept, 'utf8').slice(0, 20));
    expect(new FileDigests(kept, 'c1').digestOf(path, statSync(path), 'whole')).toBeUndefined();
  });

  it('keep only the files the last build saw', () => {
    const { path, later } = story();
    const other = story('Đà Nẵng opens its metro.\n');
    const file = tempFile('file-digests.json');
    const first = new FileDigests(file, 'c1');
    first.record(path, statSync(path), 'whole', 'd1', later);
    first.record(other.path, statSync(other.path), 'whole', 'd2', later);
    first.save();
    // The next build sees only the first file (the other was deleted) and reads nothing.
    const next = new FileDigests(file, 'c1');
    expect(next.digestOf(path, statSync(path), 'whole')).toBe('d1');
    next.save();
    const third = new FileDigests(file, 'c1');
    expect(third.digestOf(path, statSync(path), 'whole')).toBe('d1');
    expect(third.digestOf(other.path, statSync(other.path), 'whole')).toBeUndefined();
  });
});
