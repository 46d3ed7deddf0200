/** Two built site folders compared file for file and byte for byte (the incremental publish and the desk against a cold build). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../../src/lib/build/sync-site';

/** Every file of a site folder with its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  return new Map(filesUnder(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

/** Files that differ between two site folders: missing from one, or other bytes. */
export function differences(a: string, b: string): string[] {
  const [left, right] = [snapshot(a), snapshot(b)];
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths.filter((p) => !left.get(p)?.equals(right.get(p) ?? Buffer.alloc(0)) || !right.has(p));
}
