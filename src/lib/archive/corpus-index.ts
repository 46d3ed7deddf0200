/**
 * The corpus index of a sliced archive build: every story's frontmatter and
 * body text read once, in plain TypeScript without Astro, through the site's
 * own content rules (article-file.ts, the schema, Sätteri's Markdown-tree
 * steps), and the corpus-wide parts computed once, exactly as a whole build
 * computes them (model/corpus.ts): which stories are published, the related
 * lists, the section neighbours, the sections in use. Slice builds read it
 * for their article pages; the index part reads it, with the body texts, for
 * everything else.
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { z } from 'astro/zod';
import { articleFiles } from '../content/article-files.ts';
import { duplicateIdProblems, eachConcurrently, parseArticleFile } from '../content/article-file.ts';
import { articleSchema } from '../content/article-schema.ts';
import { ContentError, displayPath, type ContentProblem } from '../content/content-error.ts';
import { pinProblems } from '../content/pins.ts';
import { markdownToText } from '../markdown/markdown-text.ts';
import type { Article } from '../model/article.ts';
import { byNewest, groupListings } from '../model/listings.ts';
import { sectionNeighbours } from '../model/neighbours.ts';
import { futureUpdateProblems, publish } from '../model/published.ts';
import { toRelatedInput } from '../model/related-input.ts';
import { toArticle } from '../model/to-article.ts';
import { computeRelated, type RelatedReason } from '../related/index.ts';
import type { BodyTextCache } from './text-cache.ts';
import { site } from '../../site.config.ts';

/** One published story in the corpus index. */
export interface IndexedStory {
  id: string;
  /** Publication date, ISO 8601. */
  date: string;
  /** Its "See more", in rank order. */
  related: [id: string, reason: RelatedReason][];
  /** Its older and newer story in its section. */
  older?: string;
  newer?: string;
}

export interface CorpusIndex {
  /** The build time every part uses (DISPATCH_NOW). */
  buildTime: string;
  /** Every published story, newest first. */
  stories: IndexedStory[];
  /** Ids of the sections with at least one published story, in configured order. */
  sections: string[];
  drafts: number;
  scheduled: number;
}

/**
 * Reads every article file under `contentDir` and computes the corpus index,
 * writing the published stories' body texts to `textsFile` (one JSON line
 * each: `[id, text]`). With `textCache`, a body met in the last run is not
 * turned into text again. Bad content stops it with every problem listed, as
 * the build's loader does.
 */
export async function buildCorpusIndex(contentDir: string, textsFile: string, now: Date, textCache?: BodyTextCache): Promise<CorpusIndex> {
  const root = resolve(contentDir);
  const files = (await articleFiles(root)).map((rel) => resolve(root, rel));
  const schema = articleSchema(() => z.string());
  const problems: ContentProblem[] = [];
  const all: Article[] = [];
  const readOne = async (abs: string) => {
    const file = displayPath(abs);
    const parsed = parseArticleFile(file, await fs.readFile(abs));
    if (!parsed.ok) return void problems.push(...parsed.problems);
    const { id, data, body } = parsed.value;
    const checked = schema.safeParse(data);
    if (!checked.success) return void problems.push(...checked.error.issues.flatMap((issue) => schemaProblem(file, issue)));
    if (body.length === 0) return void problems.push({ file, field: 'body', message: 'the article has no text below its frontmatter' });
    // The picture is a card's business (the slice builds'); the index needs none of it.
    const { image: _image, ...fields } = checked.data;
    all.push(toArticle({ id, data: fields, filePath: abs }, textCache ? textCache.text(body, markdownToText) : markdownToText(body)));
  };
  await eachConcurrently(files, readOne);
  textCache?.save();
  problems.push(...duplicateIdProblems(all.sort((a, b) => a.file.localeCompare(b.file))));
  const publication = publish(all, now, false);
  const articles = publication.published.sort(byNewest);
  problems.push(...pinProblems(articles, all), ...futureUpdateProblems(all, now));
  if (problems.length > 0) throw new ContentError(problems.sort((a, b) => a.file.localeCompare(b.file)));

  const texts = createWriteStream(textsFile);
  for (const a of articles) {
    if (!texts.write(`${JSON.stringify([a.id, a.text])}\n`)) await once(texts, 'drain');
  }
  texts.end();
  await once(texts, 'finish');

  const links = computeRelated(articles.map((article) => toRelatedInput(article)), site.related);
  const listings = groupListings(articles, site.timeZone);
  const neighbours = sectionNeighbours(listings.bySection);
  return {
    buildTime: now.toISOString(),
    stories: articles.map((a) => {
      const { older, newer } = neighbours.get(a.id) ?? {};
      return {
        id: a.id,
        date: a.date.toISOString(),
        related: (links.get(a.id) ?? []).map((link): [string, RelatedReason] => [link.id, link.reason]),
        ...(older && { older: older.id }),
        ...(newer && { newer: newer.id }),
      };
    }),
    sections: site.sections.filter((s) => listings.bySection.has(s.id)).map((s) => s.id),
    drafts: publication.drafts,
    scheduled: publication.scheduled,
  };
}

/** A schema issue as the build's loader words it: `field: message`. */
function schemaProblem(file: string, issue: z.core.$ZodIssue): ContentProblem[] {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ file, field: field ? `${field}.${key}` : key, message: 'unknown field; check its spelling' }));
  }
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return [{ file, ...(field && { field }), message: missing ? 'is required' : issue.message }];
}

/** The body texts the index step wrote, by id (read line by line: the file may be larger than one string can be). */
export async function readTexts(textsFile: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const lines = createInterface({ input: createReadStream(textsFile), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const [id, text] = JSON.parse(line) as [string, string];
    texts.set(id, text);
  }
  return texts;
}
