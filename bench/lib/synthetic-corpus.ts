/**
 * Synthetic corpora of any size for scale benchmarks, made deterministically
 * by recombining BBC paragraphs within a category: each synthetic story takes
 * its headline from one story and its paragraphs from several stories of the
 * same category, so topical structure (and the category label) is preserved.
 * Written to a temp folder as valid Dispatch articles; never committed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { RawStory } from './bbc';

export interface SyntheticOptions {
  /** Number of articles to write. */
  count: number;
  /** Section id for every article, or a function giving it from the story's category (the labels stay in the returned map). */
  section: string | ((category: string) => string);
  /** Tags per article (none by default), drawn from `tagPool` tags of its category. */
  tagsPerArticle?: number;
  tagPool?: number;
  /** Seed of the deterministic generator. */
  seed?: number;
  /** First publication time; article i is `spreadMinutes * i` minutes later. */
  start?: Date;
  spreadMinutes?: number;
}

/** Mulberry32: a tiny seeded PRNG, so the same options give the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Same escaping the importer uses: quoted YAML scalars, stable key order. */
function frontmatter(fields: Record<string, unknown>): string {
  return `---\n${stringify(fields, { lineWidth: 0 })}---\n`;
}

/** One synthetic story, before it is written as Markdown. */
export interface SyntheticStory {
  id: string;
  category: string;
  title: string;
  summary: string;
  date: Date;
  section: string;
  tags: string[];
  /** The body: paragraphs separated by blank lines. */
  body: string;
}

/**
 * The `count` synthetic stories of `options`, made one at a time (a 100k
 * corpus is never held as Markdown files when a benchmark only needs its text).
 */
export function* syntheticStories(stories: readonly RawStory[], options: SyntheticOptions): Generator<SyntheticStory> {
  const { count, section, seed = 1, start = new Date('2005-01-01T00:00:00Z'), spreadMinutes = 0, tagsPerArticle = 0, tagPool = 50 } = options;
  const random = seededRandom(seed);
  const byCategory = new Map<string, RawStory[]>();
  for (const s of stories) {
    const list = byCategory.get(s.category) ?? [];
    list.push(s);
    byCategory.set(s.category, list);
  }
  const categories = [...byCategory.keys()].sort();
  if (categories.length === 0) throw new Error('the corpus has no stories');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  for (let i = 0; i < count; i++) {
    const category = categories[i % categories.length]!;
    const pool = byCategory.get(category)!;
    const headline = pick(pool).headline;
    const paragraphs: string[] = [];
    const wanted = 4 + Math.floor(random() * 8);
    while (paragraphs.length < wanted) paragraphs.push(pick(pick(pool).paragraphs));
    // Some corpus paragraphs run to thousands of characters: a standfirst is a sentence or two.
    const lead = paragraphs[0]!;
    const summary = lead.length <= 400 ? lead : (/^.{40,400}?[.!?](?=\s)/.exec(lead)?.[0] ?? lead.slice(0, 400));
    const body = (summary === lead ? paragraphs.slice(1) : paragraphs).join('\n\n');
    const tags = new Set<string>();
    for (let t = 0; t < Math.min(tagsPerArticle, tagPool); ) {
      const tag = `${category} ${1 + Math.floor(random() * tagPool)}`;
      if (!tags.has(tag)) t++;
      tags.add(tag);
    }
    yield {
      id: `syn-${String(i).padStart(5, '0')}`, category, title: headline, summary,
      date: new Date(start.getTime() + spreadMinutes * 60_000 * i),
      section: typeof section === 'string' ? section : section(category),
      tags: [...tags], body,
    };
  }
}

/**
 * Writes `count` synthetic articles into `outDir` (emptied first) and returns
 * the category label of each article id.
 */
export function writeSyntheticCorpus(stories: readonly RawStory[], outDir: string, options: SyntheticOptions): Map<string, string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const labels = new Map<string, string>();
  for (const story of syntheticStories(stories, options)) {
    writeFileSync(
      join(outDir, `${story.id}.md`),
      frontmatter({
        title: story.title, summary: story.summary, date: story.date.toISOString().replace('.000Z', '+00:00'),
        section: story.section,
        ...(story.tags.length > 0 && { tags: story.tags }),
      }) + `${story.body}\n`,
    );
    labels.set(story.id, story.category);
  }
  return labels;
}
