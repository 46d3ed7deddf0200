import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { parseHTML } from 'linkedom';
import { retext } from 'retext';
import smartypants from 'retext-smartypants';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { rehypeStage } from '../../src/lib/markdown/rehype-stage';
import { rehypeCellAlignAttribute } from '../../src/lib/markdown/rehype-table-align';
import { smartPunctuation, smartPunctuationPlugin } from '../../src/lib/markdown/remark-smart-punctuation';
import { readBbcCorpus } from '../../bench/lib/bbc';

const root = join(import.meta.dirname, '../..');
// Astro's own smart punctuation under its unified processor (remark-smartypants)
// against ours on Sätteri, everything else equal (table cells aligned with
// `align`, as unified writes them).
const astros = createMarkdownProcessor({ syntaxHighlight: false, smartypants: true });
const ours = createSatteriMarkdownProcessor({
  syntaxHighlight: false,
  mdastPlugins: [smartPunctuationPlugin],
  hastPlugins: [rehypeStage('cell-align', [rehypeCellAlignAttribute])],
  features: { smartPunctuation: false },
});

/** The HTML as a browser reads it: the two processors escape characters differently ("&#x26;", "&amp;"). */
const asParsed = (html: string) => parseHTML(`<!doctype html><html><body>${html.trim()}</body></html>`).document.body.innerHTML;

const render = async (markdown: string) => ({
  astro: asParsed((await (await astros).render(markdown)).code),
  ours: asParsed((await (await ours).render(markdown)).code),
});

const CASES = [
  `He said "'Quoted' words in a larger quote." The '80s -- and the '90s... were "great".`,
  `"*Emphasis*" and '[a link](https://example.com)' and "\`code\`" ... . . . \`\`double'' -- --- -`,
  `# "Heading" -- with a dash\n\n| "a" | 'b' |\n|---|---|\n| don't | "x -- y" |\n\n> 'quoted'...`,
  `<span>"raw html"</span> 'x'\n\n- "list" item\n- it's the "end"`,
  `No quotes, dashes or ellipses here. Just a sentence. And another.`,
  `"Hà Nội (VNA) – the city's "smart" plan," she said.`,
  // Quotes decided sentence by sentence: between, at the start and at the end
  // of sentences, after sentences with none, across lines and paragraphs.
  `The ferry left at noon. "It was late," he said. 'Very late.' Nobody asked why.\nThe '90s "ferry"\n\n"Next paragraph." It's 'quoted' at the end: "`,
  `"`,
  `' "' "`,
  `Dr. Lan's "plan" e.g. 'this' i.e. "that". 3.5 "units". U.S. "policy"? 'Yes'! "No"...`,
  `- "one"\n- 'two'\n\n1. it's\n2. "three" -- four\n\n***"bold quote"*** and _'it'_`,
];

describe('smartPunctuationPlugin', () => {
  it('curls quotes and makes dashes and ellipses', async () => {
    const { ours: html } = await render(`"It's here" -- she said...`);
    expect(html).toBe('<p>“It’s here” — she said…</p>');
  });

  it("gives exactly the HTML of Astro's own smartypants on tricky punctuation", async () => {
    for (const markdown of CASES) {
      const { astro, ours: html } = await render(markdown);
      expect(html, markdown).toBe(astro);
    }
  });

  it("gives exactly the HTML of Astro's own smartypants on every sample and fixture article", async () => {
    const files = globSync(['content/**/*.md', 'tests/fixtures/**/*.md'], { cwd: root, absolute: true });
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const body = readFileSync(file, 'utf8').replace(/^\uFEFF?---[\s\S]*?\n---\r?\n/, '');
      const { astro, ours: html } = await render(body);
      expect(html, file).toBe(astro);
    }
  });
});

describe('smartPunctuation on headlines and summaries', () => {
  it('curls quotes and makes dashes the way bodies get them', () => {
    expect(smartPunctuation(`Đà Nẵng's "smart" metro -- ready by 2030...`)).toBe('Đà Nẵng’s “smart” metro — ready by 2030…');
  });

  it('leaves text with nothing to change as it is', () => {
    expect(smartPunctuation('Hà Nội opens six walking streets')).toBe('Hà Nội opens six walking streets');
  });
});

// The BBC corpus lives beside the repository (benchmarks and quality checks
// only): where it is, every story's text is checked; elsewhere this skips.
const bbc = [resolve(root, '../shared/corpora/bbc'), '/work/shared/corpora/bbc'].find((dir) => existsSync(dir));
if (!bbc) console.warn('\n!!! Smart punctuation over the BBC corpus SKIPPED: no ../shared/corpora/bbc. !!!\n');

describe.skipIf(!bbc)('smartPunctuation over the BBC corpus', () => {
  it("decides every quote, dash and ellipsis of its 2,225 stories as retext-smartypants does", () => {
    // retext-smartypants itself: the quotes over the whole text first, then the rest, as ours.
    const quotes = retext().use(smartypants, { quotes: true, backticks: false, dashes: false, ellipses: false });
    const rest = retext().use(smartypants, { quotes: false });
    const stories = readBbcCorpus(bbc!);
    expect(stories.length).toBe(2225);
    for (const story of stories) {
      const text = [story.headline, ...story.paragraphs].join('\n\n');
      const expected = rest.processSync(quotes.processSync(text).toString()).toString();
      expect(smartPunctuation(text), story.file).toBe(expected);
    }
  }, 120_000);
});
