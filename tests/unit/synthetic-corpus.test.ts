import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawStory } from '../../bench/lib/bbc';
import { writeSyntheticCorpus } from '../../bench/lib/synthetic-corpus';
import { parseArticleFile } from '../../src/lib/content/article-file';

const stories: RawStory[] = ['rice', 'rain'].flatMap((category) =>
  [1, 2, 3].map((n) => ({
    category, file: `${category}/${n}.txt`, headline: `${category} story ${n}: "quoted" # not a comment`,
    paragraphs: [1, 2, 3].map((p) => `${category} paragraph ${n}.${p}`),
  })),
);

describe('writeSyntheticCorpus', () => {
  it('writes the asked number of valid articles, each made from one category only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syn-'));
    const labels = writeSyntheticCorpus(stories, dir, { count: 7, section: 'news' });
    expect(readdirSync(dir)).toHaveLength(7);
    for (const [id, category] of labels) {
      const parsed = parseArticleFile(id, readFileSync(join(dir, `${id}.md`)));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      expect(parsed.value.data.title).toMatch(new RegExp(`^${category} story`));
      const other = category === 'rice' ? 'rain' : 'rice';
      expect(parsed.value.body).not.toContain(other);
    }
  });

  it('gives the same corpus for the same seed', () => {
    const a = mkdtempSync(join(tmpdir(), 'syn-'));
    const b = mkdtempSync(join(tmpdir(), 'syn-'));
    writeSyntheticCorpus(stories, a, { count: 5, section: 'news', seed: 9 });
    writeSyntheticCorpus(stories, b, { count: 5, section: 'news', seed: 9 });
    for (const f of readdirSync(a)) expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
  });

  it('gives each story the section its category maps to, and the asked number of tags from its category', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syn-'));
    const labels = writeSyntheticCorpus(stories, dir, {
      count: 6, section: (category) => (category === 'rice' ? 'business' : 'environment'), tagsPerArticle: 2, tagPool: 3,
    });
    for (const [id, category] of labels) {
      const parsed = parseArticleFile(id, readFileSync(join(dir, `${id}.md`)));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      expect(parsed.value.data.section).toBe(category === 'rice' ? 'business' : 'environment');
      const tags = parsed.value.data.tags as string[];
      expect(new Set(tags).size).toBe(2);
      for (const tag of tags) expect(tag).toMatch(new RegExp(`^${category} [1-3]$`));
    }
  });
});
