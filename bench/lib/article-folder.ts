/**
 * Reading a folder of Dispatch article files (an import, a synthetic corpus)
 * as the related engine's input, without Astro: the same file reader as the
 * site's loader, and the body turned into plain text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArticleFile } from '../../src/lib/content/article-file';
import type { RelatedInput } from '../../src/lib/related/index';
import { markdownToText } from '../../src/lib/markdown/markdown-text';

export interface FolderArticle extends RelatedInput {
  /** Path relative to the folder. */
  file: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !f.split(/[/\\]/).some((part) => part.startsWith('_') || part.startsWith('.')))
    .sort();
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Every article under `dir`, in path order; a file that cannot be read stops with its name. */
export function readArticleFolder(dir: string): FolderArticle[] {
  return markdownFiles(dir).map((file) => {
    const parsed = parseArticleFile(file, readFileSync(join(dir, file)));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${join(dir, p.file)}: ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n'));
    const { id, data, body } = parsed.value;
    const date = new Date(data.date instanceof Date ? data.date : text(data.date));
    if (Number.isNaN(date.getTime())) throw new Error(`${join(dir, file)}: date: not a date`);
    return {
      file: relative(dir, join(dir, file)),
      id,
      title: text(data.title),
      summary: text(data.summary),
      text: markdownToText(body),
      section: text(data.section),
      tags: list(data.tags),
      date,
      pinned: list(data.related),
    };
  });
}
