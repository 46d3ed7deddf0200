import { describe, expect, it } from 'vitest';
import { articleMarkdownProcessor } from '../../src/lib/markdown/processor';

const render = async (markdown: string) => {
  const renderer = await articleMarkdownProcessor().createRenderer({ syntaxHighlight: false });
  return (await renderer.render(markdown, { frontmatter: {} })).code;
};

describe('the table steps of article Markdown', () => {
  it('align and box a table wherever it stands, inside a quote too', async () => {
    const html = await render('> | Place | Rain (mm) |\n> |:--|--:|\n> | Huế | 120 |\n');
    expect(html).toContain('<section class="table-scroll"');
    expect(html).toMatch(/<th class="align-right">Rain \(mm\)<\/th>/);
    expect(html).toMatch(/<td class="align-left">Huế<\/td>/);
  });

  it('align and box a table written in raw HTML', async () => {
    const html = await render('<table><tr><td align="center">Đà Nẵng</td></tr></table>\n');
    expect(html).toContain('<section class="table-scroll"');
    expect(html).toMatch(/<td class="align-center">Đà Nẵng<\/td>/);
  });

  it('leave a story without a table as it was', async () => {
    const html = await render('A paragraph with an [outside link](https://example.com).\n');
    expect(html).not.toContain('table');
    expect(html).toContain('rel="external noopener noreferrer"');
  });
});
