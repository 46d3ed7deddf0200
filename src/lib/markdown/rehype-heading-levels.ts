/**
 * An article's headline is its page's only h1, and the body's headings sit
 * under it. Editors and imported copy often write a subhead as "# Subhead"
 * (a second h1), or jump from "##" to "####", and a screen reader's list of
 * headings then has two tops or holes. This renumbers the body's headings
 * from h2 down, keeping which heading is under which.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Rehype plugin: the body's outline, h2 at the top, one level at a time, as written (h1–h6) relative to each other. */
export function rehypeHeadingLevels() {
  return (tree: Root) => {
    // The headings still open above the current one: the level written and the level given.
    const open: { written: number; given: number }[] = [];
    visit(tree, 'element', (node) => {
      const match = /^h([1-6])$/.exec(node.tagName);
      if (!match) return;
      const written = Number(match[1]);
      while (open.length > 0 && open.at(-1)!.written >= written) open.pop();
      const given = Math.min((open.at(-1)?.given ?? 1) + 1, 6);
      open.push({ written, given });
      node.tagName = `h${given}`;
    });
  };
}
