/**
 * `npm run new -- "Headline" --section <section> [--content <dir>]`
 *
 * Writes a new article, `<content>/articles/<slug>/index.md`, with today's
 * date in the site's time zone and every field stubbed (optional ones
 * commented out). It is a draft (`draft: true`), so it is never published by
 * accident: `npm run dev` shows it; delete the line or set it to false to
 * publish. Refuses an unknown section (listing the known ones) and a slug
 * that an existing article already has.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { stringify } from 'yaml';
import { articleIdFromPath } from '../src/lib/content/article-file';
import { formatZonedDateTime } from '../src/lib/text/date';
import { slugify } from '../src/lib/text/slug';
import { findSection, site } from '../src/site.config';

const USAGE = 'usage: npm run new -- "Headline" --section <section> [--content <dir>]';
// Long headlines make unwieldy URLs; the id is cut at a word boundary.
const MAX_SLUG = 80;

export class ScaffoldError extends Error {}

export interface ScaffoldOptions {
  headline: string;
  section: string;
  /** Content folder (default: the site's content folder). */
  contentDir: string;
  now: Date;
}

function shortSlug(headline: string): string {
  const slug = slugify(headline);
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_SLUG);
}

/** The text of a new draft article. */
export function draftArticle(headline: string, sectionId: string, now: Date): string {
  const yamlText = (value: string) => stringify(value, { lineWidth: 0 }).trim();
  const date = formatZonedDateTime(now, site.timeZone);
  return `---
title: ${yamlText(headline.trim())}
summary: Write the standfirst here, one or two sentences that say what happened. It is shown under the headline, in listings and in search.
date: ${date}
# updated: ${date}  # when you revise the story after publishing
section: ${sectionId}
tags: []  # e.g. [Hà Nội, Transport]
authors: []  # the byline, e.g. [Trần Minh Châu]
# source: VNA  # the agency
# dateline: Hà Nội  # where the story was filed from
# image:  # put the photo next to this file
#   src: ./hero.jpg
#   alt: What the photo shows, for readers who cannot see it
#   caption: The caption printed under the photo
#   credit: VNA
# related: []  # ids of stories to pin at the top of "See more"
draft: true  # not published until you set this to false or delete the line
---
Write the story here. The first paragraph opens with the dateline when one is set.
`;
}

/** Writes the new article and returns its path; throws ScaffoldError on bad input. */
export async function scaffoldArticle({ headline, section, contentDir, now }: ScaffoldOptions): Promise<string> {
  if (headline.trim() === '') throw new ScaffoldError(`the headline is empty\n${USAGE}`);
  const found = findSection(section);
  if (!found) {
    throw new ScaffoldError(`unknown section "${section}"; known sections: ${site.sections.map((s) => s.id).join(', ')}`);
  }
  const slug = shortSlug(headline);
  if (slug === '') throw new ScaffoldError('the headline gives an empty article id; use letters or digits in it');
  const existing = (await glob(['**/*.md', '!**/node_modules/**'], { cwd: contentDir })).find(
    (file) => articleIdFromPath(file) === slug,
  );
  if (existing) {
    throw new ScaffoldError(`an article with the id "${slug}" already exists: ${join(contentDir, existing)}; choose another headline`);
  }
  const dir = join(contentDir, 'articles', slug);
  if (existsSync(dir)) throw new ScaffoldError(`the folder ${dir} already exists; choose another headline`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.md');
  writeFileSync(file, draftArticle(headline, found.id, now), { flag: 'wx' });
  return file;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { section: { type: 'string', short: 's' }, content: { type: 'string' } },
  });
  const headline = positionals.join(' ');
  if (!values.section || headline.trim() === '') throw new ScaffoldError(USAGE);
  const contentDir = values.content ? resolve(values.content) : site.contentDir;
  const now = new Date(process.env.DISPATCH_NOW ?? Date.now());
  const file = await scaffoldArticle({ headline, section: values.section, contentDir, now });
  const shown = relative(process.cwd(), file);
  console.log(`Wrote ${shown.startsWith('..') ? file : shown}`);
  console.log('It is a draft (draft: true): `npm run dev` shows it; set draft to false to publish it.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof ScaffoldError ? `new article: ${error.message}` : error);
    process.exit(1);
  });
}
