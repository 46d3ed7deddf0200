/**
 * Smart punctuation (curly quotes, dashes, ellipses), exactly as Astro's
 * default `smartypants` option does it (remark-smartypants 3 over
 * retext-smartypants), but without the two retext passes over text that has
 * nothing for them to change. retext parses every sentence into words and
 * punctuation first; that parse was well over half the Markdown rendering time
 * of a whole build (see the README's Performance section), and most of it was
 * spent on text with no quote, dash, ellipsis or backtick in it.
 *
 * Used with `markdown.smartypants: false` in astro.config.mjs, in the place
 * Astro would put remark-smartypants (first after GFM).
 */
import type { Root } from 'mdast';
import { retext } from 'retext';
import smartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';

interface Literal {
  type: string;
  value: string;
}

// As remark-smartypants: the nodes whose text is read, and the blocks that
// start fresh (a quote at their start always opens).
const VISITED = new Set(['text', 'inlineCode', 'paragraph', 'heading', 'tableCell']);
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

// Quotes first over a block's whole text (so pairs across links and emphasis
// match), then dashes, ellipses and backticks per text node, as remark-smartypants.
const latin = retext();
const educateQuotes = smartypants({ ellipses: false, dashes: false, backticks: false }) as (tree: Sentence) => void;
const others = retext().use(smartypants, { quotes: false });

/** Text the second pass could change: `--`, ``` `` ```, `''`, or dots that may make an ellipsis. */
const OTHER_CANDIDATES = /--|``|''|\.\.\.|\.\s+\./;

/** remark plugin: smart punctuation, identical to Astro's `smartypants: true`. */
export function remarkSmartPunctuation() {
  return (tree: Root) => {
    let allText = '';
    const nodes: (Literal | { type: string })[] = [];
    visit(tree, (node, _index, parent) => {
      if (!parent || !VISITED.has(node.type)) return;
      if ('value' in node && typeof node.value === 'string') {
        // Inline code counts as a word, so a quote beside it pairs as it would around a word.
        allText += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
        nodes.push(node as Literal);
      } else if (BLOCKS.has(node.type)) {
        allText += ' ';
        nodes.push(node);
      }
    });
    if (/["']/.test(allText)) allText = smartQuotes(allText);
    let start = 0;
    for (const node of nodes) {
      if (!('value' in node)) {
        start += 1;
        continue;
      }
      const end = start + node.value.length;
      if (node.type === 'text') {
        const text = allText.slice(start, end);
        node.value = OTHER_CANDIDATES.test(text) ? others.processSync(text).toString() : text;
      }
      start = end;
    }
  };
}

/**
 * Smart punctuation for one line of plain text (a headline, summary, caption),
 * the same passes as the Markdown bodies get, so "Đà Nẵng's" reads the same
 * in a headline as in the story under it.
 */
export function smartPunctuation(text: string): string {
  const quoted = /["']/.test(text) ? smartQuotes(text) : text;
  return OTHER_CANDIDATES.test(quoted) ? others.processSync(quoted).toString() : quoted;
}

/** What is read of retext's tree (nlcst): a paragraph holds sentences and spaces. */
interface Sentence {
  type: string;
  children: Sentence[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/**
 * `retext().use(smartypants, { quotes only }).processSync(text)`, run sentence
 * by sentence. retext-smartypants visits every word, space and mark of the
 * text, and unist-util-visit makes each visit costly (about 2.9 s of CPU on the
 * BBC corpus); a quote is decided by its neighbours within its sentence or
 * word alone, so only the sentences holding a straight quote are visited,
 * in the order the whole visit takes them.
 */
function smartQuotes(text: string): string {
  const tree = latin.parse(text);
  const root = tree as unknown as Sentence;
  const quoted: Sentence[] = [];
  let whole = false;
  for (const block of root.children) {
    if (block.type === 'WhiteSpaceNode') continue;
    if (block.type !== 'ParagraphNode') whole = true;
    else {
      for (const node of block.children) {
        const from = node.position?.start.offset;
        const to = node.position?.end.offset;
        if (node.type === 'WhiteSpaceNode') continue;
        if (node.type !== 'SentenceNode' || from === undefined || to === undefined) whole = true;
        else if (/["']/.test(text.slice(from, to))) quoted.push(node);
      }
    }
  }
  // A mark outside every sentence (not seen in practice): visit the whole text, as retext would.
  if (whole) educateQuotes(root);
  else quoted.forEach(educateQuotes);
  return latin.stringify(tree);
}
