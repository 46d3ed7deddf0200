import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../src/lib/markdown/markdown-text';
import { BODY_TEXT_KEY, BODY_WORDS_KEY } from '../../src/lib/markdown/body-text';
import { articleMarkdownProcessor } from '../../src/lib/markdown/processor';

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
