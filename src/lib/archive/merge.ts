/**
 * Merging the parts of an archive build into one site, and swapping it in
 * whole. The parts write disjoint paths, except Astro's `_astro/` files,
 * named by a hash of their content, which several parts may each write: those
 * must be byte-identical, or the merge stops naming the file.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sameBytes, walkFiles } from '../build/sync-site.ts';
import type { ArchivePart } from './part.ts';

const PAGE_FOLDERS = new Set(['articles', 'social']);

/** Whether a part's file belongs in the site: a slice gives its article pages and social cards, the index part the rest; both give assets. */
export function partOwns(kind: ArchivePart['kind'], path: string): boolean {
  const top = path.split('/')[0] ?? '';
  if (top === '_astro') return true;
  return kind === 'slice' ? PAGE_FOLDERS.has(top) : !PAGE_FOLDERS.has(top);
}

export interface MergeResult {
  files: number;
  /** Asset files more than one part wrote, identical. */
  shared: number;
}

/** Moves each part's own files from its output folder into `site`; a path two parts wrote with different bytes stops the merge. */
export function mergeParts(parts: readonly { part: ArchivePart; dir: string }[], site: string): MergeResult {
  const from = new Map<string, string>();
  let shared = 0;
  for (const { part, dir } of parts) {
    for (const file of walkFiles(dir)) {
      const source = join(dir, file);
      const path = file.split('\\').join('/');
      if (!partOwns(part.kind, path)) continue;
      const target = join(site, path);
      const earlier = from.get(path);
      if (earlier !== undefined) {
        if (!sameBytes(source, target)) {
          throw new Error(`merge: ${path} differs between ${earlier} and ${part.name}; the parts were not built from the same code`);
        }
        shared++;
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      renameSync(source, target);
      from.set(path, part.name);
    }
  }
  return { files: from.size, shared };
}

/** Puts the finished site at `out` in one step: the old one is moved aside, the new one renamed in, the old one removed. */
export function swapIn(site: string, out: string): void {
  const old = `${out}.archive-old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, old);
  renameSync(site, out);
  rmSync(old, { recursive: true, force: true });
}
