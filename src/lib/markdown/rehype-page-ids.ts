/**
 * A body's heading "## Related" got the id "related", which the article page
 * already gives its "See more" block (and "Share heading" the share links'
 * heading, which labels them): two elements with one id, and the page's
 * label or anchor taken by the body. This renames a body id the page uses,
 * or one an earlier element of the body has, to the first free `<id>-<n>`.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Ids the article page gives its own elements (BaseLayout, SiteHeader, SearchForm, ShareLinks, RelatedStories). */
export const ARTICLE_PAGE_IDS = ['main', 'header-search', 'site-search', 'share-heading', 'related', 'related-heading'];

/** Rehype plugin: every id in the body unique on the article page. */
export function rehypePageIds() {
  return (tree: Root) => {
    const elements: Element[] = [];
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') elements.push(node);
    });
    const written = new Set(elements.map((node) => node.properties.id as string));
    const used = new Set(ARTICLE_PAGE_IDS);
    for (const node of elements) {
      const id = node.properties.id as string;
      let free = id;
      // Not an id another element of the body was written with, either.
      for (let n = 1; used.has(free) || (free !== id && written.has(free)); n++) free = `${id}-${n}`;
      used.add(free);
      node.properties.id = free;
    }
  };
}
