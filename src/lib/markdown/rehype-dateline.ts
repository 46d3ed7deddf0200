/**
 * Puts the agency dateline ("Hanoi (VNA) –") at the start of the first
 * paragraph, as wire copy prints it, from the article's `dateline` and
 * `source` fields.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';

interface Frontmatter {
  dateline?: string;
  source?: string;
}

/** The dateline text for a place and agency: "Hanoi (VNA) –", "Hanoi –", or none. */
export function datelineText(dateline?: string, source?: string): string | undefined {
  if (!dateline) return undefined;
  return source ? `${dateline} (${source}) –` : `${dateline} –`;
}

/** Rehype plugin: prepends the dateline to the first top-level paragraph. */
export function rehypeDateline() {
  return (tree: Root, file: VFile) => {
    const fm = (file.data as { astro?: { frontmatter?: Frontmatter } }).astro?.frontmatter;
    const text = datelineText(fm?.dateline, fm?.source);
    if (!text) return;
    const first = tree.children.find((n): n is Element => n.type === 'element' && n.tagName === 'p');
    if (!first) return;
    first.children.unshift(
      { type: 'element', tagName: 'span', properties: { className: ['dateline'] }, children: [{ type: 'text', value: text }] },
      { type: 'text', value: ' ' },
    );
  };
}
