import { describe, expect, it } from 'vitest';
import { fold } from '../../src/lib/text/fold';
import { slugify } from '../../src/lib/text/slug';
import { creditLine } from '../../src/lib/text/credit';
import { countWords, readingMinutes } from '../../src/lib/text/reading-time';
import { datelineText } from '../../src/lib/markdown/rehype-dateline';
import { parseDateTime } from '../../src/lib/text/date';

describe('fold', () => {
  it('removes Vietnamese diacritics, including the stroke of đ', () => {
    expect(fold('Đà Nẵng')).toBe('da nang');
    expect(fold('Đắk Lắk')).toBe('dak lak');
    expect(fold('Hà Nội')).toBe('ha noi');
  });
  it('keeps letters of scripts without case or marks to drop', () => {
    expect(fold('東京 Ölkə')).toBe('東京 olkə');
  });
});

describe('slugify', () => {
  it('makes ASCII URL segments from Vietnamese names', () => {
    expect(slugify('Đồng Tháp lotus exports')).toBe('dong-thap-lotus-exports');
  });
  it('spells out ampersands and drops apostrophes', () => {
    expect(slugify('Science & Technology')).toBe('science-and-technology');
    expect(slugify("Vietnam's rice")).toBe('vietnams-rice');
  });
  it('keeps letters of other scripts so non-Latin names still get a slug', () => {
    expect(slugify('ข่าว ไทย')).not.toBe('');
    expect(slugify('!!!')).toBe('');
  });
});

describe('creditLine', () => {
  it('labels a bare agency name as a photo credit', () => {
    expect(creditLine('VNA')).toBe('Photo: VNA');
  });
  it('keeps a credit that already says what it is', () => {
    expect(creditLine('Source: quochoi.vn')).toBe('Source: quochoi.vn');
    expect(creditLine('(Photo: Sun Group)')).toBe('Photo: Sun Group');
  });
});

describe('reading time', () => {
  it('counts words in any script and rounds to whole minutes, at least one', () => {
    expect(countWords('Hà Nội is the capital; it’s 1,000 years old.')).toBe(9);
    // Joined by a hyphen or apostrophe, or a point inside a number, words read as one.
    expect(countWords("A well-known rock'n'roll band played 41.2 minutes -- twice. U.S. fans, 3 .5")).toBe(13);
    expect(readingMinutes(10, 230)).toBe(1);
    expect(readingMinutes(1000, 200)).toBe(5);
  });
});

describe('datelineText', () => {
  it('prints place and agency the way wire copy does', () => {
    expect(datelineText('Hanoi', 'VNA')).toBe('Hanoi (VNA) –');
    expect(datelineText('Hanoi')).toBe('Hanoi –');
    expect(datelineText(undefined, 'VNA')).toBeUndefined();
  });
});

describe('parseDateTime', () => {
  it('reads an ISO date-time with its zone', () => {
    expect((parseDateTime('2025-05-18T09:30:00+07:00') as Date).toISOString()).toBe('2025-05-18T02:30:00.000Z');
    expect((parseDateTime('2025-05-18 09:30Z') as Date).toISOString()).toBe('2025-05-18T09:30:00.000Z');
  });
  it('explains a date without time and zone', () => {
    expect(parseDateTime('2025-05-18')).toMatch(/no time and zone/);
  });
  it('calls a day that does not exist not real, rather than advising a time to add to it', () => {
    expect(parseDateTime('2025-13-45')).toBe('"2025-13-45" is not a real date');
    expect(parseDateTime('2025-02-29')).toBe('"2025-02-29" is not a real date');
  });
  it('rejects days and times that do not exist', () => {
    expect(parseDateTime('2025-02-29T09:00:00+07:00')).toMatch(/not a real date/);
    expect(parseDateTime('2024-02-29T09:00:00+07:00')).toBeInstanceOf(Date);
    expect(parseDateTime('2025-04-10T24:00:00+07:00')).toMatch(/not a real date/);
  });
  it('rejects text that is not a date', () => {
    expect(parseDateTime('next Tuesday')).toMatch(/is not a date/);
  });
  it('rejects a year of fewer than four figures written out, which was read as a year of the 1900s or the first century', () => {
    expect(parseDateTime('0025-05-18T09:30:00+07:00')).toBe('"0025-05-18T09:30:00+07:00" has the year 0025; write the year in full, such as 2025');
    expect(parseDateTime('0999-02-28T09:30:00+07:00')).toMatch(/has the year 0999/);
    expect((parseDateTime('1000-02-28T09:30:00Z') as Date).getUTCFullYear()).toBe(1000);
    // The days of a month are those of its own year: 1900 had no 29 February.
    expect(parseDateTime('1900-02-29T09:00:00Z')).toMatch(/not a real date/);
  });
});
