/**
 * Reading one article file from disk, before any schema: bytes to text,
 * frontmatter to data, path to id. Everything here fails with the file named,
 * because Astro's own reader would replace bad bytes, expand YAML aliases
 * without limit and turn dates into UTC silently.
 */
import { basename, dirname } from 'node:path';
import { parseDocument } from 'yaml';
import type { ContentProblem } from './content-error.ts';
import { slugify } from '../text/slug.ts';

export interface ArticleFile {
  id: string;
  data: Record<string, unknown>;
  body: string;
}

const FRONTMATTER_RE = /^---[ \t]*\n([\s\S]*?)\n?^---[ \t]*(?:\n|$)/m;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Characters XML forbids (control characters but tab and line breaks, U+FFFE,
 * U+FFFF), pasted unseen from word processors: one in a headline made every
 * feed carrying the story unreadable.
 */
const CONTROL_RE = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/**
 * Direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
 * a field is printed inside other text, so one left open reverses what follows
 * it ("By An\u202E and Bình" showed "By An hnìB dna", the tab's title "hctapsiD –").
 * Right-to-left text needs none of them.
 */
export const DIRECTION_CONTROLS = '\u202A-\u202E\u2066-\u2069';
const DIRECTION_RE = new RegExp(`[${DIRECTION_CONTROLS}]`);

/** The first text in frontmatter `value` holding a character `re` finds: its field and the character. */
function controlCharacter(value: unknown, field: string, re: RegExp): { field: string; char: string } | undefined {
  if (typeof value === 'string') {
    const char = re.exec(value)?.[0];
    return char === undefined ? undefined : { field, char };
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = controlCharacter(item, field ? `${field}.${key}` : key, re);
    if (found) return found;
  }
  return undefined;
}

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const invisible = (char: string) => `holds an invisible control character (${codePoint(char)}); delete it`;

/** The article id a file path gives: the file name, or the folder name for `index.md`. */
export function articleIdFromPath(relativePath: string): string {
  const name = basename(relativePath).replace(/\.(md|markdown)$/i, '');
  const stem = name.toLowerCase() === 'index' ? basename(dirname(relativePath)) : name;
  return slugify(stem);
}

/**
 * Parses the raw bytes of an article file into frontmatter data and body.
 * Returns the problems instead when the file cannot be read as an article.
 */
export function parseArticleFile(
  file: string,
  bytes: Uint8Array,
): { ok: true; value: ArticleFile } | { ok: false; problems: ContentProblem[] } {
  const fail = (message: string, field?: string) => ({ ok: false as const, problems: [{ file, field, message }] });
  const id = articleIdFromPath(file);
  if (id === '') return fail('the file name gives an empty article id; use letters or digits in the name');

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail('is not valid UTF-8 text; save it as UTF-8');
  }
  // A byte-order mark and Windows line endings are harmless: accept them.
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  const match = FRONTMATTER_RE.exec(text);
  if (!match || match.index !== 0) {
    return fail(/^---[ \t]*\n/.test(text)
      ? 'frontmatter has no closing `---` line; end the fields with a line holding only `---`'
      : 'has no frontmatter; an article starts with a `---` line, its fields, and another `---` line');
  }
  const frontmatter = match[1] ?? '';
  // The file's line of a place in the frontmatter: +2, one for counting from 1, one for the opening `---` line.
  const lineOf = (pos: number) => frontmatter.slice(0, pos).split('\n').length + 1;
  const doc = parseDocument(frontmatter, { uniqueKeys: true, prettyErrors: false, schema: 'core' });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return fail(`frontmatter is not valid YAML (line ${lineOf(e.pos[0])} of the file): ${e.message.split('\n')[0]}`);
  }
  // A tag the YAML reader does not know (`!shout Loud`) was dropped, keeping the text after it.
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    const tag = /Unresolved tag: (\S+)/.exec(unknownTag.message)?.[1]?.replace(/^tag:yaml\.org,2002:/, '!!') ?? 'tag';
    return fail(`frontmatter uses the YAML tag ${tag} (line ${lineOf(unknownTag.pos[0])} of the file), which the site does not read; write the value without it`);
  }
  let data: unknown;
  try {
    // A small alias budget stops "billion laughs" documents before they expand.
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return fail(`frontmatter could not be read: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail('frontmatter must be a list of `field: value` lines');
  }
  const control = controlCharacter(data, '', CONTROL_RE);
  if (control) return fail(invisible(control.char), control.field);
  const direction = controlCharacter(data, '', DIRECTION_RE);
  if (direction) return fail(`holds an invisible direction control (${codePoint(direction.char)}) that reverses the text after it; delete it`, direction.field);
  const inBody = CONTROL_RE.exec(text.slice(match[0].length));
  if (inBody) {
    const line = text.slice(0, match[0].length + inBody.index).split('\n').length;
    return fail(`line ${line} ${invisible(inBody[0])}`, 'body');
  }
  const body = text.slice(match[0].length).trim();
  return { ok: true, value: { id, data: data as Record<string, unknown>, body } };
}

/** Files read at once: enough to keep the disk busy, few enough to hold little. */
const CONCURRENCY = 16;

/** Runs `worker` over `items`, a few at a time. */
export async function eachConcurrently<T>(items: readonly T[], worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
    while (next < items.length) await worker(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * One problem for each file whose article id an earlier file (in the order
 * given, by path) already has: the id names the page, so two files with one
 * id would lose a story.
 */
export function duplicateIdProblems(files: readonly { id: string; file: string }[]): ContentProblem[] {
  const first = new Map<string, string>();
  return files.flatMap(({ id, file }) => {
    const other = first.get(id);
    if (other === undefined) {
      first.set(id, file);
      return [];
    }
    return [{ file, message: `has the same article id "${id}" as ${other}; rename one of the two files` }];
  });
}
