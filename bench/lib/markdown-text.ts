/**
 * The body text of an article's Markdown, for benchmarks that read article
 * files without running Astro: the same tree the site's pipeline builds
 * (CommonMark with GitHub's extensions, smart punctuation) read by the same
 * function (src/lib/markdown/body-text.ts), so the engines see here what they
 * see in the build.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { bodyText } from '../../src/lib/markdown/body-text';
import { remarkSmartPunctuation } from '../../src/lib/markdown/remark-smart-punctuation';

const smartPunctuation = remarkSmartPunctuation();

/** Markdown → the body text the site's engines read. */
export function markdownToText(markdown: string): string {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  smartPunctuation(tree);
  return bodyText(tree);
}
