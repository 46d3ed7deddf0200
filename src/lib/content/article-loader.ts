/**
 * The Content Layer loader for articles. It replaces Astro's `glob()` loader
 * because that one logs and skips unreadable files, lets a duplicate id
 * overwrite an earlier article, and parses YAML with dates coerced to UTC:
 * each of those would lose or change a story without stopping the build.
 * This loader reads every file itself, reports every problem with the file and
 * field named, and stores exactly one entry per file.
 */
import { existsSync, promises as fs, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { articleFiles, insideCheck } from './article-files.ts';
import { articleIdFromPath, duplicateIdProblems, eachConcurrently, parseArticleFile } from './article-file.ts';
import { archivePart, entryKinds } from '../archive/part.ts';
import { ContentError, displayPath, type ContentProblem } from './content-error.ts';
import { checkPhotoPath } from './image-file.ts';
import { BODY_CODE, KeptBodies, shareBodyTexts } from './body-texts.ts';
import { FileDigests } from './file-digests.ts';
import { sourceDigest } from '../build/step-cache.ts';
import { largeArchiveWarning, slicesAbove } from './large-archive.ts';
import { BODY_REMOVED_KEY, BODY_TEXT_KEY, BODY_WORDS_KEY, frontmatterBody } from '../markdown/body-text.ts';
import { PUNCTUATED_KEY, punctuatedLines } from './punctuated-lines.ts';
import { beginRelatedAhead } from '../model/related-ahead.ts';
import type { ArticleSource } from '../model/to-article.ts';

type RenderedEntry = Awaited<ReturnType<LoaderContext['renderMarkdown']>>;

/**
 * Problems Astro reports while validating an entry, as `file: field: message`.
 * Astro formats Zod issues as "**field**: message" lines and replaces type
 * errors with its own wording; this turns them back into plain sentences,
 * naming the type of the value in `data` (Astro says "object" for a list
 * and for a field left blank).
 */
function schemaProblems(file: string, error: unknown, data: Record<string, unknown>): ContentProblem[] {
  const message = error instanceof Error ? error.message : String(error);
  const problems = [...message.matchAll(/^\s*\*\*(.*?)\*\*: (.*)$/gm)].flatMap(([, field = '', text = '']) => {
    const plain = text.replace(/^\*\*[^*]*\*\*: /, '');
    const unknown = /^Unrecognized keys?: (.*)/.exec(plain);
    if (unknown) {
      return [...(unknown[1] ?? '').matchAll(/"([^"]*)"/g)].map(([, key]) => ({
        file, field: field ? `${field}.${key}` : key, message: 'unknown field; check its spelling',
      }));
    }
    const wrongType = /^Expected type `(.*?)`, received `(.*?)`/.exec(plain);
    const value = field.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), data);
    const received = value === null ? 'null' : Array.isArray(value) ? 'array' : unquote(wrongType?.[2]);
    return [{
      file,
      field: field || undefined,
      message: plain === 'Required' ? 'is required'
        : !wrongType ? plain
        : received === 'null' ? 'has no value; fill it in or remove the line'
        : `must be ${unquote(wrongType[1])}, not ${received}`,
    }];
  });
  return problems.length > 0 ? problems : [{ file, message: message.split('\n')[0] ?? message }];
}

const unquote = (s = '') => s.replace(/"/g, '');

/**
 * An image of the sanitised body loaded from another site (Markdown or raw
 * HTML): the sanitiser lets http(s) through, but the Content-Security-Policy
 * (img-src 'self') blocks it, so readers saw a broken image.
 */
const IMAGE_SRC_RE = /<img\b[^>]*?\ssrc="([^"]*)"/gi;

/**
 * Why an image left in the body's HTML as written (Astro publishes the body's
 * Markdown images, `![…](./p.jpg)`, and rewrites them) would show broken, or
 * undefined when the site serves it (a file of `publicDir`).
 */
function bodyImageProblem(src: string, publicDir: string): string | undefined {
  if (/^(https?:)?\/\//i.test(src)) {
    return `is on another site, and the site's security policy shows only its own images; save it beside the article and write ./its-name.jpg`;
  }
  if (!src.startsWith('/')) return `is written in HTML, and only Markdown images are published with the article; write it as ![what it shows](${src})`;
  const path = resolve(publicDir, `.${src.split(/[?#]/)[0] ?? ''}`);
  return existsSync(path) && statSync(path).isFile() ? undefined : `is not a file of the site (${displayPath(path)}); save it beside the article and write ./its-name.jpg`;
}

/** Whether body HTML shows nothing: no text and no image (only comments, or markup the sanitiser removed). */
const showsNothing = (html: string) => !/<img\b/i.test(html) && html.replace(/<[^>]*>/g, '').trim() === '';

/** Loads every `.md` or `.markdown` file under `base` (files and folders starting with `_` are ignored). */
export function articleLoader(base: string): Loader {
  return {
    name: 'dispatch-articles',
    load: (context) => postponingStoreSave(context.meta, () => loadArticles(base, context)),
  };
}

/**
 * Runs `load` with Astro's save of the content store held back until the
 * sync's end. Astro saves the store 500 ms after its last change, and the
 * sync's own marks (Astro's version, the config digests) come just before
 * the loader runs: reading 10,000 files takes longer, so the whole store
 * was serialised and compared with its file in the middle of the load (a
 * quarter of a second at 10,000 stories, on every build) and again at its
 * end. A mark of the loader's own, the same each time, set every 200 ms
 * moves that save on; the sync's end saves the store once.
 */
export async function postponingStoreSave<T>(meta: Pick<LoaderContext['meta'], 'set'>, load: () => Promise<T>): Promise<T> {
  const hold = () => meta.set('loader', 'dispatch-articles');
  hold();
  const timer = setInterval(hold, 200);
  try {
    return await load();
  } finally {
    clearInterval(timer);
  }
}

async function loadArticles(base: string, context: LoaderContext): Promise<void> {
  const { store, config, logger, parseData, generateDigest, renderMarkdown } = context;
  const root = resolve(base);
  if (!existsSync(root)) {
    throw new ContentError([{ file: root, message: 'content folder does not exist (set CONTENT_DIR to the folder holding your articles)' }]);
  }
  // A part of a sliced archive build reads only its stories (src/lib/archive/part.ts).
  const kindOf = entryKinds();
  const files = (await articleFiles(root)).filter((rel) => kindOf(articleIdFromPath(rel)) !== 'skip');
  const large = archivePart() ? undefined : largeArchiveWarning(files.length, slicesAbove(process.env.DISPATCH_SLICES_ABOVE));
  if (large) logger.warn(large);
  const projectRoot = fileURLToPath(config.root);
  const publicDir = fileURLToPath(config.publicDir);
  // The bodies, kept beside the store (body-texts.ts), while the code that renders them is the same.
  const code = sourceDigest(BODY_CODE);
  const kept = new KeptBodies(resolve(fileURLToPath(config.cacheDir), 'body-texts.bin'), code);
  const texts = kept.bodies;

  const problems: ContentProblem[] = [];
  type Read = { abs: string; id: string; digest: string; filePath: string; unchanged?: boolean; data?: Record<string, unknown>; body?: string };
  const parsed: Read[] = [];
  const realRoot = await fs.realpath(root);
  const leadsInside = insideCheck(realRoot);
  // The digests the last build took of the files, by their look (file-digests.ts).
  const digests = new FileDigests(resolve(fileURLToPath(config.cacheDir), 'file-digests.json'), code);
  const lookedAt = Date.now();
  await eachConcurrently(files, async (rel) => {
    const abs = resolve(root, rel);
    const stats = await fs.lstat(abs).catch(() => undefined);
    // A file that is a link (git keeps links) leading out of the folder is not the newsroom's to publish.
    if (!(await leadsInside(abs, stats))) {
      problems.push({ file: displayPath(abs), message: 'is a link to a file outside the content folder; copy the story into the folder instead' });
      return;
    }
    const id = articleIdFromPath(abs);
    // A story read as a card (no body) is stored apart from the same story read whole.
    const kind = kindOf(id) === 'card' ? 'card' : 'whole';
    // A link's own look says nothing of the file it leads to: it is read every time.
    const look = stats?.isFile() ? stats : undefined;
    const known = look && digests.digestOf(abs, look, kind);
    let bytes = known === undefined ? await fs.readFile(abs) : undefined;
    const digest = known ?? generateDigest(`${kind === 'card' ? 'card\n' : ''}${bytes!.toString('latin1')}`);
    if (look && bytes) digests.record(abs, look, kind, digest, lookedAt);
    const filePath = relative(projectRoot, abs).split(sep).join('/');
    const existing = store.get(id);
    // Unchanged since the last build, which read it without a problem: not parsed again
    // (rendered again, though, when its body is kept nowhere).
    const bodyKept = kind === 'card' || texts.get(id)?.digest === digest;
    if (existing && existing.digest === digest && existing.filePath === filePath && bodyKept && photosAsRead(existing)) {
      parsed.push({ abs, id, digest, filePath, unchanged: true });
      return;
    }
    bytes ??= await fs.readFile(abs);
    const result = parseArticleFile(displayPath(abs), bytes);
    if (!result.ok) {
      problems.push(...result.problems);
      return;
    }
    parsed.push({ abs, digest, filePath, ...result.value });
  });

  const duplicates = duplicateIdProblems(parsed.sort((a, b) => a.abs.localeCompare(b.abs)).map((e) => ({ id: e.id, file: displayPath(e.abs) })));
  problems.push(...duplicates);
  const articles = parsed.length - duplicates.length;

  const untouched = new Set(store.keys());
  await eachConcurrently(parsed, async ({ abs, id, digest, filePath, unchanged, data = {}, body = '' }) => {
    const file = displayPath(abs);
    untouched.delete(id);
    const card = kindOf(id) === 'card';
    const existing = store.get(id);
    if (unchanged && existing) {
      // Keep the stored entry. Storing it again (after removing it, or
      // set() would skip an unchanged digest) registers its images with
      // this build, as a new entry's are; an entry an older build stored
      // with its Markdown, its body text or its HTML is stored without them.
      const older = storedText(existing.rendered) !== undefined || Boolean(existing.rendered?.html);
      if (existing.assetImports?.length || existing.body !== undefined || older) {
        const { body: _markdown, ...entry } = existing;
        store.delete(id);
        store.set(withoutBody(entry));
      }
      return;
    }
    const imageProblems = await imageFileProblems(file, realRoot, dirname(abs), data);
    let parsedData: Record<string, unknown>;
    try {
      parsedData = await parseData({ id, data, filePath: abs });
    } catch (error) {
      problems.push(...schemaProblems(file, error, data), ...imageProblems);
      return;
    }
    if (imageProblems.length > 0) {
      problems.push(...imageProblems);
      return;
    }
    if (body.length === 0) {
      problems.push({ file, field: 'body', message: 'the article has no text below its frontmatter' });
      return;
    }
    if (card) {
      store.set({ id, data: parsedData, filePath, digest });
      return;
    }
    let rendered: RenderedEntry;
    try {
      rendered = await renderMarkdown(markdownWithFrontmatter(parsedData, body), { fileURL: pathToFileURL(abs) });
    } catch (error) {
      const reason = (error as Error).message;
      // Sätteri's limit of 128 levels, or the call stack of a step after it.
      const deep = error instanceof RangeError || /nests deeper/.test(reason);
      // An image's address is decoded as a URL: a bare % ("growth-5%.jpg") made "URI malformed".
      const percent = error instanceof URIError ? /!\[[^\]]*\]\(<?([^)>\s]*%(?![\da-f]{2})[^)>\s]*)/i.exec(body)?.[1] : undefined;
      problems.push({
        file,
        field: 'body',
        message: deep ? `nests lists, quotes or HTML elements too deeply to show (${reason}); flatten it`
          : percent ? `image ${percent} has a % that does not start an escape; write it as %25 (${percent.replace(/%(?![\da-f]{2})/gi, '%25')})`
          : `could not be rendered: ${reason}`,
      });
      return;
    }
    const localImages = (rendered.metadata?.localImagePaths as string[] | undefined) ?? [];
    for (const src of localImages) {
      // Already decoded (satteri decodeURI()s each address): decoding again threw on a %25.
      const problem = await checkPhotoPath(realRoot, dirname(abs), src);
      if (problem) problems.push({ file, field: 'body', message: `image ${src} ${problem}` });
    }
    for (const [, html = ''] of rendered.html.matchAll(IMAGE_SRC_RE)) {
      const src = html.replaceAll('&amp;', '&');
      const problem = bodyImageProblem(src, publicDir);
      if (problem) problems.push({ file, field: 'body', message: `image ${src} ${problem}` });
    }
    // An address the sanitiser removes (data:, javascript:) leaves an image with nothing to show
    // (a Markdown photo of the article's folder carries Astro's placeholder until the page resolves it).
    if (/<img\b(?![^>]*\s(?:src|__ASTRO_IMAGE_)=)[^>]*>/i.test(rendered.html)) {
      problems.push({ file, field: 'body', message: 'an image has an address the site does not publish (a data: or script address); save the picture beside the article and write ![what it shows](./its-name.jpg)' });
    }
    // Published without what the site does not publish, and said so: nothing leaves a story unannounced.
    const removed = rendered.metadata?.frontmatter?.[BODY_REMOVED_KEY];
    if (Array.isArray(removed) && removed.length > 0) logger.warn(`${file}: body: left out, as the site publishes no embeds, scripts or forms: ${removed.join(', ')}`);
    if (showsNothing(rendered.html)) {
      problems.push({ file, field: 'body', message: 'shows nothing to a reader (only HTML comments or markup the site removes); write the story below the frontmatter' });
      return;
    }
    // The body, as text and as HTML, goes beside the store, not into it (body-texts.ts).
    const made = storedText(rendered);
    if (!made) throw new Error(`${file}: the rendered body carries no text (is bodyTextPlugin in the Markdown processor?)`);
    kept.set(id, { digest, ...made, html: rendered.html });
    // No `body`: nothing reads the Markdown back, and every build would
    // write it into the store and read it out again (README, "Publishing fast").
    // Rendered again with the same digest (its body was not kept): set() would keep the old entry.
    if (existing?.digest === digest) store.delete(id);
    const hero = (data.image as Record<string, unknown> | undefined)?.src;
    const photos = [...(typeof hero === 'string' ? [hero] : []), ...localImages].map((src) => resolve(dirname(abs), src));
    store.set(withoutBody({
      id,
      data: parsedData,
      filePath,
      digest,
      rendered: {
        ...rendered,
        metadata: { ...rendered.metadata, [PHOTOS_KEY]: { paths: photos, stamp: photoStamp(photos) }, [PUNCTUATED_KEY]: punctuatedLines(parsedData as Parameters<typeof punctuatedLines>[0]) },
      },
      assetImports: rendered.metadata?.imagePaths,
    }));
  });

  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file));
    throw new ContentError(problems);
  }
  untouched.forEach((id) => store.delete(id));
  for (const id of texts.keys()) if (!store.has(id)) kept.delete(id);
  kept.save();
  digests.save();
  shareBodyTexts(texts);
  if (store.keys().length !== articles) {
    throw new Error(`article loader stored ${store.keys().length} entries for ${articles} files`);
  }
  // A build's "See more" lists, begun now beside the rest of the build (src/lib/model/related-ahead.ts).
  beginRelatedAhead(store.values() as unknown as ArticleSource[], kept);
  logger.info(`${articles} articles read from ${displayPath(root)}`);
}

type StoredEntry = NonNullable<ReturnType<LoaderContext['store']['get']>>;

/** Where a stored entry keeps the photos it shows (files) and their stamp when it was read. */
const PHOTOS_KEY = 'dispatchPhotos';

/** The photos' sizes and times of change, or "missing". */
function photoStamp(paths: readonly string[]): string {
  return paths.map((path) => {
    try {
      const { size, mtimeMs } = statSync(path);
      return `${size}:${mtimeMs}`;
    } catch {
      return 'missing';
    }
  }).join('|');
}

/**
 * Whether the photos an unchanged story shows are as they were when it was
 * read: one deleted or replaced since (the article's file untouched) made
 * the next build stop with Astro's "ImageNotFound" and a stack trace naming
 * no article; such a story is read and checked again instead.
 */
function photosAsRead(entry: StoredEntry): boolean {
  const photos = entry.rendered?.metadata?.[PHOTOS_KEY] as { paths: string[]; stamp: string } | undefined;
  return !photos || photoStamp(photos.paths) === photos.stamp;
}

/** The body text the Markdown step left in a rendered entry's frontmatter (where an older build stored it too). */
const storedText = (rendered: StoredEntry['rendered']) => frontmatterBody(rendered?.metadata?.frontmatter);

/** The entry with its body's HTML and its frontmatter's body text taken out (both are kept beside the store). */
function withoutBody(entry: StoredEntry): StoredEntry {
  const { rendered } = entry;
  if (!rendered) return entry;
  const { [BODY_TEXT_KEY]: _text, [BODY_WORDS_KEY]: _words, [BODY_REMOVED_KEY]: _removed, ...frontmatter } = (rendered.metadata?.frontmatter ?? {}) as Record<string, unknown>;
  return { ...entry, rendered: { ...rendered, html: '', ...(rendered.metadata && { metadata: { ...rendered.metadata, frontmatter } }) } };
}

/**
 * renderMarkdown() reads the frontmatter plugins see (rehype-dateline's
 * dateline and source) from the text it renders; the fields are written as
 * JSON, which is YAML, from the already validated data.
 */
function markdownWithFrontmatter(data: Record<string, unknown>, body: string): string {
  const { dateline, source } = data;
  return `---\n${JSON.stringify({ dateline, source })}\n---\n${body}`;
}

/** The hero image named in frontmatter must exist and be a real image. */
async function imageFileProblems(file: string, realRoot: string, dir: string, data: Record<string, unknown>): Promise<ContentProblem[]> {
  const image = data.image;
  if (!image || typeof image !== 'object' || Array.isArray(image)) return [];
  const src = (image as Record<string, unknown>).src;
  if (typeof src !== 'string') return [];
  const problem = await checkPhotoPath(realRoot, dir, src);
  return problem ? [{ file, field: 'image.src', message: `${src} ${problem}` }] : [];
}
