import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import { describe, expect, it } from 'vitest';
import { rehypeRawHtml } from '../../src/lib/markdown/rehype-raw-html';
import { sanitizeSchema } from '../../src/lib/markdown/sanitize-schema';

// Astro's unified pipeline with the sanitizer after rehype-raw (as before) or after rehypeRawHtml.
const pipeline = (raw: typeof rehypeRaw | typeof rehypeRawHtml) =>
  createMarkdownProcessor({
    syntaxHighlight: false,
    rehypePlugins: [raw, [rehypeSanitize, sanitizeSchema], rehypeSlug],
  });
const always = pipeline(rehypeRaw);
const whenNeeded = pipeline(rehypeRawHtml);
const render = async (markdown: string) => ({
  before: (await (await always).render(markdown)).code,
  after: (await (await whenNeeded).render(markdown)).code,
});

describe('rehypeRawHtml', () => {
  it('renders an article without raw HTML exactly as rehype-raw before the sanitizer did', async () => {
    const markdown = [
      '# A "heading" -- with a dash',
      'Text with *emphasis*, `code`, a [link](https://example.com "title") and ![a photo](./photo.jpg).',
      '| Left | Right |\n|:-----|------:|\n| a & b | 1 < 2 |',
      '> A quote\n>\n> - in a list\n\n1. one\n2. two\n\n---\n\n```\n<script>alert(1)</script>\n```',
    ].join('\n\n');
    const { before, after } = await render(markdown);
    expect(after).toBe(before);
    expect(after).toContain('&#x3C;script>');
  });

  it('still parses raw HTML before the sanitizer, so a script in it is removed and safe markup kept', async () => {
    const { before, after } = await render('Before <b>bold</b> <script>alert(1)</script><img src=x onerror="alert(1)"> after.');
    expect(after).toBe(before);
    expect(after).toContain('<b>bold</b>');
    expect(after).not.toMatch(/<script|onerror/);
  });
});
