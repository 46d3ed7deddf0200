/**
 * Each story's body as rendered, HTML and plain text with its word count,
 * kept beside Astro's content store instead of inside it (README:
 * "Publishing fast").
 *
 * The Markdown step that renders a body also makes its text
 * (src/lib/markdown/body-text.ts), and the related engine, the search index
 * and the reading time read it. In Astro's store the bodies were nearly all
 * of it: at 10,000 stories 36 MB of text and 37 MB of HTML, which Astro
 * serialises (devalue) after every change, compares with the file it wrote
 * last, and every build parses back, twice. The loader (article-loader.ts)
 * takes both out of each rendered entry and keeps them here, in
 * `<cacheDir>/body-texts.bin`, under the story's id and the digest of its
 * file; the pages, in the same process, read them through `bodyTextOf()`.
 * A build reads each record's header, and a body's text or HTML only when
 * it is asked for (`keptBody`).
 * The file is a log: a build appends the bodies it rendered (and a mark for
 * each story gone), and writes the file afresh only when it holds more than
 * twice as many records as stories, so an edit adds one story's bytes
 * instead of writing the whole archive's 75 MB again (0.9 s at 10,000).
 * A story whose body is missing here is rendered again, so a lost or
 * damaged file (or one an older build wrote, without the HTML) costs one
 * full render and never a wrong page. The file opens with a digest of the
 * code that renders bodies (the Markdown steps, the lockfile): bodies that
 * other code rendered are not kept, so a change to those steps reaches every
 * story, not only the stories edited after it.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bytesAt } from '../build/framed-file.ts';

/**
 * The code a body's HTML and text are made by (the Markdown steps, the word
 * scanner) and a story is checked by (the file rules, the schema, the photo
 * checks): what it made is kept only while it is the same. A story whose body
 * is not kept is read and checked again, so a new content rule reaches the
 * stories already published, not only those edited after it.
 */
export const BODY_CODE = ['src/lib/markdown', 'src/lib/text', 'src/lib/content'];

export interface BodyText {
  /** The digest of the story's file when its body was rendered. */
  digest: string;
  text: string;
  words: number;
  /** The body as Astro's Markdown rendering left it (image references still to resolve, as in the store). */
  html: string;
  /**
   * A digest of `html`, made once when the body is rendered: an article
   * page's key (model/digests.ts) takes it instead of hashing all 10,000
   * bodies' HTML again on every build.
   */
  htmlDigest: string;
  /**
   * A digest of `text`, made once when the body is rendered: the search
   * index's and the related lists' keys take it instead of hashing all
   * 10,000 bodies' text again on every build (two threads did, three times).
   */
  textDigest: string;
}

/**
 * The digest of a body's text or HTML, as a string or its UTF-8 bytes
 * (`BodyText.textDigest` and `htmlDigest`, `Article.textDigest`).
 */
export function textDigest(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * A record's header, after its length (four bytes, little-endian) and before
 * its text and HTML: a story gone has the empty digest and no bytes; the
 * file's first record, with the empty id, has the code's digest.
 */
type Header = [id: string, digest: string, words: number, textBytes: number, htmlBytes: number, htmlDigest: string, textDigest: string];

function record(id: string, body: Pick<BodyText, 'digest'> & Partial<BodyText> | undefined): Buffer {
  const text = Buffer.from(body?.text ?? '');
  const html = Buffer.from(body?.html ?? '');
  const header = Buffer.from(JSON.stringify([id, body?.digest ?? '', body?.words ?? 0, text.length, html.length, body?.htmlDigest ?? '', body?.textDigest ?? ''] satisfies Header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([length, header, text, html]);
}

/**
 * `record`'s own fields but `left`, which are left unread: naming a field to
 * leave it out (a rest pattern) reads it, and a kept body's text, read from
 * its file when asked for, must not be read only to be dropped.
 */
export function fieldsBut<T extends object>(record: T, ...left: (keyof T)[]): Partial<T> {
  return Object.fromEntries(Object.keys(record).filter((key) => !left.includes(key as keyof T)).map((key) => [key, record[key as keyof T]])) as Partial<T>;
}

/**
 * The `bytes` bytes of `file` from `start` as text, checked against `digest`
 * (`textDigest`): throws, naming `what`, when they are cut short or are not
 * the ones kept (the file changed under the build).
 */
export function readKeptText(file: string, start: number, bytes: number, digest: string, what: string): string {
  const data = bytesAt(file, start, bytes);
  if (!data) throw new Error(`${what} is cut short in ${file}`);
  if (textDigest(data) !== digest) throw new Error(`${what} in ${file} is not the one kept (changed or damaged since): build again with --force`);
  return data.toString('utf8');
}

/** Where a kept body's text is: its file, its first byte and its length in bytes. */
export type TextPlace = readonly [file: string, start: number, bytes: number];

const places = new WeakMap<object, TextPlace>();

/**
 * Where `body`'s text is in the file it was kept in, when it is read from
 * there: a worker thread can then read it itself (readKeptText), where
 * sending it would read it here first.
 */
export function textPlaceOf(body: object): TextPlace | undefined {
  return places.get(body);
}

/**
 * Gives `record` the property `name`: the text at `place`, after `before`,
 * read when first asked for and checked against `digest` (`what` names it
 * in the error when it is not the one kept). A worker thread that is sent a
 * story's text's place reads only the texts it needs, as the build does.
 */
export function keptTextProperty<T extends object>(record: T, name: string, [file, start, bytes]: TextPlace, digest: string, what: string, before = ''): T {
  let text: string | undefined;
  return Object.defineProperty(record, name, { enumerable: true, get: () => (text ??= before + readKeptText(file, start, bytes, digest, what)) });
}

/**
 * A body of the file, its text and HTML read from the file when first asked
 * for: a publish needs the texts of the few stories whose search records
 * change and the HTML of the pages rendered again (the keys take the
 * digests), and reading the whole 75 MB file, and decoding its 36 MB of text,
 * took half a second of every build at 10,000 stories, before the related
 * lists could begin.
 */
function keptBody(id: string, body: Omit<BodyText, 'text' | 'html'>, file: string, textStart: number, textBytes: number, htmlBytes: number): BodyText {
  const place: TextPlace = [file, textStart, textBytes];
  places.set(body, place);
  keptTextProperty(body, 'text', place, body.textDigest, `${id}: its body's text`);
  return keptTextProperty(body, 'html', [file, textStart + textBytes, htmlBytes], body.htmlDigest, `${id}: its body's HTML`) as BodyText;
}

/** The bodies kept for the next build: read from the log at `file`, changed here, appended by `save()`. */
export class KeptBodies {
  readonly bodies = new Map<string, BodyText>();
  /** Where each body's text is in the file (its first byte, its length in bytes), as read or as `save()` wrote it. */
  readonly #textAt = new Map<string, [start: number, bytes: number]>();
  /** Records in the file, and whether it was read to its end (else it is written afresh). */
  #records = 0;
  #whole = true;
  #changed = new Set<string>();

  /**
   * `code`: a digest of the code that renders bodies; a file another code
   * wrote keeps nothing. Without it (reading the file), any file's bodies.
   */
  readonly file: string;
  readonly code?: string;

  constructor(file: string, code?: string) {
    this.file = file;
    this.code = code;
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      this.#whole = false;
      return;
    }
    let coded = false;
    try {
      // Each record's header is read where it starts; its text and HTML are left in the file (keptBody).
      const size = fstatSync(fd).size;
      // One read a record, of its length and (mostly) its whole header.
      let head = Buffer.alloc(1024);
      const read = (at: number, bytes: number) => {
        if (head.length < bytes) head = Buffer.alloc(bytes);
        return readSync(fd, head, 0, bytes, at) === bytes;
      };
      for (let at = 0; at < size; ) {
        // A record cut short at the end (a build stopped while appending): the records before it hold.
        if (at + 4 > size || !read(at, Math.min(head.length, size - at)) || at + 4 + head.readUInt32LE(0) > size) {
          this.#whole = false;
          break;
        }
        const end = at + 4 + head.readUInt32LE(0);
        if (end - at > head.length && !read(at, end - at)) throw new Error('cut short');
        const header = JSON.parse(head.toString('utf8', 4, end - at)) as unknown;
        if (!Array.isArray(header) || header.length !== 7) throw new Error('not a record');
        const [id, digest, words, textBytes, htmlBytes, htmlDigest, textDigest] = header as Header;
        const first = at === 0;
        at = end + textBytes + htmlBytes;
        if (first && code !== undefined && (id !== '' || digest !== code)) throw new Error('rendered by other code');
        if (id === '') {
          coded = true;
          continue;
        }
        if (at > size) {
          this.#whole = false;
          break;
        }
        this.#records++;
        if (digest === '') this.bodies.delete(id);
        else {
          this.bodies.set(id, keptBody(id, { digest, words, htmlDigest, textDigest }, file, end, textBytes, htmlBytes));
          this.#textAt.set(id, [end, textBytes]);
        }
      }
    } catch {
      // Damaged, of an older layout or by other code: nothing is kept, and every story is rendered again.
      this.bodies.clear();
      this.#whole = false;
    } finally {
      closeSync(fd);
    }
    // A file without the code's record (an empty one) is written afresh, with it, on the next save.
    if (code !== undefined && !coded) this.#whole = false;
  }

  /** Keeps a body just rendered (the digests of its HTML and text made here). */
  set(id: string, body: Omit<BodyText, 'htmlDigest' | 'textDigest'>): void {
    this.bodies.set(id, { ...body, htmlDigest: textDigest(body.html), textDigest: textDigest(body.text) });
    this.#changed.add(id);
  }

  delete(id: string): void {
    if (this.bodies.delete(id)) this.#changed.add(id);
  }

  /**
   * Where the text of the body kept for `id` is in the file, once saved, when
   * it is the text with the digest `digest`: a reader of the file (the
   * related engine's thread) takes only the texts it needs from there.
   */
  textAt(id: string, digest: string): readonly [start: number, bytes: number] | undefined {
    return this.#changed.has(id) || this.bodies.get(id)?.textDigest !== digest ? undefined : this.#textAt.get(id);
  }

  /** Appends what changed, or writes the file afresh (beside, then renamed) when it is damaged or mostly old records. */
  save(): void {
    if (this.#changed.size === 0 && this.#whole) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const append = this.#whole && this.#records + this.#changed.size <= 2 * this.bodies.size + 100;
    const ids = append ? [...this.#changed] : ['', ...this.bodies.keys()];
    const records = ids.map((id) => (id === '' ? record('', { digest: this.code ?? '' }) : record(id, this.bodies.get(id))));
    let at = append ? statSync(this.file).size : 0;
    ids.forEach((id, i) => {
      const body = this.bodies.get(id);
      if (!body) this.#textAt.delete(id);
      else this.#textAt.set(id, [at + 4 + records[i]!.readUInt32LE(0), Buffer.byteLength(body.text)]);
      at += records[i]!.length;
    });
    if (append) {
      appendFileSync(this.file, Buffer.concat(records));
      this.#records += this.#changed.size;
    } else {
      writeFileSync(`${this.file}.next`, Buffer.concat(records));
      renameSync(`${this.file}.next`, this.file);
      this.#records = this.bodies.size;
      this.#whole = true;
    }
    this.#changed.clear();
  }
}

/** The bodies kept in `file` (none when it is missing or damaged). */
export function loadBodyTexts(file: string): Map<string, BodyText> {
  return new KeptBodies(file).bodies;
}

const SHARED = Symbol.for('dispatch.bodyTexts');

/** Hands this build's bodies to the pages, which run in the same process. */
export function shareBodyTexts(texts: ReadonlyMap<string, BodyText>): void {
  (globalThis as Record<symbol, unknown>)[SHARED] = texts;
}

/** A story's body as the loader kept it, if it was rendered from the file with this digest (the entry's). */
export function bodyTextOf(id: string, digest: string | number | undefined): BodyText | undefined {
  const kept = ((globalThis as Record<symbol, unknown>)[SHARED] as ReadonlyMap<string, BodyText> | undefined)?.get(id);
  return kept && kept.digest === String(digest) ? kept : undefined;
}
