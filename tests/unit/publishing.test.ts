import { describe, expect, it } from 'vitest';
import { calendarMonth, monthName } from '../../src/lib/model/archive';
import { archiveUrl } from '../../src/lib/model/urls';
import type { Article } from '../../src/lib/model/article';
import { formatZonedDateTime, parseDateTime } from '../../src/lib/text/date';
import { formatDay } from '../../src/lib/text/format-date';
import { newsSitemapXml, recentNews } from '../../src/lib/publish/news-sitemap';
import { breadcrumbLd, newsArticleLd, serializeJsonLd } from '../../src/lib/publish/structured-data';

const site = { name: 'Dispatch', url: 'https://dispatch.example', lang: 'en' };
const image = { url: 'https://dispatch.example/social/a.jpg', width: 1200, height: 630 };
const logo = { url: 'https://dispatch.example/logo.png', width: 512, height: 512 };

function story(fields: Partial<Article> = {}): Article {
  const date = new Date('2025-05-18T02:30:00Z');
  return {
    id: 'a', url: '/articles/a/', title: 'A headline', summary: 'A summary.', date, modified: date,
    section: { id: 'travel', name: 'Travel', aliases: [] }, tags: [], authors: [], pinned: [], draft: false,
    text: 'Body.', textDigest: 'body', wordCount: 1, readingMinutes: 1, file: 'a.md', ...fields,
  };
}

describe('serializeJsonLd', () => {
  it('escapes characters that could end the script element, and parses back to the same text', () => {
    const headline = 'Ends </script><script>alert(1)</script> & <!-- here';
    const json = serializeJsonLd({ headline });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({ headline });
  });
  it('escapes the JavaScript line separators', () => {
    expect(serializeJsonLd({ a: 'x\u2028y\u2029z' })).toBe('{"a":"x\\u2028y\\u2029z"}');
  });
});

describe('newsArticleLd', () => {
  it('credits each byline name as a Person', () => {
    const ld = newsArticleLd(story({ authors: ['Trần Minh Châu', 'Lê Văn Hùng'], source: 'VNA' }), site, image, logo);
    expect(ld.author).toEqual([{ '@type': 'Person', name: 'Trần Minh Châu' }, { '@type': 'Person', name: 'Lê Văn Hùng' }]);
  });
  it('credits the agency as an Organization when there is no byline', () => {
    expect(newsArticleLd(story({ source: 'VNA' }), site, image, logo).author).toEqual([{ '@type': 'Organization', name: 'VNA' }]);
  });
  it('gives the time the story last changed as dateModified', () => {
    const updated = story({ updated: new Date('2025-05-19T00:00:00Z'), modified: new Date('2025-05-19T00:00:00Z') });
    expect(newsArticleLd(updated, site, image, logo).dateModified).toBe('2025-05-19T00:00:00.000Z');
  });
  it('leaves out keywords and place when the article has no tags or dateline', () => {
    const ld = newsArticleLd(story(), site, image, logo);
    expect(ld).not.toHaveProperty('keywords');
    expect(ld).not.toHaveProperty('locationCreated');
    expect(newsArticleLd(story({ dateline: 'Huế' }), site, image, logo).locationCreated).toEqual({ '@type': 'Place', name: 'Huế' });
  });
});

describe('breadcrumbLd', () => {
  it('leads from the site through the section to the article, with absolute URLs', () => {
    const items = breadcrumbLd(story(), site).itemListElement as { item: string }[];
    expect(items.map((i) => i.item)).toEqual([
      'https://dispatch.example/', 'https://dispatch.example/section/travel/', 'https://dispatch.example/articles/a/',
    ]);
  });
});

describe('formatZonedDateTime', () => {
  it('writes the wall-clock time and offset of the zone, which parses back to the same instant', () => {
    const instant = new Date('2025-05-18T02:30:45Z');
    for (const [zone, expected] of [
      ['Asia/Ho_Chi_Minh', '2025-05-18T09:30:00+07:00'],
      ['UTC', '2025-05-18T02:30:00+00:00'],
      ['America/St_Johns', '2025-05-18T00:00:00-02:30'],
    ] as const) {
      const written = formatZonedDateTime(instant, zone);
      expect(written).toBe(expected);
      expect((parseDateTime(written) as Date).toISOString()).toBe('2025-05-18T02:30:00.000Z');
    }
  });
});

describe('the archive calendar', () => {
  it('puts a story in the month of the given time zone', () => {
    const lateMay = new Date('2025-05-31T17:30:00Z'); // 00:30 on 1 June in Hà Nội
    expect(calendarMonth(lateMay, 'Asia/Ho_Chi_Minh')).toEqual({ year: '2025', month: '06' });
    expect(calendarMonth(lateMay, 'UTC')).toEqual({ year: '2025', month: '05' });
  });
  it('names months and builds archive URLs', () => {
    expect(monthName('05')).toBe('May');
    expect(() => monthName('13')).toThrow();
    expect([archiveUrl(), archiveUrl('2025'), archiveUrl('2025', '05')]).toEqual(['/archive/', '/archive/2025/', '/archive/2025/05/']);
  });
});

describe('formatDay', () => {
  it('writes every month in three letters, September too ("10 Sep 2025", not "Sept")', () => {
    expect(formatDay(new Date('2025-09-10T02:00:00Z'))).toBe('10 Sep 2025');
    expect(formatDay(new Date('2025-06-01T02:00:00Z'))).toBe('1 Jun 2025');
  });
  it('gives the day in the site’s time zone (Asia/Ho_Chi_Minh), not the server’s', () => {
    expect(formatDay(new Date('2025-12-31T18:30:00Z'))).toBe('1 Jan 2026');
  });
  it('gives each instant its own day when asked again (remembered by instant, not by the Date object)', () => {
    const date = new Date('2025-03-09T10:00:00Z');
    expect(formatDay(date)).toBe('9 Mar 2025');
    date.setTime(date.getTime() + 86_400_000);
    expect(formatDay(date)).toBe('10 Mar 2025');
    expect(formatDay(new Date('2025-03-09T10:00:00Z'))).toBe('9 Mar 2025');
  });
});

describe('the Google News sitemap', () => {
  const now = new Date('2025-10-05T12:00:00Z');
  const stories = [
    story({ id: 'new', url: '/articles/new/', title: 'Đà Nẵng’s “smart” metro & more', date: new Date('2025-10-05T01:00:00Z') }),
    story({ id: 'yesterday', url: '/articles/yesterday/', date: new Date('2025-10-04T01:00:00Z') }),
    story({ id: 'old', url: '/articles/old/', date: new Date('2025-10-03T11:59:00Z') }),
    story({ id: 'later', url: '/articles/later/', date: new Date('2025-10-06T01:00:00Z') }),
  ];

  it('holds only the stories published in the two days before the build, newest first', () => {
    expect(recentNews(stories, now).map((a) => a.id)).toEqual(['new', 'yesterday']);
  });

  it('names the publication, its language, each story’s date and escaped headline', () => {
    const xml = newsSitemapXml(recentNews(stories, now).slice(0, 1), { ...site, lang: 'en-GB' });
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(xml).toContain('<loc>https://dispatch.example/articles/new/</loc>');
    expect(xml).toContain('<news:publication><news:name>Dispatch</news:name><news:language>en</news:language></news:publication>');
    expect(xml).toContain('<news:publication_date>2025-10-05T01:00:00.000Z</news:publication_date>');
    expect(xml).toContain('<news:title>Đà Nẵng’s “smart” metro &amp; more</news:title>');
  });
});
