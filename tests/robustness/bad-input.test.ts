/**
 * The bad-input suite: each case is a small content folder built with the real
 * Astro build. A case either builds and its output is checked, or fails with
 * one line per problem naming the file (and the field).
 */
import { existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../harness/build-site';
import { article, contentFolder } from '../helpers/content-folder';
import { loadPage } from '../../harness/html';

type Files = Record<string, string | Uint8Array>;

/** Builds `files` and expects failure with exactly these problem lines (after the folder prefix). */
async function expectProblems(files: Files, expected: (string | RegExp)[]) {
  const dir = contentFolder(files);
  const result = await buildSite(dir);
  expect(result.ok, result.output).toBe(false);
  const header = /(\d+) content problems? stopped the build:/.exec(result.output);
  expect(header?.[1], result.output).toBe(String(expected.length));
  const lines = result.output.slice(header!.index).split('\n').slice(1, expected.length + 1).map((l) => l.trim());
  expected.forEach((want, i) => {
    const line = lines[i] ?? '';
    expect(line.startsWith(`${dir}/`), line).toBe(true);
    const rest = line.slice(dir.length + 1);
    if (typeof want === 'string') expect(rest).toBe(want);
    else expect(rest).toMatch(want);
  });
}

/** Builds `files`, expects success, and returns the output folder. */
async function expectBuild(files: Files): Promise<{ out: string; log: string }> {
  const result = await buildSite(contentFolder(files));
  expect(result.ok, result.output).toBe(true);
  return { out: result.outDir, log: result.output };
}

const pages = (out: string) => readdirSync(join(out, 'articles')).sort();
const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a6' } }).jpeg().toBuffer();

/** A PNG chunk: length, type, data and CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
}

/**
 * A decompression bomb: a 30,000 × 30,000 grey PNG, 900 megapixels, whose
 * deflated rows of zeros make a file of a few kilobytes. Only the first rows
 * are written, which is as far as any reader gets before its limit.
 */
function pngBomb(): Buffer {
  const size = 30_000;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no interlace
  const rows = deflateSync(Buffer.alloc((size + 1) * 64));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))]);
}

/** An SVG that tries everything: script, event handlers, external references. */
const hostileSvg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300" onload="window.__svg=1">
  <script>window.__svg = 2</script>
  <image xlink:href="https://tracker.example/pixel.png" width="10" height="10"/>
  <rect width="400" height="300" fill="#c33" onclick="alert(1)"/>
</svg>`;

describe('required fields', () => {
  for (const field of ['title', 'summary', 'date', 'section']) {
    it(`fails naming the file and field when ${field} is missing`, async () => {
      await expectProblems({ 'a.md': article({ [field]: null }) }, [`a.md: ${field}: is required`]);
    });
  }
  it('fails when the headline is an empty string', async () => {
    await expectProblems({ 'a.md': article({ title: '""' }) }, ['a.md: title: must not be empty']);
  });
  it('fails when an image has no alt text', async () => {
    await expectProblems({ 'a/index.md': article({ image: '\n  src: ./p.jpg' }), 'a/p.jpg': jpeg }, ['a/index.md: image.alt: is required']);
  });
});

describe('wrong types', () => {
  it('fails when the headline is a number', async () => {
    await expectProblems({ 'a.md': article({ title: '2025' }) }, ['a.md: title: must be string, not number']);
  });
  it('fails when tags is a single string instead of a list', async () => {
    await expectProblems({ 'a.md': article({ tags: 'Politics' }) }, ['a.md: tags: must be array, not string']);
  });
  it('says a field left blank has no value, rather than that it is an object', async () => {
    await expectProblems({ 'a.md': article({ summary: '' }) }, ['a.md: summary: has no value; fill it in or remove the line']);
  });
  it('calls a list a list where one text is wanted', async () => {
    await expectProblems({ 'a.md': article({ title: '[Hà Nội, Huế]' }) }, ['a.md: title: must be string, not array']);
  });
  it('says in a sentence how many tags an article may have', async () => {
    const tags = Array.from({ length: 31 }, (_, i) => `Tag ${i}`).join(', ');
    await expectProblems({ 'a.md': article({ tags: `[${tags}]` }) }, ['a.md: tags: must list at most 30 tags']);
  });
  it('fails on a tag or an agency with no letter or digit, which has no page to link to', async () => {
    await expectProblems({ 'a.md': article({ tags: '[Huế, "!!!", 🎆]', source: '"???"' }) }, [
      "a.md: tags.1: has no letter or digit to make its page address from",
      "a.md: tags.2: has no letter or digit to make its page address from",
      "a.md: source: has no letter or digit to make its page address from",
    ]);
  });
  it('fails on a headline of only invisible characters, which was published blank', async () => {
    await expectProblems({ 'a.md': article({ title: '"\\u200B"', summary: '"\\u200C \\u2060"' }) }, [
      'a.md: title: has only invisible characters (zero-width spaces or direction marks); write it out',
      'a.md: summary: has only invisible characters (zero-width spaces or direction marks); write it out',
    ]);
  });
  it('files a tag with a zero-width space or a soft hyphen under the tag it looks like, which had a page of its own', async () => {
    const { out } = await expectBuild({
      'a.md': article({ tags: '["Hu\\u200Bế"]' }),
      'b.md': article({ tags: '[Huế]' }),
      'c.md': article({ tags: '["Hu\\u00ADế"]' }),
    });
    expect(readdirSync(join(out, 'tag'))).toEqual(['hue']);
    expect(loadPage(out, '/tag/hue/').querySelectorAll('main ol h3').length).toBe(3);
  });
  it('fails when draft is not true or false', async () => {
    await expectProblems({ 'a.md': article({ draft: 'maybe' }) }, ['a.md: draft: must be boolean, not string']);
  });
});

describe('dates', () => {
  it('fails on a date that cannot be parsed', async () => {
    await expectProblems({ 'a.md': article({ date: 'next Tuesday' }) }, [/^a\.md: date: "next Tuesday" is not a date and time/]);
  });
  it('fails on a day that does not exist', async () => {
    await expectProblems({ 'a.md': article({ date: '2025-02-30T09:00:00+07:00' }) }, ['a.md: date: "2025-02-30T09:00:00+07:00" is not a real date and time']);
  });
  it('fails on a date-time without a zone', async () => {
    await expectProblems({ 'a.md': article({ date: '2025-05-18T09:30:00' }) }, [/^a\.md: date: "2025-05-18T09:30:00" has no time zone/]);
  });
  it('fails when updated is earlier than date', async () => {
    await expectProblems({ 'a.md': article({ updated: '2025-05-17T09:30:00+07:00' }) }, ['a.md: updated: is earlier than date']);
  });
  it('fails when a published story was updated after the build, which it showed as "Updated 1 January 2099"', async () => {
    await expectProblems({
      'a.md': article({ updated: '2099-01-01T09:00:00+07:00' }),
      // Scheduled: its update is its own business until it is published.
      'b.md': article({ date: '2030-01-01T09:00:00+07:00', updated: '2099-01-01T09:00:00+07:00' }),
    }, ['a.md: updated: is after the time of the build (2026-01-01T00:00:00.000Z); write when the story was last changed']);
  });
  it('orders stories by instant across time zones', async () => {
    const { out } = await expectBuild({
      'hanoi-morning.md': article({ title: 'Hanoi morning', date: '2025-05-18T09:00:00+07:00' }),
      'london-dawn.md': article({ title: 'London dawn', date: '2025-05-18T03:00:00Z' }),
    });
    const section = loadPage(out, '/section/politics/');
    expect([...section.querySelectorAll('main ol h3')].map((h) => h.textContent)).toEqual(['London dawn', 'Hanoi morning']);
    expect(loadPage(out, '/articles/hanoi-morning/').querySelector('.byline time')?.getAttribute('datetime')).toBe('2025-05-18T02:00:00.000Z');
  });
  it('holds back a story dated after the build and says so in the log', async () => {
    const { out, log } = await expectBuild({
      'now.md': article(),
      'later.md': article({ date: '2030-01-01T09:00:00+07:00' }),
    });
    expect(pages(out)).toEqual(['now']);
    expect(log).toContain('1 articles published; left out: 0 drafts, 1 scheduled');
  });
});

describe('sections and fields', () => {
  it('fails on an unknown section and lists the known ones', async () => {
    await expectProblems({ 'a.md': article({ section: 'gossip' }) }, [/^a\.md: section: unknown section "gossip"; known sections: news, politics, society,/]);
  });
  it('accepts a section alias and files the story under the section', async () => {
    const { out } = await expectBuild({ 'a.md': article({ section: 'Tech' }) });
    expect(existsSync(join(out, 'section/science-technology/index.html'))).toBe(true);
  });
  it('fails on an unknown field, so a typo cannot pass silently', async () => {
    await expectProblems({ 'a.md': article({ tittle: 'Typo' }) }, ['a.md: tittle: unknown field; check its spelling']);
  });
  it('fails on an unknown field inside image', async () => {
    await expectProblems(
      { 'a/index.md': article({ image: '\n  src: ./p.jpg\n  alt: A\n  photographer: X' }), 'a/p.jpg': jpeg },
      ['a/index.md: image.photographer: unknown field; check its spelling'],
    );
  });
  it('names an author written twice once, in the byline and the JSON-LD', async () => {
    const result = await buildSite(contentFolder({ 'a.md': article({ authors: '[An, Bình, an]' }) }));
    expect(result.ok, result.output).toBe(true);
    const page = loadPage(result.outDir, '/articles/a/');
    expect(page.querySelector('.byline strong')?.textContent).toBe('An and Bình');
    const ld = JSON.parse(page.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}');
    const graph = [ld, ...(ld['@graph'] ?? [])];
    const news = graph.find((n) => n['@type'] === 'NewsArticle');
    expect(news.author.map((a: { name: string }) => a.name)).toEqual(['An', 'Bình']);
  });
});

describe('file structure', () => {
  it('fails on an empty body', async () => {
    await expectProblems({ 'a.md': article({}, '\n\n') }, ['a.md: body: the article has no text below its frontmatter']);
  });
  it('fails on a body that shows nothing, which was published as an empty page', async () => {
    await expectProblems({ 'a.md': article({}, '<!-- to be written -->'), 'b.md': article({}, '<script>alert(1)</script>\n\n<style>p { color: red }</style>') }, [
      'a.md: body: shows nothing to a reader (only HTML comments or markup the site removes); write the story below the frontmatter',
      'b.md: body: shows nothing to a reader (only HTML comments or markup the site removes); write the story below the frontmatter',
    ]);
  });
  it('publishes a body of one photo', async () => {
    const { out } = await expectBuild({ 'a/index.md': article({}, '![A green field](./p.jpg)'), 'a/p.jpg': jpeg });
    expect(loadPage(out, '/articles/a/').querySelector('.article-body img')?.getAttribute('alt')).toBe('A green field');
  });
  it('fails on a file that is frontmatter only', async () => {
    await expectProblems({ 'a.md': '---\ntitle: T\nsummary: S\ndate: 2025-05-18T09:30:00+07:00\nsection: politics\n---' }, [
      'a.md: body: the article has no text below its frontmatter',
    ]);
  });
  it('fails on a file with no frontmatter', async () => {
    await expectProblems({ 'a.md': '# Just a heading\n\nSome text.\n' }, [/^a\.md: has no frontmatter/]);
  });
  it('fails on broken YAML, giving the line', async () => {
    await expectProblems({ 'a.md': '---\ntitle: T\nsummary: "open\n---\nBody\n' }, [
      'a.md: frontmatter is not valid YAML (line 3 of the file): Missing closing "quote',
    ]);
  });
  it('fails on a YAML tag the site does not read, which was dropped without a word', async () => {
    await expectProblems({ 'a.md': '---\ntitle: T\nsummary: !shout Loud\n---\nBody\n' }, [
      'a.md: frontmatter uses the YAML tag !shout (line 3 of the file), which the site does not read; write the value without it',
    ]);
  });
  it('fails on a repeated field', async () => {
    await expectProblems({ 'a.md': '---\ntitle: A\ntitle: B\n---\nBody\n' }, [/^a\.md: frontmatter is not valid YAML.*[Mm]ap keys must be unique/]);
  });
  it('stops YAML aliases that expand exponentially', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    await expectProblems({ 'bomb.md': `---\n${lines.join('\n')}\n---\nBody\n` }, [/^bomb\.md: frontmatter could not be read: .*alias/i]);
  });
  it('fails on an invisible control character in a field, which made every feed with the story unreadable', async () => {
    await expectProblems({ 'a.md': article({ title: '"Flood\\vwarning for Huế"' }) }, ['a.md: title: holds an invisible control character (U+000B); delete it']);
    await expectProblems({ 'a.md': article({ tags: '[Huế, "Flood\\0"]' }) }, ['a.md: tags.1: holds an invisible control character (U+0000); delete it']);
  });
  it('fails on a direction override in a field, which reversed the byline and title after it', async () => {
    await expectProblems({ 'a.md': article({ authors: '["An\\u202E", Bình]' }), 'b.md': article({ title: '"Flood \\u2067warning"' }) }, [
      'a.md: authors.0: holds an invisible direction control (U+202E) that reverses the text after it; delete it',
      'b.md: title: holds an invisible direction control (U+2067) that reverses the text after it; delete it',
    ]);
  });
  it('fails on an invisible control character in the body, giving the line', async () => {
    await expectProblems({ 'a.md': article({}, 'First line.\n\nPage\fbreak.') }, ['a.md: body: line 9 holds an invisible control character (U+000C); delete it']);
  });
  it('accepts a byte-order mark', async () => {
    const { out } = await expectBuild({ 'a.md': `\uFEFF${article({ title: 'With a BOM' })}` });
    expect(loadPage(out, '/articles/a/').querySelector('h1')?.textContent).toBe('With a BOM');
  });
  it('accepts Windows line endings', async () => {
    const { out } = await expectBuild({ 'a.md': article({ title: 'CRLF' }, 'First paragraph.\n\nSecond paragraph.').replace(/\n/g, '\r\n') });
    const paragraphs = [...loadPage(out, '/articles/a/').querySelectorAll('.article-body p')].map((p) => p.textContent);
    expect(paragraphs).toEqual(['First paragraph.', 'Second paragraph.']);
  });
  it('fails on bytes that are not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(article({ title: 'Caf' })), 0xe9, 0xff]);
    await expectProblems({ 'latin.md': bytes }, ['latin.md: is not valid UTF-8 text; save it as UTF-8']);
  });
  it('fails on an article file that is a link leading out of the content folder, which was published', async () => {
    const elsewhere = contentFolder({ 'private.md': article({ title: 'Not the newsroom’s' }) });
    const linked = contentFolder({ 'a.md': article() });
    symlinkSync(join(elsewhere, 'private.md'), join(linked, 'b.md'));
    symlinkSync(join(linked, 'a.md'), join(linked, 'c.md'));
    // A folder that is a link out of the content folder: every story in it leads out.
    symlinkSync(elsewhere, join(linked, 'desk'));
    const result = await buildSite(linked);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(`${linked}/b.md: is a link to a file outside the content folder; copy the story into the folder instead`);
    expect(result.output).toContain(`${linked}/desk/private.md: is a link to a file outside the content folder; copy the story into the folder instead`);
    // A link within the folder is read like any file (here a second copy of a.md, so a duplicate).
    expect(result.output).not.toMatch(/c\.md: is a link/);
  });
});

describe('ids in the body', () => {
  it('gives a subhead named like an element of the article page another id, which the page had twice', async () => {
    const { out: plain } = await expectBuild({ 'a.md': article({ tags: '[Huế]' }), 'b.md': article({ title: 'Rain in Huế', tags: '[Huế]' }, 'Rain fell on the old city.') });
    const pageIds = [...loadPage(plain, '/articles/a/').querySelectorAll('[id]')].map((el) => el.id);
    expect(pageIds).toContain('related');
    // A subhead for each id of the page, spelled as an editor would ("Related heading").
    const subheads = pageIds.map((id) => `## ${id.replaceAll('-', ' ')}\n\nText.`).join('\n\n');
    const { out } = await expectBuild({ 'a.md': article({ tags: '[Huế]' }, `${subheads}\n\n## Related\n\nAgain.`), 'b.md': article({ title: 'Rain in Huế', tags: '[Huế]' }, 'Rain fell on the old city.') });
    const doc = loadPage(out, '/articles/a/');
    const ids = [...doc.querySelectorAll('[id]')].map((el) => el.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const subheadLinks = [...doc.querySelectorAll('.article-body h2 a')].map((a) => a.getAttribute('href'));
    expect(subheadLinks).toEqual([...doc.querySelectorAll('.article-body h2')].map((h) => `#${h.id}`));
    for (const id of pageIds) expect(doc.getElementById(id)?.closest('.article-body'), id).toBeNull();
  });
});

describe('size and scripts', () => {
  it('builds a 5 MB article', async () => {
    const paragraph = 'Rice prices in the Mekong Delta rose again this week as traders restocked. ';
    const body = Array.from({ length: 5_000 }, (_, i) => `${paragraph.repeat(14)}(${i})`).join('\n\n');
    expect(body.length).toBeGreaterThan(5_000_000);
    const { out } = await expectBuild({ 'huge.md': article({ title: 'A very long report' }, body) });
    const doc = loadPage(out, '/articles/huge/');
    expect(doc.querySelectorAll('.article-body p').length).toBe(5_000);
  });
  it('says a body nested too deeply to show is nested too deeply, where it gave the parser\'s or the call stack\'s words', async () => {
    await expectProblems({ 'a.md': article({}, `${'>'.repeat(300)} Deep.`), 'b.md': article({}, `${'<div>'.repeat(5_000)}Deep.${'</div>'.repeat(5_000)}`) }, [
      /^a\.md: body: nests lists, quotes or HTML elements too deeply to show \(.+\); flatten it$/,
      /^b\.md: body: nests lists, quotes or HTML elements too deeply to show \(.+\); flatten it$/,
    ]);
  });
  it('fails on a 10,000-character headline', async () => {
    await expectProblems({ 'a.md': article({ title: 'x'.repeat(10_000) }) }, ['a.md: title: must be at most 300 characters']);
  });
  it('renders emoji and right-to-left text exactly', async () => {
    const title = 'Lễ hội 🎆 مهرجان الفوانيس in Hội An';
    const { out } = await expectBuild({ 'a.md': article({ title: JSON.stringify(title) }, 'שלום 👋 and xin chào.') });
    const doc = loadPage(out, '/articles/a/');
    expect(doc.querySelector('h1')?.textContent).toBe(title);
    expect(doc.querySelector('h1')?.getAttribute('dir')).toBe('auto');
    expect(doc.querySelector('.article-body p')?.textContent).toBe('שלום 👋 and xin chào.');
  });
});

describe('file names and ids', () => {
  it('turns a Vietnamese file name into a plain URL', async () => {
    const { out } = await expectBuild({ 'Đà Nẵng mở cửa cầu Rồng.md': article() });
    expect(pages(out)).toEqual(['da-nang-mo-cua-cau-rong']);
  });
  it('keeps letters of other scripts in the URL', async () => {
    const { out } = await expectBuild({ '東京 report.md': article(), 'تقرير.md': article() });
    expect(pages(out)).toEqual(['تقرير', '東京-report'].sort());
  });
  it('fails when two files give the same id, naming both', async () => {
    await expectProblems({ 'desk-a/story.md': article(), 'desk-b/Story.md': article() }, [
      /^desk-b\/Story\.md: has the same article id "story" as .*\/desk-a\/story\.md; rename one of the two files$/,
    ]);
  });
  it('publishes a file named .MD or .markdown, which was left out of the site without a word', async () => {
    const { out, log } = await expectBuild({ 'a.md': article(), 'Loud.MD': article({ title: 'Loud' }), 'notes.markdown': article({ title: 'Notes' }) });
    expect(pages(out)).toEqual(['a', 'loud', 'notes']);
    expect(log).toContain('3 articles published');
  });
  it('fails when a file name has no letters or digits', async () => {
    await expectProblems({ '---.md': article() }, [/^---\.md: the file name gives an empty article id/]);
  });
});

describe('related pins', () => {
  it('fails on a pin to an article that does not exist', async () => {
    await expectProblems({ 'a.md': article({ related: '[ghost]' }) }, ['a.md: related: "ghost" is not the id of any article']);
  });
  it('suggests the id a pin written as a file name or headline meant', async () => {
    await expectProblems({ 'a.md': article({ related: '["Đà Nẵng metro.md"]' }), 'da-nang-metro.md': article() }, [
      'a.md: related: "Đà Nẵng metro.md" is not the id of any article; did you mean "da-nang-metro"?',
    ]);
  });
  it('fails on a pin to a draft', async () => {
    await expectProblems(
      { 'a.md': article({ related: '[wip]' }), 'wip.md': article({ draft: 'true' }) },
      ['a.md: related: "wip" is a draft and will not be published'],
    );
  });
});

describe('images', () => {
  it('fails on a missing image file', async () => {
    await expectProblems({ 'a/index.md': article({ image: '\n  src: ./gone.jpg\n  alt: A' }) }, [
      'a/index.md: image.src: ./gone.jpg does not exist (the path is relative to the article file)',
    ]);
  });
  it('fails on an image file that is not an image', async () => {
    await expectProblems({ 'a/index.md': article({ image: '\n  src: ./fake.jpg\n  alt: A' }), 'a/fake.jpg': 'not really a JPEG' }, [
      'a/index.md: image.src: ./fake.jpg is not an image (JPEG, PNG, GIF, WebP or AVIF)',
    ]);
  });
  it('refuses an SVG photo, hostile or not, naming the article and field', async () => {
    await expectProblems({ 'a/index.md': article({ image: '\n  src: ./drawing.svg\n  alt: A' }), 'a/drawing.svg': hostileSvg }, [
      'a/index.md: image.src: ./drawing.svg is an SVG drawing; photos must be JPEG, PNG, GIF, WebP or AVIF (export it as PNG)',
    ]);
  });
  it('refuses an SVG image in the body', async () => {
    await expectProblems({ 'a/index.md': article({}, 'Text.\n\n![A chart](./chart.svg)'), 'a/chart.svg': hostileSvg }, [
      'a/index.md: body: image ./chart.svg is an SVG drawing; photos must be JPEG, PNG, GIF, WebP or AVIF (export it as PNG)',
    ]);
  });
  it('refuses a decompression bomb by its declared size, before decoding it', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(200_000);
    await expectProblems({ 'a/index.md': article({ image: '\n  src: ./huge.png\n  alt: A' }), 'a/huge.png': bomb }, [
      'a/index.md: image.src: ./huge.png is 30000×30000 pixels, more than the 40 megapixels a photo may have; scale it down',
    ]);
  });
  it('refuses a JPEG cut short instead of publishing it half grey', async () => {
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const cut = photo.subarray(0, Math.floor(photo.length * 0.6));
    await expectProblems({ 'a/index.md': article({ image: '\n  src: ./cut.jpg\n  alt: A' }), 'a/cut.jpg': cut }, [
      /^a\/index\.md: image\.src: \.\/cut\.jpg cannot be read as an image; it may be cut short or damaged \(.+\)$/,
    ]);
  });
  it('publishes a whole JPEG photo', async () => {
    const { out } = await expectBuild({ 'a/index.md': article({ image: '\n  src: ./p.jpg\n  alt: A green field' }), 'a/p.jpg': jpeg });
    expect(existsSync(join(out, 'social/a.jpg'))).toBe(true);
  });
  it('fails on a body image from another site, which the security policy would block, Markdown or HTML', async () => {
    await expectProblems({ 'a.md': article({}, 'Text.\n\n![A chart](https://example.com/chart.png?w=1&h=2)') }, [
      "a.md: body: image https://example.com/chart.png?w=1&h=2 is on another site, and the site's security policy shows only its own images; save it beside the article and write ./its-name.jpg",
    ]);
    await expectProblems({ 'a.md': article({}, 'Text.\n\n<img src="//cdn.example.com/p.jpg" alt="A photo">') }, [
      /^a\.md: body: image \/\/cdn\.example\.com\/p\.jpg is on another site/,
    ]);
  });
  it('fails on a photo given as an address, which stopped the build with a stack trace', async () => {
    await expectProblems({
      'a/index.md': article({ image: '\n  src: https://example.com/x.jpg\n  alt: A' }),
      'b/index.md': article({ image: '\n  src: data:image/png;base64,iVBORw0KGgo=\n  alt: A' }),
    }, [
      'a/index.md: image.src: https://example.com/x.jpg is an address, not a file; save the photo beside the article and write ./its-name.jpg',
      'b/index.md: image.src: data:image/png;base64,iVBORw0KGgo= is an address, not a file; save the photo beside the article and write ./its-name.jpg',
    ]);
  });
  it('fails on a photo outside the content folder, which was published from anywhere on the build machine', async () => {
    const elsewhere = contentFolder({ 'private.jpg': jpeg });
    await expectProblems({
      'a/index.md': article({ image: `\n  src: ${elsewhere}/private.jpg\n  alt: A` }),
      'b/index.md': article({}, `Text.\n\n![A photo](../../${basename(elsewhere)}/private.jpg)`),
    }, [
      `a/index.md: image.src: ${elsewhere}/private.jpg is outside the content folder; keep photos beside the article`,
      `b/index.md: body: image ../../${basename(elsewhere)}/private.jpg is outside the content folder; keep photos beside the article`,
    ]);
    const linked = contentFolder({ 'a/index.md': article({ image: '\n  src: ./hero.jpg\n  alt: A' }) });
    symlinkSync(join(elsewhere, 'private.jpg'), join(linked, 'a/hero.jpg'));
    const result = await buildSite(linked);
    expect(result.output).toContain(`${linked}/a/index.md: image.src: ./hero.jpg is outside the content folder; keep photos beside the article`);
  });
  it('says a photo that is a folder is a folder, where it said the folder did not exist', async () => {
    await expectProblems({ 'a/index.md': article({ image: '\n  src: ./photos\n  alt: A' }), 'a/photos/p.jpg': jpeg }, [
      'a/index.md: image.src: ./photos is a folder, not a photo; name the photo file in it',
    ]);
  });
  it('fails on an image in the body that the site does not publish, which readers saw broken', async () => {
    await expectProblems({ 'a/index.md': article({}, 'Text.\n\n<img src="./p.jpg" alt="A photo">\n\n![A logo](/logo.png)'), 'a/p.jpg': jpeg }, [
      'a/index.md: body: image ./p.jpg is written in HTML, and only Markdown images are published with the article; write it as ![what it shows](./p.jpg)',
      /^a\/index\.md: body: image \/logo\.png is not a file of the site \(.*public\/logo\.png\); save it beside the article and write \.\/its-name\.jpg$/,
    ]);
  });
  it('fails on a body image whose address the site removes, which left an image with nothing to show', async () => {
    await expectProblems({
      'a.md': article({}, 'Text.\n\n![A chart](data:image/png;base64,iVBORw0KGgo=)'),
      'b.md': article({}, 'Text.\n\n<img src="javascript:alert(1)" alt="A chart">'),
    }, [
      'a.md: body: an image has an address the site does not publish (a data: or script address); save the picture beside the article and write ![what it shows](./its-name.jpg)',
      'b.md: body: an image has an address the site does not publish (a data: or script address); save the picture beside the article and write ![what it shows](./its-name.jpg)',
    ]);
  });
  it('publishes an image in the body that is a file of the site', async () => {
    const { out } = await expectBuild({ 'a.md': article({}, 'Text.\n\n<img src="/favicon.svg" alt="The logo">') });
    expect(loadPage(out, '/articles/a/').querySelector('.article-body img')?.getAttribute('src')).toBe('/favicon.svg');
  });
  it('names an image whose address has a bare %, where the build said "URI malformed", and publishes it written with %25', async () => {
    await expectProblems({ 'a/index.md': article({}, 'Text.\n\n![Growth](./growth-5%.jpg)'), 'a/growth-5%.jpg': jpeg }, [
      'a/index.md: body: image ./growth-5%.jpg has a % that does not start an escape; write it as %25 (./growth-5%25.jpg)',
    ]);
    const { out } = await expectBuild({ 'a/index.md': article({}, 'Text.\n\n![Growth](./growth-5%25.jpg)'), 'a/growth-5%.jpg': jpeg });
    expect(loadPage(out, '/articles/a/').querySelector('.article-body img')?.getAttribute('alt')).toBe('Growth');
  });
  it('names the article when a photo is removed or spoilt after a build, its file untouched, where the next build stopped with a stack trace', async () => {
    const dir = contentFolder({ 'a/index.md': article({ image: '\n  src: ./p.jpg\n  alt: A' }, 'Text.\n\n![B](./b.jpg)'), 'a/p.jpg': jpeg, 'a/b.jpg': jpeg, 'c.md': article() });
    const first = await buildSite(dir);
    expect(first.ok, first.output).toBe(true);
    rmSync(join(dir, 'a/b.jpg'));
    const removed = await buildSite(dir, { outDir: first.outDir });
    expect(removed.output).toContain(`1 content problem stopped the build:\n  ${dir}/a/index.md: body: image ./b.jpg does not exist (the path is relative to the article file)\n`);
    writeFileSync(join(dir, 'a/b.jpg'), jpeg);
    writeFileSync(join(dir, 'a/p.jpg'), 'not a photo any more');
    const spoilt = await buildSite(dir, { outDir: first.outDir });
    expect(spoilt.output).toContain(`1 content problem stopped the build:\n  ${dir}/a/index.md: image.src: ./p.jpg is not an image (JPEG, PNG, GIF, WebP or AVIF)\n`);
    for (const result of [removed, spoilt]) expect(result.output).not.toMatch(/Stack trace/);
  });
  it('fails on a missing image in the body', async () => {
    await expectProblems({ 'a.md': article({}, 'Text.\n\n![A chart](./chart.png)') }, [/^a\.md: body: image \.\/chart\.png does not exist/]);
  });
});
