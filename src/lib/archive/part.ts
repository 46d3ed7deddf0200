// src/lib/archive/: building a large archive in time slices (README "Large archives", decision 013).
/**
 * Which part of a sliced archive build this `astro build` is, handed in by
 * the driver (scripts/build-archive.ts) as a JSON file named by
 * `DISPATCH_ARCHIVE_PART`. Without it the build is an ordinary whole build.
 *
 * - A *slice* renders the article pages and social cards of its own stories,
 *   read whole, and reads the stories its pages point to ("See more", the
 *   section neighbours) as cards: frontmatter and picture, no body.
 * - The *index* part renders everything else (front page, listings, archives,
 *   feeds, sitemaps, search) from every published story read as a card, with
 *   the body texts the corpus index step wrote.
 *
 * Both take the corpus-wide parts from the corpus index (corpus-index.ts).
 */
import { readFileSync } from 'node:fs';

export interface ArchivePart {
  kind: 'slice' | 'index';
  /** For messages: "slice 2 of 5 (2016-03-01 to 2017-01-12)", "index". */
  name: string;
  /** The corpus index file (corpus-index.ts). */
  corpusIndex: string;
  /** The texts file (corpus-index.ts): read by the index part only. */
  texts: string;
  /** Stories read whole: the slice's own. */
  own: string[];
  /** Stories read as cards. */
  cards: string[];
}

/** How the loader reads a story in this part: whole, as a card (no body), or not at all. */
export type EntryKind = 'whole' | 'card' | 'skip';

let part: ArchivePart | undefined | null = null;

/** This build's part, or undefined for an ordinary whole build. */
export function archivePart(): ArchivePart | undefined {
  if (part !== null) return part;
  const file = process.env.DISPATCH_ARCHIVE_PART;
  part = file ? (JSON.parse(readFileSync(file, 'utf8')) as ArchivePart) : undefined;
  return part;
}

/** How each story is read in this build (every story whole in an ordinary build). */
export function entryKinds(): (id: string) => EntryKind {
  const current = archivePart();
  if (!current) return () => 'whole';
  const own = new Set(current.own);
  const cards = new Set(current.cards);
  return (id) => (own.has(id) ? 'whole' : cards.has(id) ? 'card' : 'skip');
}
