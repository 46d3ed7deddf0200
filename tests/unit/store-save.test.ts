import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { postponingStoreSave } from '../../src/lib/content/article-loader';
import { tempFile } from '../helpers/temp-file';

/**
 * Astro's content store as its sync uses it (an internal module: a test that
 * fails after an upgrade says the loader's workaround needs looking at again).
 */
const astroDir = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
const { MutableDataStore } = (await import(pathToFileURL(join(astroDir, 'dist/content/mutable-data-store.js')).href)) as {
  MutableDataStore: { fromFile(file: URL): Promise<AstroStore> };
};
interface AstroStore {
  metaStore(collection?: string): { set(key: string, value: string): void };
  waitUntilSaveComplete(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store whose sync has just begun: Astro has marked its version, so a save is due 500 ms later. */
async function syncingStore(): Promise<{ store: AstroStore; file: string }> {
  const file = tempFile('data-store.json');
  const store = await MutableDataStore.fromFile(pathToFileURL(file));
  store.metaStore().set('astro-version', 'test');
  return { store, file };
}

describe("the article loader and Astro's save of the content store", () => {
  it('saves the store once, at the end of a load that takes longer than Astro waits before saving', async () => {
    // Without the loader's hold: Astro saves the store in the middle of a long load.
    const bare = await syncingStore();
    await sleep(900);
    expect(existsSync(bare.file)).toBe(true);

    const held = await syncingStore();
    let writtenDuringLoad: boolean | undefined;
    await postponingStoreSave(held.store.metaStore('articles'), async () => {
      await sleep(900);
      writtenDuringLoad = existsSync(held.file);
    });
    expect(writtenDuringLoad).toBe(false);
    await held.store.waitUntilSaveComplete();
    expect(existsSync(held.file)).toBe(true);
  });

  it('stops holding the save back when the load fails', async () => {
    const { store, file } = await syncingStore();
    await expect(postponingStoreSave(store.metaStore('articles'), () => Promise.reject(new Error('bad article')))).rejects.toThrow('bad article');
    await sleep(900);
    expect(existsSync(file)).toBe(true);
  });
});
