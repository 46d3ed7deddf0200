import { describe, expect, it } from 'vitest';
import { articleIdFromPath, parseArticleFile } from '../../src/lib/content/article-file';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('articleIdFromPath', () => {
  it('uses the file name, or the folder name for index.md', () => {
    expect(articleIdFromPath('articles/2025/hue-festival.md')).toBe('hue-festival');
    expect(articleIdFromPath('articles/Đà Nẵng metro/index.md')).toBe('da-nang-metro');
  });
});

describe('parseArticleFile', () => {
  it('splits frontmatter from body and keeps dates as written', () => {
    const r = parseArticleFile('a.md', bytes('---\ntitle: A\ndate: 2025-05-18T09:30:00+07:00\n---\n\nBody text.\n'));
    expect(r.ok && r.value).toEqual({ id: 'a', data: { title: 'A', date: '2025-05-18T09:30:00+07:00' }, body: 'Body text.' });
  });
  it('accepts a byte-order mark and Windows line endings', () => {
    const r = parseArticleFile('a.md', bytes('\uFEFF---\r\ntitle: A\r\n---\r\nBody\r\n'));
    expect(r.ok && r.value.data).toEqual({ title: 'A' });
  });
  it('names the file when the bytes are not UTF-8', () => {
    const r = parseArticleFile('bad.md', new Uint8Array([0x2d, 0xff, 0xfe]));
    expect(!r.ok && r.problems[0]).toMatchObject({ file: 'bad.md', message: expect.stringMatching(/UTF-8/) });
  });
  it('reports a file without frontmatter', () => {
    const r = parseArticleFile('x.md', bytes('Just text'));
    expect(!r.ok && r.problems[0]?.message).toMatch(/no frontmatter/);
  });
  it('says a frontmatter that opens but never closes lacks its closing line, not that the file has none', () => {
    const r = parseArticleFile('x.md', bytes('---\ntitle: A\nsummary: B\n\nThe body began without the closing line.\n'));
    expect(!r.ok && r.problems[0]?.message).toBe('frontmatter has no closing `---` line; end the fields with a line holding only `---`');
  });
  it('reports broken YAML with its line', () => {
    const r = parseArticleFile('x.md', bytes('---\ntitle: [unclosed\n---\nBody'));
    expect(!r.ok && r.problems[0]?.message).toMatch(/not valid YAML/);
  });
  it('reports a repeated key', () => {
    const r = parseArticleFile('x.md', bytes('---\ntitle: A\ntitle: B\n---\nBody'));
    expect(!r.ok && r.problems[0]?.message).toMatch(/not valid YAML/);
  });
  it('stops YAML aliases that expand exponentially', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const r = parseArticleFile('bomb.md', bytes(`---\n${lines.join('\n')}\n---\nBody`));
    expect(!r.ok && r.problems[0]?.message).toMatch(/alias/i);
  });
});
