import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../harness/build-site';
import { buildCorpusIndex } from '../../src/lib/archive/corpus-index';
import { BodyTextCache } from '../../src/lib/archive/text-cache';

const now = new Date('2026-01-01T00:00:00Z');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture content and a work folder. */
function setUp() {
  const root = mkdtempSync(join(tmpdir(), 'dispatch-text-cache-'));
  made.push(root);
  const content = join(root, 'content');
  cpSync(join(projectRoot, 'tests/fixtures/site'), content, { recursive: true });
  return { content, cacheFile: join(root, 'body-texts.jsonl'), texts: join(root, 'texts.jsonl') };
}

const textOf = (textsFile: string, id: string) =>
  readFileSync(textsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as [string, string]).find(([storyId]) => storyId === id)?.[1];

describe('the archive build’s kept body texts', () => {
  it('gives the index and texts of a run without them, and reuses a text only for the same body and code', async () => {
    const { content, cacheFile, texts } = setUp();
    const plain = await buildCorpusIndex(content, texts, now);
    const plainTexts = readFileSync(texts, 'utf8');
    expect(await buildCorpusIndex(content, texts, now, new BodyTextCache(cacheFile, 'code 1'))).toEqual(plain);
    expect(readFileSync(texts, 'utf8')).toBe(plainTexts);

    // A kept text is what the next run uses: marked, it shows in that run's texts.
    const original = textOf(texts, 'hanoi-heat')!;
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace(JSON.stringify(original), JSON.stringify(`${original} KEPT`)));
    await buildCorpusIndex(content, texts, now, new BodyTextCache(cacheFile, 'code 1'));
    expect(textOf(texts, 'hanoi-heat')).toBe(`${original} KEPT`);

    // Other code: every text made again.
    await buildCorpusIndex(content, texts, now, new BodyTextCache(cacheFile, 'code 2'));
    expect(textOf(texts, 'hanoi-heat')).toBe(original);

    // An edited body: its text made again, the others' kept.
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace(JSON.stringify(original), JSON.stringify(`${original} KEPT`)));
    appendFileSync(join(content, 'articles/hanoi-heat.md'), '\nA paragraph added by an editor.\n');
    await buildCorpusIndex(content, texts, now, new BodyTextCache(cacheFile, 'code 2'));
    expect(textOf(texts, 'hanoi-heat')).toMatch(/A paragraph added by an editor\.$/);

    // A damaged file is ignored.
    writeFileSync(cacheFile, '{"code":"code 2"}\n["half a line');
    expect(await buildCorpusIndex(content, texts, now, new BodyTextCache(cacheFile, 'code 2'))).toEqual(await buildCorpusIndex(content, texts, now));
  });
});
