import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../src/lib/markdown/markdown-text';
import { markdownToHtml } from 'satteri';
import { BODY_REMOVED_KEY, BODY_TEXT_KEY, BODY_WORDS_KEY } from '../../src/lib/markdown/body-text';
import { ARTICLE_MDAST, articleMarkdownProcessor } from '../../src/lib/markdown/processor';

describe('bodyText', () => {
  it('gives each paragraph, heading and list item a line, keeping the words of links and emphasis', () => {
    const markdown = '## The *river* rises\n\nFarmers in [Cà Mau](https://example.com) **moved** early.\n\n- first item\n- second item\n';
    expect(markdownToText(markdown)).toBe('The river rises\nFarmers in Cà Mau moved early.\nfirst item\nsecond item');
  });

  it('decodes escapes and entities, keeps code, and gives pictures no words', () => {
    expect(markdownToText('Tom &amp; Jerry \\*not emphasis\\* and `npm test`.\n\n![a lantern boat](hero.jpg)\n\n```\nline one\n```\n'))
      .toBe('Tom & Jerry *not emphasis* and npm test.\nline one');
  });

  it('puts each table cell on a line of its own', () => {
    expect(markdownToText('| Province | Rice |\n|---|---|\n| An Giang | 4.1 |\n')).toBe('Province\nRice\nAn Giang\n4.1');
  });

  it('reads raw HTML as the page shows it: scripts gone, allowed elements kept as text', () => {
    const markdown = 'Before.\n\n<script>window.x = 1</script>\n\n<div onclick="x()">An overlay</div>\n\n<abbr title="Vietnam News Agency">VNA</abbr> reports.\n';
    expect(markdownToText(markdown)).toBe('Before.\nAn overlay\nVNA reports.');
  });

  it('has the curly quotes of the page', () => {
    expect(markdownToText('She said "enough" -- and left...')).toBe('She said “enough” — and left…');
  });
});

describe("the body text in the site's Markdown processor", () => {
  it('hands the text to the entry without the dateline the page prints before it', async () => {
    const renderer = await articleMarkdownProcessor().createRenderer({ syntaxHighlight: false });
    const { code, metadata } = await renderer.render('The festival returned on "Saturday".\n', {
      frontmatter: { dateline: 'Huế', source: 'VNA' },
    });
    expect(code).toContain('Huế (VNA) –');
    expect(metadata.frontmatter[BODY_TEXT_KEY]).toBe('The festival returned on “Saturday”.');
    expect(metadata.frontmatter[BODY_WORDS_KEY]).toBe(5);
  });

  it('counts the words once, as the reading time counts them', async () => {
    const renderer = await articleMarkdownProcessor().createRenderer({ syntaxHighlight: false });
    const { metadata } = await renderer.render('A well-known rock’n’roll band drew 1,200 fans.\n\n![a crowd](crowd.jpg)\n\n- and 41.2 degrees\n', { frontmatter: {} });
    expect(metadata.frontmatter[BODY_WORDS_KEY]).toBe(10);
  });
});

describe('what the sanitizer takes out of a body, as the build names it', () => {
  const removed = (markdown: string) => {
    const frontmatter: Record<string, unknown> = {};
    markdownToHtml(markdown, { ...ARTICLE_MDAST, data: { astro: { frontmatter, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() } } });
    return frontmatter[BODY_REMOVED_KEY];
  };

  it('names embeds, handlers and script addresses, however they are written, once each', () => {
    const markdown = [
      'A video: <iframe src="https://video.example/1"></iframe>',
      '<div onclick="x()">An overlay</div> <p onmouseover="x()">Hover</p>',
      '[Markdown](javascript:alert(1)), <a href="&#106;avascript:x()">encoded</a>, <a href=" java\tscript:x()">split</a>',
      '<a href="data:text/html,hi">data</a> and <form action="/send"><input name="q"></form>',
      '<svg><script>x()</script><foreignObject onload="x()"></foreignObject></svg>',
    ].join('\n\n');
    expect(removed(markdown)).toEqual([
      '<iframe> with what it held', 'an event handler (onclick)', 'an event handler (onmouseover)', 'a javascript: address', 'a data: address', '<form>', '<svg> with what it held',
    ]);
  });

  it('names nothing in a body the site publishes whole', () => {
    const markdown = 'Text with [a link](https://example.com), [mail](mailto:desk@example.com), <abbr title="Vietnam News Agency">VNA</abbr>, <mark>marked</mark> and <a href="/articles/x/">a page</a>.\n\n![A photo](./hero.jpg)\n\n`<iframe>` in code is text.\n\n```\n<script>x()</script>\n```\n';
    expect(removed(markdown)).toBeUndefined();
  });
});
