import { describe, expect, it } from 'vitest';
import type { ArticleEntry } from '../../src/lib/model/entries';
import { PUNCTUATED_KEY, punctuatedLines } from '../../src/lib/content/punctuated-lines';
import { toArticle } from '../../src/lib/model/to-article';
import { shareBodyTexts, textDigest, type BodyText } from '../../src/lib/content/body-texts';
import { toRelatedInput } from '../../src/lib/model/related-input';
import { inputDigest } from '../../src/lib/related/ahead';
import { docDigest } from '../../src/lib/search/build-index';
import { site } from '../../src/site.config';

function entry(data: Partial<ArticleEntry['data']> = {}, bodyText: unknown = 'Lantern boats drifted past the citadel.'): ArticleEntry {
  return {
    id: 'hue-rain-festival',
    collection: 'articles',
    filePath: 'content/articles/hue-rain-festival.md',
    data: {
      title: 'Huế welcomes the "rain festival" back',
      summary: 'The festival returned.',
      date: new Date('2025-10-04T11:30:00Z'),
      section: 'travel',
      tags: ['Huế', 'Festivals', 'huế'],
      authors: [],
      related: [],
      draft: false,
      ...data,
    },
    rendered: { html: '<p>…</p>', metadata: { imagePaths: [], frontmatter: { bodyText } } },
  };
}

describe('toArticle', () => {
  it('reads the body text the Markdown pipeline left with the entry, and counts its words', () => {
    const article = toArticle(entry());
    expect(article.text).toBe('Lantern boats drifted past the citadel.');
    expect(article.wordCount).toBe(6);
    expect(article.readingMinutes).toBe(1);
  });

  it('takes the word count the Markdown pipeline stored with the text, counting only when an older entry has none', () => {
    const stored = entry();
    Object.assign(stored.rendered!.metadata!.frontmatter!, { bodyWords: 480 });
    expect(toArticle(stored)).toMatchObject({ wordCount: 480, readingMinutes: 3 });
    expect(toArticle(stored, 'Two words')).toMatchObject({ text: 'Two words', wordCount: 2 });
  });

  it('shows the headline, summary and caption the loader punctuated with the entry as punctuating them afresh does, and punctuates an older entry itself', () => {
    const data = {
      title: `Đà Nẵng's "night market" -- open again...`,
      summary: 'Stalls return -- and so do the crowds.',
      image: { src: { src: '/market.jpg', width: 800, height: 600, format: 'jpg' as const }, alt: 'Stalls at dusk', caption: `The market's first night` },
    };
    const fresh = toArticle(entry(data));
    expect(fresh.title).toBe('Đà Nẵng’s “night market” — open again…');
    const kept = entry(data);
    Object.assign(kept.rendered!.metadata!, { [PUNCTUATED_KEY]: punctuatedLines(data) });
    expect(Object.keys(punctuatedLines(data)).sort()).toEqual(['caption', 'summary', 'title']);
    expect(toArticle(kept)).toEqual(fresh);
    // A line punctuation leaves as it is is not kept twice.
    expect(punctuatedLines({ title: 'Huế reopens', summary: 'Plain.' })).toEqual({});
  });

  it("leaves a kept body's text unread until asked for: the related input's digest and the search record's take the text's digest", () => {
    const text = 'Lantern boats drifted past the citadel.';
    let reads = 0;
    const body = Object.defineProperty({ digest: 'd1', words: 6, html: '<p>…</p>', htmlDigest: 'h1', textDigest: textDigest(text) }, 'text', { enumerable: true, get: () => (reads++, text) }) as BodyText;
    shareBodyTexts(new Map([['hue-rain-festival', body]]));
    try {
      const article = toArticle({ ...entry({}, null), digest: 'd1' });
      inputDigest([toRelatedInput(article)], site.related);
      const { url, title, summary, section, date, tags, textDigest: digest } = article;
      docDigest({ url, title, summary, section, date, dateText: '', tags: tags.map((t) => t.name), get text() { return article.text; }, textDigest: digest });
      expect(reads).toBe(0);
      expect(toRelatedInput(article).text).toBe(text);
      expect(reads).toBe(1);
    } finally {
      shareBodyTexts(new Map());
    }
  });

  it('stops, naming the file, when the entry carries no body text', () => {
    expect(() => toArticle(entry({}, null))).toThrow(/^content\/articles\/hue-rain-festival\.md: the rendered body carries no text/);
  });

  it('takes the update time as the last change, or the publication time when there was none', () => {
    expect(toArticle(entry()).modified).toEqual(new Date('2025-10-04T11:30:00Z'));
    expect(toArticle(entry({ updated: new Date('2025-10-05T01:00:00Z') })).modified).toEqual(new Date('2025-10-05T01:00:00Z'));
  });

  it('gives the article its URL, its section and each tag once with its slug, and curls the headline’s quotes', () => {
    const article = toArticle(entry());
    expect(article.url).toBe('/articles/hue-rain-festival/');
    expect(article.section.id).toBe('travel');
    expect(article.tags).toEqual([{ name: 'Huế', slug: 'hue' }, { name: 'Festivals', slug: 'festivals' }]);
    expect(article.title).toBe('Huế welcomes the “rain festival” back');
  });
});
