/**
 * The importer: source files (agency pages, plain-text corpora) in, one
 * Markdown article per source out, checked against the site's own schema.
 * Plain TypeScript with no Astro imports, so the CLI (scripts/import.ts),
 * tests and benchmarks all call `importSources`.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'astro/zod';
import { articleIdFromPath } from '../content/article-file.ts';
import { articleFiles } from '../content/article-files.ts';
import { articleSchema } from '../content/article-schema.ts';
import { displayPath } from '../content/content-error.ts';
import { parseDateTime } from '../text/date.ts';
import { slugify } from '../text/slug.ts';
import { findSection, site } from '../../site.config.ts';
import { looksLikeAgencyPage, parseAgencyPage } from './agency-page.ts';
import { articleMarkdown, type ImportedFrontmatter } from './article-markdown.ts';
import { parsePlainText } from './plain-text.ts';
import { decodeSource } from './source-text.ts';
import type { SourceFormat, Story } from './story.ts';
import { CorpusCounts, englishWords, wordFrequencies } from './vocabulary.ts';
import { repairRunTogetherWords, type WordRepair } from './word-repair.ts';

export interface ImportOptions {
  /** Folder the articles are written to (created when missing). */
  out: string;
  /** Section for every article (id, name or alias); otherwise each source's folder name. */
  section?: string;
  /** Publication date for sources that carry none: `2005-01-01` or a date-time with zone. */
  date?: string;
  /** Overwrite existing article files whose content would change. */
  force?: boolean;
  /** Work out and report everything, write nothing. */
  dryRun?: boolean;
  /** Legacy encoding to read sources that are not UTF-8 with, such as `windows-1252`. */
  encoding?: string;
  /** Called as sources are read and articles written. */
  onProgress?: (progress: { phase: 'reading' | 'writing'; done: number; total: number }) => void;
}

export type ArticleStatus = 'written' | 'unchanged' | 'overwritten';

export interface ImportedArticle {
  /** The source file, as shown in messages. */
  source: string;
  format: SourceFormat;
  /** The article file written (or that would be, in a dry run). */
  file: string;
  id: string;
  title: string;
  status: ArticleStatus;
  repairs: WordRepair[];
  teasersDropped: number;
  /** What was left out of the source, and how the standfirst was chosen. */
  notes: string[];
  /** What an editor should look at. */
  warnings: string[];
  /** Set when the id the headline gives was taken: that id, and the source or file holding it. */
  renamed?: { from: string; holder: string };
}

export interface SkippedSource {
  source: string;
  reason: string;
}

export interface ImportReport {
  out: string;
  dryRun: boolean;
  /** Source files found, one article each unless skipped. */
  sources: number;
  articles: ImportedArticle[];
  skipped: SkippedSource[];
  /** Files inside input folders that are not sources (not `.txt`, READMEs, licences). */
  ignored: string[];
}

/** Bad options or inputs that stop the import before anything is read. */
export class ImportUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportUsageError';
  }
}

/** Longest article id the importer makes from a headline; longer ones are cut at a word. */
export const MAX_ID_LENGTH = 80;
const NOT_A_SOURCE_RE = /^(?:readme|licen[cs]e|copying|changelog|notice|authors)(?:\..*)?$/i;

/**
 * Imports source files and folders (searched recursively for `.txt` files)
 * into `options.out`. Sources are processed in path order, so the same inputs
 * always give the same files, byte for byte. Throws `ImportUsageError` for
 * bad options; every problem with a single source is reported and skips only
 * that source.
 */
export async function importSources(inputs: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const out = resolve(options.out);
  const section = options.section === undefined ? undefined : sectionOption(options.section);
  const date = options.date === undefined ? undefined : dateOption(options.date);
  if (options.encoding !== undefined) encodingOption(options.encoding);
  const { sources, ignored } = await findSources(inputs, out);
  const report: ImportReport = { out, dryRun: !!options.dryRun, sources: sources.length, articles: [], skipped: [], ignored };
  const progress = (phase: 'reading' | 'writing', done: number, total: number) => options.onProgress?.({ phase, done, total });

  // Read and parse every source first: word repair needs the whole corpus.
  const read: { path: string; source: string; story: Story; section: string; date: string; warnings: string[] }[] = [];
  const readOne = (path: string) => {
    const source = displayPath(path);
    const skip = (reason: string) => void report.skipped.push({ source, reason });
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      return skip(`could not be read: ${(error as Error).message}`);
    }
    const decoded = decodeSource(bytes, options.encoding);
    if (!decoded.ok) return skip(decoded.reason);
    const parsed = looksLikeAgencyPage(decoded.text) ? parseAgencyPage(decoded.text) : parsePlainText(decoded.text);
    if (!parsed.ok) return skip(parsed.reason);
    const folder = basename(dirname(path));
    const sectionId = section ?? findSection(folder)?.id;
    if (!sectionId) {
      return skip(`has no section: its folder "${folder}" is not a section; pass --section (sections: ${sectionList()})`);
    }
    if (!date) return skip('has no publication date: pass --date, such as --date 2025-05-18');
    read.push({ path, source, story: parsed.story, section: sectionId, date, warnings: decoded.warning ? [decoded.warning] : [] });
  };
  sources.forEach((path, i) => {
    readOne(path);
    if ((i + 1) % 50 === 0 || i + 1 === sources.length) progress('reading', i + 1, sources.length);
  });

  const corpus = new CorpusCounts();
  for (const { story } of read) storyTexts(story).forEach((t) => corpus.add(t));
  const vocabulary = { dictionary: englishWords(), frequency: wordFrequencies(), corpus };

  const taken = await existingIds(out);
  const claimed = new Map<string, string>();
  const schema = articleSchema(() => z.string());
  for (const [i, entry] of read.entries()) {
    if (i % 50 === 0) progress('writing', i, read.length);
    const { source, warnings } = entry;
    const { story, repairs } = repaired(entry.story, vocabulary);
    const wanted = articleId(story.title, entry.path);
    // An id already used in this run, or by an article elsewhere in the output
    // folder, gets the next free number.
    const holder = (candidate: string) => {
      const existing = taken.get(candidate);
      return claimed.get(candidate) ?? (existing !== undefined && existing !== join(out, `${candidate}.md`) ? displayPath(existing) : undefined);
    };
    let id = wanted;
    for (let n = 2; holder(id) !== undefined; n++) id = `${wanted}-${n}`;
    const renamed = id === wanted ? undefined : { from: wanted, holder: holder(wanted)! };
    claimed.set(id, source);
    const file = join(out, `${id}.md`);
    if (articleIdFromPath(file) !== id) throw new Error(`importer bug: ${file} would have the id ${articleIdFromPath(file)}, not ${id}`);

    const frontmatter: ImportedFrontmatter = {
      title: story.title,
      summary: story.summary,
      date: entry.date,
      section: entry.section,
      source: story.source,
      dateline: story.dateline,
    };
    const checked = schema.safeParse(frontmatter);
    if (!checked.success) {
      report.skipped.push({ source, reason: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      continue;
    }
    const [photo, ...morePhotos] = story.photos;
    if (photo) {
      warnings.push(
        `the page's photo has no image file, so the article has none; its caption and credit are kept, commented out, in the frontmatter: ${captionText(photo)}`,
      );
    }
    for (const other of morePhotos) warnings.push(`left out the caption of another photo with no image file: ${captionText(other)}`);
    const text = articleMarkdown(frontmatter, story.body, photo && { note: photo, imageFile: `${id}.jpg` });

    let status: ArticleStatus = 'written';
    if (existsSync(file)) {
      const same = readFileSync(file, 'utf8') === text;
      if (same) status = 'unchanged';
      else if (options.force) status = 'overwritten';
      else {
        report.skipped.push({ source, reason: `its article ${displayPath(file)} already exists with other content; pass --force to overwrite it` });
        continue;
      }
    }
    if (!options.dryRun && status !== 'unchanged') {
      mkdirSync(out, { recursive: true });
      writeFileSync(file, text);
    }
    report.articles.push({
      source,
      format: story.format,
      file: displayPath(file),
      id,
      title: story.title,
      status,
      repairs,
      teasersDropped: story.teasersDropped,
      notes: story.notes,
      warnings,
      renamed,
    });
  }
  progress('writing', read.length, read.length);
  report.skipped.sort((a, b) => compare(a.source, b.source));
  return report;
}

/** The source files an input list names, in path order, and the files in its folders that are not sources. */
async function findSources(inputs: readonly string[], out: string): Promise<{ sources: string[]; ignored: string[] }> {
  if (inputs.length === 0) throw new ImportUsageError('name at least one source file or folder to import');
  const sources = new Set<string>();
  const ignored: string[] = [];
  for (const input of inputs) {
    const path = resolve(input);
    if (!existsSync(path)) throw new ImportUsageError(`${input}: no such file or folder`);
    if (!statSync(path).isDirectory()) {
      sources.add(path);
      continue;
    }
    const files = await glob(['**/*'], { cwd: path, dot: true, absolute: true, onlyFiles: true });
    const realFolder = realpathSync(path);
    // A link leading out of the folder (a scraped corpus's notes.txt → ~/private.txt) is not a source of it.
    const inFolder = (file: string) => {
      try {
        return !relative(realFolder, realpathSync(file)).startsWith('..');
      } catch {
        return false;
      }
    };
    for (const file of files.map((f) => resolve(f))) {
      if (file === out || file.startsWith(out + sep)) continue;
      const name = basename(file);
      if (/\.txt$/i.test(name) && !NOT_A_SOURCE_RE.test(name) && !relative(path, file).split(sep).some((p) => p.startsWith('.')) && inFolder(file)) {
        sources.add(file);
      } else ignored.push(displayPath(file));
    }
  }
  return { sources: [...sources].sort(compare), ignored: ignored.sort(compare) };
}

/** Ids of the articles already in the output folder, with their files. */
async function existingIds(out: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!existsSync(out)) return ids;
  for (const rel of (await articleFiles(out)).sort(compare)) {
    const id = articleIdFromPath(rel);
    if (!ids.has(id)) ids.set(id, join(out, rel));
  }
  return ids;
}

/** The id a headline gives: its slug, cut at a word to at most MAX_ID_LENGTH characters. */
export function articleId(title: string, path: string): string {
  let id = slugify(title) || slugify(basename(path).replace(/\.[^.]*$/, ''));
  if (id.length > MAX_ID_LENGTH) {
    const cut = id.slice(0, MAX_ID_LENGTH + 1);
    id = cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, MAX_ID_LENGTH);
  }
  return id || 'article';
}

/** Every text of a story that words can be repaired in, in a fixed order. */
function storyTexts(story: Story): string[] {
  return [story.title, story.summary, ...story.photos.map((p) => p.caption), ...story.body];
}

/** The story with its run-together words repaired, and the repairs. */
function repaired(story: Story, vocabulary: Parameters<typeof repairRunTogetherWords>[1]): { story: Story; repairs: WordRepair[] } {
  const { paragraphs, repairs } = repairRunTogetherWords(storyTexts(story), vocabulary);
  const [title = '', summary = '', ...rest] = paragraphs;
  const captions = rest.slice(0, story.photos.length);
  return {
    story: {
      ...story,
      title,
      summary,
      photos: story.photos.map((p, i) => ({ ...p, caption: captions[i] ?? p.caption })),
      body: rest.slice(story.photos.length),
    },
    repairs,
  };
}

function captionText(photo: { caption: string; credit?: string }): string {
  return [photo.caption && `"${photo.caption}"`, photo.credit && `credit "${photo.credit}"`].filter(Boolean).join(', ');
}

function sectionList(): string {
  return site.sections.map((s) => s.id).join(', ');
}

function sectionOption(value: string): string {
  const found = findSection(value);
  if (!found) throw new ImportUsageError(`--section "${value}" is not a section; sections: ${sectionList()}`);
  return found.id;
}

/**
 * The publication date written for `--date`: a bare day is midnight UTC of
 * that day ("2005-01-01" → "2005-01-01T00:00:00+00:00"); a date-time with
 * its zone is kept as given.
 */
export function dateOption(value: string): string {
  const trimmed = value.trim();
  const full = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00+00:00` : trimmed;
  const parsed = parseDateTime(full);
  if (typeof parsed === 'string') {
    throw new ImportUsageError(`--date "${value}" is not a date (2025-05-18) or a date-time with zone (2025-05-18T09:30:00+07:00)`);
  }
  return full;
}

function encodingOption(label: string): void {
  try {
    new TextDecoder(label);
  } catch {
    throw new ImportUsageError(`--encoding "${label}" is not an encoding this Node.js can read; try windows-1252 or iso-8859-2`);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
