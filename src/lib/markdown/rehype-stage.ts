/**
 * Runs rehype plugins inside Sätteri's pipeline. Sätteri parses and renders
 * Markdown in Rust and hands JavaScript plugins a read-only view of its tree;
 * our HTML steps (the sanitizer, heading anchors, external links and our own
 * plugins) are unified plugins over plain hast. This plugin copies the tree
 * out once, runs them in order as they ran under Astro's unified processor,
 * and puts the result back in one replacement. The copy and the replacement
 * cost a fraction of what unified's Markdown parsing and HTML writing did.
 */
import type { Root, RootContent } from 'hast';
import { defineHastPlugin, type HastPluginDefinition } from 'satteri';
import type { PluggableList } from 'unified';
import { unified } from 'unified';
import { VFile } from 'vfile';

type Node = Root | RootContent;

/** A plain, mutable copy of Sätteri's (lazy, read-only) tree, without positions. */
function plainCopy(node: Readonly<Node>): Node {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'position') continue;
    if (key === 'children') copy.children = (value as Node[]).map(plainCopy);
    else if (key === 'properties' || key === 'data') copy[key] = { ...(value as object) };
    else copy[key] = value;
  }
  return copy as unknown as Node;
}

/**
 * Sätteri hast plugin running `plugins` (a unified plugin list) over the
 * document, with the frontmatter in `file.data.astro` as under unified (the
 * dateline plugin reads it).
 */
export function rehypeStage(name: string, plugins: PluggableList): HastPluginDefinition {
  const processor = unified().use(plugins).freeze();
  return defineHastPlugin({
    name,
    before(root, ctx) {
      const tree = plainCopy(root) as Root;
      const file = new VFile();
      file.data.astro = { frontmatter: ctx.data.astro?.frontmatter };
      ctx.replaceNode(root, processor.runSync(tree, file) as Root);
    },
  });
}
