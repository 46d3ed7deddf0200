/**
 * rehype-raw, only for articles that hold raw HTML. The sanitizer must see
 * raw HTML as real elements, so it is parsed before the sanitizer; Astro
 * parses raw HTML again after every plugin (a second parse5 pass over the
 * whole page), which also does every other thing this pass would. An article
 * without raw HTML (nearly all) skips this one.
 */
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { VFile } from 'vfile';

/** A hast node; `raw` (HTML kept as text by remark-rehype) is not among hast's own types. */
interface Node {
  type: string;
  children?: Node[];
}

function hasRaw(node: Node): boolean {
  return node.type === 'raw' || (node.children?.some(hasRaw) ?? false);
}

/** Rehype plugin: rehype-raw when the tree holds a raw node, nothing otherwise. */
export function rehypeRawHtml() {
  const raw = rehypeRaw();
  return (tree: Root, file: VFile) => (hasRaw(tree) ? raw(tree, file) : undefined);
}
