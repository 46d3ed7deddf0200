/**
 * Markdown column alignment (`|---:|`) comes out of remark as `align`
 * attributes on table cells, which HTML5 no longer has. This moves it to a
 * class (`align-right`) that the stylesheet aligns, rather than to an inline
 * style, so pages keep working under a Content-Security-Policy without
 * `'unsafe-inline'` styles.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify']);

interface Node {
  type: string;
  tagName?: string;
  children?: Node[];
}

/**
 * True when `tree` holds a `<table>`. Most stories have none, and a plain
 * walk is several times cheaper than `visit`'s, so the table steps skip them.
 */
export function hasTable(node: Node): boolean {
  return node.tagName === 'table' || (node.children?.some(hasTable) ?? false);
}

/** Rehype plugin: `<td align="right">` → `<td class="align-right">`, on every table cell and row. */
export function rehypeTableAlign() {
  return (tree: Root) => {
    if (!hasTable(tree)) return;
    visit(tree, 'element', (node) => {
      if (!['td', 'th', 'tr'].includes(node.tagName) || node.properties.align === undefined) return;
      const align = String(node.properties.align).toLowerCase();
      delete node.properties.align;
      if (!ALIGNMENTS.has(align)) return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = [...classes, `align-${align}`];
    });
  };
}

/**
 * Rehype plugin: Sätteri writes a Markdown column's alignment as
 * `style="text-align: right"` on each cell, where unified wrote `align`. This
 * turns it back into `align` before raw HTML is parsed (so only Markdown's own
 * cells are read) and before the sanitizer (which drops every style but keeps
 * `align`), so rehypeTableAlign gets what it got under unified.
 */
export function rehypeCellAlignAttribute() {
  return (tree: Root) => {
    if (!hasTable(tree)) return;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const align = /^text-align: *(\w+);?$/.exec(String(node.properties.style ?? ''))?.[1];
      if (!align) return;
      delete node.properties.style;
      node.properties.align = align;
    });
  };
}
