import { describe, expect, it } from 'vitest';
import { articleMarkdownProcessor } from '../../src/lib/markdown/processor';

const render = async (markdown: string) => {
  const renderer = await articleMarkdownProcessor().createRenderer({ syntaxHighlight: false });
  return (await renderer.render(markdown, { frontmatter: {} })).code;
};
const levels = async (markdown: string) => [...(await render(markdown)).matchAll(/<(h[1-6])\b/g)].map((m) => m[1]);

describe('the headings of an article body', () => {
  it('sit under the headline: a "# Subhead" is an h2, never a second h1', async () => {
    expect(await levels('Intro.\n\n# Who was there\n\nText.\n\n## In the morning\n\nText.\n\n# What comes next\n')).toEqual(['h2', 'h3', 'h2']);
  });

  it('never skip a level, so a screen reader’s list of headings has no holes', async () => {
    expect(await levels('## Background\n\n#### The first vote\n\n#### The second vote\n\n### Reactions\n')).toEqual(['h2', 'h3', 'h3', 'h3']);
    expect(await levels('<h4>A raw HTML heading</h4>\n\n## A Markdown one\n')).toEqual(['h2', 'h2']);
  });

  it('leave a body written from h2 down as it was', async () => {
    expect(await levels('## Who was vaccinated\n\nText.\n\n### Under five\n\n## Finding the last children\n')).toEqual(['h2', 'h3', 'h2']);
  });
});
