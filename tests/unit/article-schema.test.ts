import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../src/lib/content/article-schema';

const article = {
  title: 'Ferry timetable changes',
  summary: 'The river ferry runs later in the evening from Monday.',
  date: '2025-11-20T09:00:00+07:00',
  section: 'news',
  image: { src: 'ferry.jpg', alt: 'The ferry at the pier' },
};

/** An image helper that marks the source with the entry it belongs to, after a pause, as Astro's resolves files. */
const imageFor = (entry: string) => () =>
  z.string().transform(async (src) => {
    await new Promise((done) => setTimeout(done, 5));
    return `${entry}/${src}`;
  });

describe('articleSchema', () => {
  it('resolves each entry\'s image with its own helper while entries are checked at the same time', async () => {
    const entries = ['politics', 'ferries', 'markets', 'weather'];
    const results = await Promise.all(entries.map((entry) => articleSchema(imageFor(entry)).parseAsync(article)));
    expect(results.map((data) => data.image?.src)).toEqual(entries.map((entry) => `${entry}/ferry.jpg`));
  });

  it('still rejects unknown fields in the image and an update earlier than the date, naming the field', () => {
    const schema = articleSchema(() => z.string());
    const badImage = schema.safeParse({ ...article, image: { ...article.image, width: 800 } });
    expect(badImage.success).toBe(false);
    expect(badImage.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['image']);
    expect(badImage.error?.issues[0]?.message).toContain('width');

    const badUpdate = schema.safeParse({ ...article, updated: '2025-11-19T09:00:00+07:00' });
    expect(badUpdate.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['updated', 'is earlier than date']]);
  });

  it('gives every entry its own defaults', () => {
    const schema = articleSchema(() => z.string());
    const first = schema.parse(article);
    first.tags.push('changed');
    expect(schema.parse(article).tags).toEqual([]);
  });
});
