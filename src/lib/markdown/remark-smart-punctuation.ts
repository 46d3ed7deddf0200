/**
 * Smart punctuation (curly quotes, dashes, ellipses), exactly as Astro's
 * `smartypants` option did it under the unified processor (remark-smartypants
 * 3 over retext-smartypants), for Markdown bodies (a Sätteri mdast plugin) and
 * for one-line text (headlines, summaries). Sätteri's own smart punctuation
 * decides some quotes and dashes differently ("--" is an en dash there, a
 * closing quote after an ellipsis opens), so bodies keep this one.
 *
 * retext parses every sentence into words and punctuation first; that parse
 * was well over half the Markdown rendering time of a whole build (see the
 * README's Performance section), so the passes skip text with nothing for
 * them to change.
 */
import type { Root, Text } from 'mdast';
import { toString } from 'nlcst-to-string';
import { ParseLatin } from 'parse-latin';
import { retext } from 'retext';
import smartypants from 'retext-smartypants';
import { defineMdastPlugin, type MdastPluginEntry } from 'satteri';
import type { Processor } from 'unified';
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
const others = retext().use(fastLatinParser).use(smartypants, { quotes: false });

/** Text the second pass could change: `--`, ``` `` ```, `''`, or dots that may make an ellipsis. */
const OTHER_CANDIDATES = /--|``|''|\.\.\.|\.\s+\./;

/** Characters some pass could change: a document without any is left alone. */
const ANY_CANDIDATE = /["'`]|--|\.\s*\./;

/**
 * Sätteri mdast plugin: smart punctuation on every text node of the body,
 * identical to Astro's `smartypants: true` under unified. Only the text
 * nodes that change are written back to Sätteri's tree.
 */
export const smartPunctuationPlugin: MdastPluginEntry = ({ source }) =>
  ANY_CANDIDATE.test(source) &&
  defineMdastPlugin({
    name: 'smart-punctuation',
    before(root, ctx) {
      smartenTree(root, (node, value) => ctx.setProperty(node, 'value', value));
    },
  });

/** The new value of every text node of `tree` that smart punctuation changes, handed to `change`. */
function smartenTree(tree: Readonly<Root>, change: (node: Readonly<Text>, value: string) => void): void {
  let allText = '';
  const nodes: (Literal | { type: string })[] = [];
  visit(tree as Root, (node, _index, parent) => {
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
      const value = OTHER_CANDIDATES.test(text) ? others.processSync(text).toString() : text;
      if (value !== node.value) change(node as Text, value);
    }
    start = end;
  }
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

/** What is read of retext's tree (nlcst). */
interface Nlcst {
  type: string;
  value?: string;
  children?: Nlcst[];
  position?: { start: Point; end: Point };
}

interface Point {
  line: number;
  column: number;
  offset?: number;
}

type TokenType = 'WhiteSpaceNode' | 'PunctuationNode' | 'WordNode' | 'SymbolNode';
const TOKEN_TYPES: TokenType[] = ['WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode'];

/**
 * retext's parser (parse-latin, which retext-latin runs with no extensions)
 * with a faster first step. parse-latin's tokenizer tests three Unicode
 * regular expressions on every character of a story, half its parse time;
 * this one asks parse-latin's own tokenizer once per distinct character
 * which kind it is and keeps the answer in a table, then cuts tokens by the
 * same rule (a copy of parse-latin 7's loop, MIT, © Titus Wormer), with the
 * same positions. Every later step is parse-latin's.
 */
class QuoteParser extends ParseLatin {
  /** Kind of each UTF-16 code unit: 0 not asked yet, else 1 + its index in TOKEN_TYPES. */
  private static readonly kinds = new Uint8Array(0x10000);

  private static kindOf(code: number, char: string): TokenType {
    let kind = QuoteParser.kinds[code]!;
    if (kind === 0) {
      const type = ParseLatin.prototype.tokenize.call(new ParseLatin(), char)[0]!.type as TokenType;
      QuoteParser.kinds[code] = kind = TOKEN_TYPES.indexOf(type) + 1;
    }
    return TOKEN_TYPES[kind - 1]!;
  }

  override tokenize(value?: string | null): ReturnType<ParseLatin['tokenize']> {
    const children: Nlcst[] = [];
    if (!value) return children as ReturnType<ParseLatin['tokenize']>;
    const point = { line: 1, column: 1, offset: 0 };
    let from = 0;
    let start = { ...point };
    let previousType: TokenType | undefined;
    let previous = -1;
    const node = (type: TokenType, text: string): Nlcst => {
      const position = { start, end: { ...point } };
      return type === 'WordNode'
        ? { type, children: [{ type: 'TextNode', value: text, position: { start, end: { ...point } } }], position }
        : { type, value: text, position };
    };
    for (let index = 0; index < value.length; index++) {
      const current = value.charCodeAt(index);
      const currentType = QuoteParser.kindOf(current, value.charAt(index));
      const joins =
        previousType === currentType &&
        (currentType === 'WordNode' || currentType === 'WhiteSpaceNode' || current === previous || (current >= 0xd800 && current <= 0xdfff));
      if (from < index && previousType && !joins) {
        children.push(node(previousType, value.slice(from, index)));
        from = index;
        start = { ...point };
      }
      if (current === 0x0d || (current === 0x0a && previous !== 0x0d)) {
        point.line++;
        point.column = 1;
      } else if (current !== 0x0a) {
        point.column++;
      }
      point.offset++;
      previousType = currentType;
      previous = current;
    }
    if (previousType && from < value.length) children.push(node(previousType, value.slice(from)));
    return children as ReturnType<ParseLatin['tokenize']>;
  }
}

/** unified plugin: retext parses with QuoteParser (after retext-latin, whose parser it replaces). */
function fastLatinParser(this: Processor): void {
  this.parser = (document) => new QuoteParser().parse(document) as never;
}

const OPEN = { '"': '“', "'": '‘' } as const;
const CLOSE = { '"': '”', "'": '’' } as const;
const isMark = (node?: Nlcst) => node?.type === 'PunctuationNode' || node?.type === 'SymbolNode';
const isQuote = (node: Nlcst) => isMark(node) && (node.value === '"' || node.value === "'");

/**
 * `retext().use(smartypants, { quotes only }).processSync(text)`: the text
 * parsed by retext's parser, each straight quote decided by
 * retext-smartypants' own rule (below), and the decided quotes written into
 * the text at their offsets (each is one character for one; the rest of the
 * text is as it was, which is what writing the whole tree back gave).
 * retext-smartypants walks the tree with unist-util-visit, whose cost per
 * node was most of the Markdown rendering time of a build (about 3 s of CPU
 * on the BBC corpus); a plain loop over the same nodes in the same order
 * (depth first) gives the same result.
 */
function smartQuotes(text: string): string {
  const tree = new QuoteParser().parse(text) as Nlcst;
  const quotes: Nlcst[] = [];
  educateQuotes(tree, quotes);
  let out = '';
  let last = 0;
  for (const quote of quotes) {
    const at = quote.position!.start.offset!;
    out += text.slice(last, at) + quote.value!;
    last = at + 1;
  }
  return out + text.slice(last);
}

/** Decides every straight quote under `parent`, in document order; each quote node decided (or set by its neighbour) goes into `decided`. */
function educateQuotes(parent: Nlcst, decided: Nlcst[]): void {
  const siblings = parent.children ?? [];
  for (let index = 0; index < siblings.length; index++) {
    const node = siblings[index]!;
    if (isQuote(node)) {
      const next = siblings[index + 1];
      const nextStraight = next !== undefined && isQuote(next);
      educateQuote(node, index, siblings);
      decided.push(node);
      // The double-quote rule sets the next quote too, which is then passed over.
      if (nextStraight && !isQuote(next)) decided.push(next);
    }
    if (node.children) educateQuotes(node, decided);
  }
}

/** retext-smartypants 6.2's `quotesDefault` (MIT, © Titus Wormer), for the default quote characters. */
function educateQuote(node: Nlcst, index: number, siblings: Nlcst[]): void {
  const value = node.value as '"' | "'";
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  const nextNext = siblings[index + 2];
  const nextValue = next ? toString(next as never) : '';
  if (next && isMark(next) && nextNext?.type !== 'WordNode') {
    // A quote followed by punctuation at a non-word-break closes.
    node.value = CLOSE[value];
  } else if (next && isMark(next) && (nextValue === '"' || nextValue === "'") && nextNext?.type === 'WordNode') {
    // Double sets of quotes: `He said, "'Quoted' words in a larger quote."`
    node.value = OPEN[value];
    next.value = OPEN[nextValue];
  } else if (next && /^\d\ds$/.test(nextValue)) {
    // Decades: `the '80s`.
    node.value = CLOSE[value];
  } else if (previous && (previous.type === 'WhiteSpaceNode' || isMark(previous)) && next?.type === 'WordNode') {
    node.value = OPEN[value];
  } else if (previous && previous.type !== 'WhiteSpaceNode' && !isMark(previous)) {
    node.value = CLOSE[value];
  } else if (!next || next.type === 'WhiteSpaceNode' || (value === "'" && nextValue === 's')) {
    node.value = CLOSE[value];
  } else {
    node.value = OPEN[value];
  }
}
