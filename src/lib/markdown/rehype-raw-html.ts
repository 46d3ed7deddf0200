/**
 * rehype-raw, only for articles that hold raw HTML. The sanitizer must see
 * raw HTML as real elements, so it is parsed before the sanitizer; Astro
 * parses raw HTML again after every plugin (a second parse5 pass over the
 * whole page), which also does every other thing this pass would. An article
 * without raw HTML (nearly all) skips this one.
 */
import type { Nodes, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { VFile } from 'vfile';

function hasRaw(node: Nodes): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some(hasRaw);
}

/** Rehype plugin: rehype-raw when the tree holds a raw node, nothing otherwise. */
export function rehypeRawHtml() {
  const raw = rehypeRaw();
  return (tree: Root, file: VFile) => (hasRaw(tree) ? raw(tree, file) : undefined);
}
