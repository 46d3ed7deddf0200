/**
 * Cuts the archive into time slices: consecutive runs of stories by date,
 * oldest first, each read whole by one slice build, with the stories its
 * pages point to ("See more", the section neighbours) read as cards.
 */
import type { ArchivePart } from './part.ts';
import type { CorpusIndex } from './corpus-index.ts';

/** The parts of an archive build: its slices, oldest first, then the index part. */
export function planParts(index: CorpusIndex, sliceSize: number, files: { corpusIndex: string; texts: string }): ArchivePart[] {
  if (!Number.isInteger(sliceSize) || sliceSize < 1) throw new Error(`slice size must be a whole number of stories, at least 1 (not ${sliceSize})`);
  const oldestFirst = [...index.stories].reverse();
  const count = Math.ceil(oldestFirst.length / sliceSize);
  const slices = Array.from({ length: count }, (_, k): ArchivePart => {
    const stories = oldestFirst.slice(k * sliceSize, (k + 1) * sliceSize);
    const own = new Set(stories.map((s) => s.id));
    const cards = new Set(stories.flatMap((s) => [...s.related.map(([id]) => id), ...(s.older ? [s.older] : []), ...(s.newer ? [s.newer] : [])]));
    const day = (iso: string | undefined) => iso?.slice(0, 10) ?? '';
    return {
      kind: 'slice',
      name: `slice ${k + 1} of ${count} (${stories.length} stories, ${day(stories[0]?.date)} to ${day(stories.at(-1)?.date)})`,
      ...files,
      own: [...own],
      cards: [...cards].filter((id) => !own.has(id)).sort(),
    };
  });
  const indexPart: ArchivePart = { kind: 'index', name: 'index part', ...files, own: [], cards: index.stories.map((s) => s.id) };
  return [...slices, indexPart];
}
