/**
 * Each story's body as plain text, with its word count, kept beside Astro's
 * content store instead of inside it (README: "Publishing fast").
 *
 * The Markdown step that renders a body also makes its text
 * (src/lib/markdown/body-text.ts), and the related engine, the search index
 * and the reading time read it. In Astro's store it doubled the store: at
 * 10,000 stories 36 MB of text beside 37 MB of HTML, which Astro serialises
 * after every change and every build parses back. The loader
 * (article-loader.ts) takes the text out of each rendered entry and keeps it
 * here, in `<cacheDir>/body-texts.bin`, under the story's id and the digest
 * of its file; the pages, in the same process, read it through
 * `bodyTextOf()`. A story whose text is missing here is rendered again, so a
 * lost or damaged file costs one full render and never a wrong text.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { framed, unframed } from '../build/framed-file';

export interface BodyText {
  /** The digest of the story's file when its text was made. */
  digest: string;
  text: string;
  words: number;
}

/** What precedes the texts in the file: per story, its id, file digest, word count and text length in bytes. */
type Header = [id: string, digest: string, words: number, bytes: number][];

const SHARED = Symbol.for('dispatch.bodyTexts');

/** The kept texts, or none when the file is missing or damaged. */
export function loadBodyTexts(file: string): Map<string, BodyText> {
  const texts = new Map<string, BodyText>();
  try {
    const { header, body } = unframed<Header>(readFileSync(file));
    let at = 0;
    for (const [id, digest, words, bytes] of header) texts.set(id, { digest, words, text: body.toString('utf8', at, (at += bytes)) });
    if (at !== body.length) throw new Error('the texts do not fill the file');
    return texts;
  } catch {
    return new Map();
  }
}

/** Keeps `texts` for the next build (written beside and renamed, so a stopped build leaves the last whole file). */
export function saveBodyTexts(file: string, texts: ReadonlyMap<string, BodyText>): void {
  const bodies = [...texts.values()].map((t) => Buffer.from(t.text));
  const header: Header = [...texts].map(([id, { digest, words }], i) => [id, digest, words, bodies[i]!.length]);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.next`, framed(header, bodies));
  renameSync(`${file}.next`, file);
}

/** Hands this build's texts to the pages, which run in the same process. */
export function shareBodyTexts(texts: ReadonlyMap<string, BodyText>): void {
  (globalThis as Record<symbol, unknown>)[SHARED] = texts;
}

/** A story's text as the loader kept it, if it was made from the file with this digest (the entry's). */
export function bodyTextOf(id: string, digest: string | number | undefined): BodyText | undefined {
  const kept = ((globalThis as Record<symbol, unknown>)[SHARED] as ReadonlyMap<string, BodyText> | undefined)?.get(id);
  return kept && kept.digest === String(digest) ? kept : undefined;
}
