import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { articlesDir, drawScene, scenes } from '../../scripts/draw-hero-images';
import { parseArticleFile } from '../../src/lib/content/article-file';

interface SampleArticle {
  slug: string;
  data: Record<string, unknown>;
}

const samples: SampleArticle[] = readdirSync(articlesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const file = join(articlesDir, d.name, 'index.md');
    const parsed = parseArticleFile(file, readFileSync(file));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    return { slug: d.name, data: parsed.value.data };
  });
const illustrated = samples.filter((a) => a.data.image !== undefined).map((a) => a.slug).sort();

describe('the sample newsroom', () => {
  it('has at least 34 stories across at least 6 sections', () => {
    expect(samples.length).toBeGreaterThanOrEqual(34);
    expect(new Set(samples.map((a) => a.data.section)).size).toBeGreaterThanOrEqual(6);
  });

  it('pins only stories that are in the sample', () => {
    const slugs = new Set(samples.map((a) => a.slug));
    const pins = samples.flatMap((a) => (a.data.related as string[] | undefined) ?? []);
    expect(pins.length).toBeGreaterThan(0);
    expect(pins.filter((pin) => !slugs.has(pin))).toEqual([]);
  });

  it('gives every tag page more than one story for most tags', () => {
    const counts = new Map<string, number>();
    for (const a of samples) for (const tag of (a.data.tags as string[]) ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const shared = [...counts.values()].filter((n) => n > 1).length;
    expect(shared / counts.size).toBeGreaterThan(0.7);
  });
});

describe('hero illustrations', () => {
  it('have a scene for every illustrated story and a story for every scene', () => {
    expect(Object.keys(scenes).sort()).toEqual(illustrated);
  });

  it('are drawn the same way on every run, and differently for different stories', () => {
    const [first, second] = Object.entries(scenes);
    expect(drawScene(first![0], first![1])).toBe(drawScene(first![0], first![1]));
    expect(drawScene(first![0], first![1])).not.toBe(drawScene(second![0], first![1]));
  });

  it('are committed as 1600×900 JPEGs under 120 KB beside each story', async () => {
    for (const { slug, data } of samples.filter((a) => a.data.image !== undefined)) {
      expect((data.image as { src: string }).src, slug).toBe('./hero.jpg');
      const file = join(articlesDir, slug, 'hero.jpg');
      const { format, width, height } = await sharp(file).metadata();
      expect({ slug, format, width, height }).toEqual({ slug, format: 'jpeg', width: 1600, height: 900 });
      expect(readFileSync(file).length, slug).toBeLessThan(120 * 1024);
    }
  });
});
