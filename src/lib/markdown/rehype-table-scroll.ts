/**
 * Wide tables on phones: each table goes in a box that scrolls sideways (a
 * focusable region, so keyboards can scroll it too) with a hint that says so.
 * global.css shows the hint only while the box really overflows and keeps the
 * first column in view; the table itself stays a real table.
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { hasTable } from './rehype-table-align.ts';

/** Rehype plugin: `<table>` → `<section class="table-scroll" aria-label>` (a region) holding a hint and the table. */
export function rehypeTableScroll() {
  return (tree: Root) => {
    if (!hasTable(tree)) return;
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      const hint: Element = {
        type: 'element', tagName: 'p', properties: { className: ['table-hint'], ariaHidden: 'true' },
        children: [{ type: 'text', value: 'Scroll sideways for more columns →' }],
      };
      const box: Element = {
        type: 'element', tagName: 'section',
        properties: { className: ['table-scroll'], ariaLabel: 'Table (scrolls sideways)', tabIndex: 0 },
        children: [hint, node],
      };
      parent.children[index] = box;
      return [SKIP, index + 1];
    });
  };
}
