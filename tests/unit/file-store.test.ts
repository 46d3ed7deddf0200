import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/lib/build/file-store';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folders(): { store: string; site: string } {
  const root = mkdtempSync(join(tmpdir(), 'dispatch-file-store-'));
  made.push(root);
  mkdirSync(join(root, 'site'));
  return { store: join(root, 'store'), site: join(root, 'site') };
}

/** One build's files put through a fresh store over `dir`, into an emptied `site`. */
function build(dir: string, site: string, files: Record<string, string>): FileStore {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site);
  const store = new FileStore(dir);
  for (const [name, text] of Object.entries(files)) store.put(join(site, name), text);
  store.prune();
  return store;
}

describe('files kept between builds and linked into the site', () => {
  it('links in the files whose bytes an earlier build stored, and writes only the new ones', () => {
    const { store, site } = folders();
    build(store, site, { 'a.json': '{"a":1}', 'b.json': '{"b":1}' });
    const second = build(store, site, { 'a.json': '{"a":1}', 'b.json': '{"b":2}', 'c.json': '{"a":1}' });
    expect(second.counts).toEqual({ reused: 2, written: 1 });
    expect(readFileSync(join(site, 'b.json'), 'utf8')).toBe('{"b":2}');
    expect(readFileSync(join(site, 'c.json'), 'utf8')).toBe('{"a":1}');
    expect(statSync(join(site, 'a.json')).ino).toBe(statSync(join(site, 'c.json')).ino);
  });

  it('keeps only the files the last build used', () => {
    const { store, site } = folders();
    build(store, site, { 'a.json': 'first' });
    build(store, site, { 'a.json': 'second' });
    expect(readdirSync(store)).toHaveLength(1);
  });

  it('gives the right bytes when a stored file was damaged or cut short, and mends the store', () => {
    const { store, site } = folders();
    build(store, site, { 'a.json': '{"headline":"Floods in Hà Nội"}', 'b.json': '{"headline":"Rain in Huế"}' });
    const [first, second] = readdirSync(store).map((name) => join(store, name));
    // The same length with other bytes, and a file cut short: written through the site's link, as a careless tool would.
    writeFileSync(first!, 'x'.repeat(statSync(first!).size));
    writeFileSync(second!, '{"head');
    const again = build(store, site, { 'a.json': '{"headline":"Floods in Hà Nội"}', 'b.json': '{"headline":"Rain in Huế"}' });
    expect(again.counts).toEqual({ reused: 0, written: 2 });
    expect(readFileSync(join(site, 'a.json'), 'utf8')).toBe('{"headline":"Floods in Hà Nội"}');
    expect(readFileSync(join(site, 'b.json'), 'utf8')).toBe('{"headline":"Rain in Huế"}');
    expect(build(store, site, { 'a.json': '{"headline":"Floods in Hà Nội"}' }).counts).toEqual({ reused: 1, written: 0 });
  });

  it('never changes a file an earlier build linked into a site when it stores new bytes', () => {
    const { store, site } = folders();
    build(store, site, { 'a.json': 'old' });
    // The published site holds the old build's file.
    const published = join(site, '..', 'published.json');
    linkSync(join(site, 'a.json'), published);
    build(store, site, { 'a.json': 'new' });
    expect(readFileSync(published, 'utf8')).toBe('old');
    expect(readFileSync(join(site, 'a.json'), 'utf8')).toBe('new');
  });
});
