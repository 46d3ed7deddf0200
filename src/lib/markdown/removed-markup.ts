/**
 * What the sanitizer takes out of an article body that its writer put there
 * on purpose: an element the site does not publish (an iframe embed, a
 * script, a form), an event handler, a link or image with a script or data
 * address. The story is published without them, and the loader says so,
 * naming the file, so that nothing leaves a story unannounced.
 */
import type { Element, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Nodes, Root } from 'mdast';
import { sanitizeSchema } from './sanitize-schema.ts';

const ALLOWED = new Set(sanitizeSchema.tagNames ?? []);
const STRIPPED = new Set(sanitizeSchema.strip ?? []);
/** Attributes holding an address, and the schemes each may use (others as links: the sanitizer's `href`). */
const ADDRESSES = ['href', 'src', 'cite', 'action', 'formAction', 'data', 'poster', 'srcSet'];
const schemes = (attribute: string) => sanitizeSchema.protocols?.[attribute] ?? sanitizeSchema.protocols?.href ?? [];

/** The scheme of an address ("javascript"), or undefined for a relative one. */
function schemeOf(address: string): string | undefined {
  // Browsers drop tabs and line breaks inside a scheme, and spaces before it ("java\tscript:").
  return /^([a-z][a-z\d+.-]*):/i.exec(address.replace(/[\t\n\r]/g, '').trim())?.[1]?.toLowerCase();
}

/** Each thing taken out of the body, described for its writer, once each, in reading order. */
export function removedMarkup(tree: Root): string[] {
  const found = new Set<string>();
  const address = (url: string, allowed: readonly string[]) => {
    const scheme = schemeOf(url);
    if (scheme && !allowed.includes(scheme)) found.add(`a ${scheme}: address`);
  };
  const element = (node: HastNodes): void => {
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      const { tagName, properties } = node as Element;
      if (!ALLOWED.has(tagName)) found.add(`<${tagName}>${STRIPPED.has(tagName) ? ' with what it held' : ''}`);
      // What a stripped element held goes with it: nothing inside it is worth naming.
      if (STRIPPED.has(tagName)) return;
      for (const [name, value] of Object.entries(properties)) {
        if (/^on/i.test(name)) found.add(`an event handler (${name.toLowerCase()})`);
        else if (ADDRESSES.includes(name) && typeof value === 'string') address(value, schemes(name));
      }
    }
    for (const child of node.children) element(child);
  };
  const walk = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'definition') address(node.url, schemes('href'));
    else if (node.type === 'image') address(node.url, schemes('src'));
    if (!('children' in node)) {
      if (node.type === 'html') element(fromHtml(node.value, { fragment: true }));
      return;
    }
    // HTML within a paragraph comes a tag at a time ("<svg>", "<script>", "</script>"): its tags
    // are read together, so that what a removed element holds is read as held by it.
    const together = node.type !== 'root' && node.children.some((child) => child.type === 'html');
    if (together) element(fromHtml(node.children.map((child) => (child.type === 'html' ? child.value : ' ')).join(''), { fragment: true }));
    for (const child of node.children) if (!(together && child.type === 'html')) walk(child);
  };
  walk(tree);
  return [...found];
}
