import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCaptionCredit, creditLine } from '../../src/lib/text/credit';
import { looksLikeAgencyPage, parseAgencyPage } from '../../src/lib/import/agency-page';
import { dateOption, ImportUsageError } from '../../src/lib/import/import-sources';
import { parsePlainText } from '../../src/lib/import/plain-text';
import { decodeSource } from '../../src/lib/import/source-text';
import { standfirstAndBody } from '../../src/lib/import/story';
import { projectRoot } from '../../harness/build-site';

const fixture = (path: string) => readFileSync(join(projectRoot, 'tests/fixtures/import', path), 'utf8');

describe('parseAgencyPage', () => {
  const page = fixture('agency/can-tho-bridge.txt');
  const result = parseAgencyPage(page);
  const story = result.ok ? result.story : undefined;

  it('recognises an agency page by its dateline, photo marker, sign-off and "See more" block', () => {
    expect(looksLikeAgencyPage(page)).toBe(true);
    expect(looksLikeAgencyPage(fixture('plain/business/rice-exports.txt'))).toBe(false);
  });

  it('takes the headline and the lead, and the dateline and agency from the body', () => {
    expect(story).toMatchObject({
      format: 'agency-page',
      title: 'Can Tho opens new bridge over the Hau River to cargo traffic',
      summary:
        "Trucks began crossing the new Hau River bridge in Can Tho on Monday, cutting the trip between the city's port and the southern provinces by almost an hour.",
      dateline: 'Can Tho',
      source: 'VNA',
    });
  });

  it('keeps the caption and credit without the repeated headline or the "ảnh 1" marker', () => {
    expect(story?.photos).toEqual([
      { caption: 'The first convoy of trucks crosses the Hau River bridge on its opening morning', credit: 'VNA' },
    ]);
  });

  it('leaves the repeated lead, the sign-off and the teasers out of the body', () => {
    expect(story?.body).toHaveLength(3);
    expect(story?.body[0]).toMatch(/^The bridge, approved by the NationalAssembly/);
    expect(story?.body.at(-1)).toMatch(/buyers in Ho Chi Minh City\.$/);
    const body = story?.body.join('\n') ?? '';
    for (const gone of ['(VNA) –', './.', 'Trucks began', 'See more', 'dragon fruit', 'ảnh']) expect(body).not.toContain(gone);
  });

  it('counts the teasers it drops and says what else it left out', () => {
    expect(story?.teasersDropped).toBe(3);
    expect(story?.notes).toEqual([
      'left out the "See more" block, page chrome: 3 teasers for other stories (9 lines)',
      'left out 1 body paragraph repeating the lead',
    ]);
  });

  it('drops a repeated headline and keeps every photo caption, labelled credits as written', () => {
    const other = parseAgencyPage(fixture('agency/hoi-an-lanterns.txt'));
    expect(other.ok && other.story).toMatchObject({
      title: 'Hoi An lights its lanterns for the full moon festival',
      dateline: 'Hoi An',
      photos: [
        { caption: 'Lanterns float on the Thu Bon River during the festival', credit: 'Source: hoian.gov.vn' },
        { caption: 'A lantern maker at work in his shop on Nguyen Thai Hoc street', credit: 'VNA' },
      ],
      notes: ['left out 1 repeat of the headline', 'left out 1 body paragraph repeating the lead'],
    });
    expect(other.ok && other.story.body).toHaveLength(2);
  });
});

describe('parsePlainText', () => {
  it('takes the first line as headline and the first paragraph as standfirst, not repeated in the body', () => {
    const r = parsePlainText(fixture('plain/sport/rowing-final.txt'));
    expect(r.ok && r.story).toMatchObject({
      format: 'plain-text',
      title: 'Hanoi crew wins the river rowing final',
      summary: expect.stringMatching(/^A crew from Hanoi won/),
      body: ['The race was held in a strong wind, and two boats took on water before the finish.'],
    });
  });

  it('joins the lines of a hard-wrapped paragraph', () => {
    const r = parsePlainText('Headline\n\nFirst paragraph\nwraps here.\n\nSecond\nparagraph.\n');
    expect(r.ok && r.story.body).toEqual(['Second paragraph.']);
    expect(r.ok && r.story.summary).toBe('First paragraph wraps here.');
  });

  it('refuses a file whose first line is a paragraph, or that has nothing below its headline', () => {
    expect(parsePlainText(fixture('bad/no-headline.txt'))).toMatchObject({ ok: false, reason: expect.stringMatching(/has no headline/) });
    expect(parsePlainText('Just a headline\n\n')).toEqual({ ok: false, reason: 'has a headline but no text below it' });
  });
});

describe('standfirstAndBody', () => {
  it('splits a lone paragraph after its first sentence', () => {
    expect(standfirstAndBody(['One sentence here. Another one there.'])).toEqual({
      summary: 'One sentence here.',
      body: ['Another one there.'],
    });
  });
  it('keeps a one-sentence story in the body too, and says so', () => {
    expect(standfirstAndBody(['Only this.'])).toMatchObject({ summary: 'Only this.', body: ['Only this.'], note: expect.any(String) });
  });
});

describe('decodeSource', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('reads UTF-8 with a byte-order mark and Windows line endings', () => {
    expect(decodeSource(bytes('\uFEFFTitle\r\n\r\nText'))).toEqual({ ok: true, text: 'Title\n\nText', warning: undefined });
  });
  it('reads UTF-16 that starts with its byte-order mark', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Hà Nội'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeSource(utf16)).toMatchObject({ ok: true, text: 'Hà Nội' });
  });
  it('refuses empty, blank and binary files', () => {
    expect(decodeSource(new Uint8Array())).toEqual({ ok: false, reason: 'is empty' });
    expect(decodeSource(bytes(' \n\t\n'))).toEqual({ ok: false, reason: 'is empty (only white space)' });
    expect(decodeSource(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))).toEqual({ ok: false, reason: 'is a binary file, not text' });
  });
  it('refuses text that is not UTF-8, unless told its legacy encoding', () => {
    const latin1 = new Uint8Array([...bytes('Tea\n\ncosts '), 0xa3, ...bytes('15')]);
    expect(decodeSource(latin1)).toMatchObject({ ok: false, reason: expect.stringMatching(/^is not UTF-8 text \(byte 0xA3 on line 3\)/) });
    expect(decodeSource(latin1, 'windows-1252')).toMatchObject({ ok: true, text: 'Tea\n\ncosts £15', warning: expect.stringMatching(/read as windows-1252/) });
  });
});

describe('splitCaptionCredit', () => {
  it('takes the credit off the end of a caption, dropping a plain "Photo:" label', () => {
    expect(splitCaptionCredit('Delegates at the seminar (Photo: VNA)')).toEqual({ caption: 'Delegates at the seminar', credit: 'VNA' });
    expect(splitCaptionCredit('Le Thu Ha (Source: quochoi.vn)')).toEqual({ caption: 'Le Thu Ha', credit: 'Source: quochoi.vn' });
    expect(splitCaptionCredit('No credit here')).toEqual({ caption: 'No credit here' });
  });
  it('is undone by creditLine, which prints the credit as the page had it', () => {
    for (const line of ['A ferry (Photo: VNA)', 'A hall (Source: quochoi.vn)']) {
      const { caption, credit } = splitCaptionCredit(line);
      expect(`${caption} (${creditLine(credit!)})`).toBe(line);
    }
  });
});

describe('dateOption', () => {
  it('makes a bare day midnight UTC and keeps a date-time with zone as given', () => {
    expect(dateOption('2005-01-01')).toBe('2005-01-01T00:00:00+00:00');
    expect(dateOption('2025-05-18T09:30:00+07:00')).toBe('2025-05-18T09:30:00+07:00');
  });
  it('refuses days that do not exist and times without a zone', () => {
    expect(() => dateOption('2005-02-30')).toThrow(ImportUsageError);
    expect(() => dateOption('2005-01-01T09:00')).toThrow(/not a date/);
  });
});
