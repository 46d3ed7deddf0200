/**
 * The sitemap (@astrojs/sitemap) with a `lastmod` for every article page.
 * The integration only sees URLs once the site is written, so the date is
 * read back from the page itself: the `article:modified_time` its head
 * declares (the article's `updated`, or its `date`). One place decides that
 * date (HeadMeta), and the sitemap cannot disagree with the page.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';

const MODIFIED_RE = /<meta property="article:modified_time" content="([^"]+)"/;
// The meta tags come early in <head>; no need to read whole pages.
const HEAD_BYTES = 32 * 1024;

/** The `article:modified_time` of the built page for `url`, if it declares one. */
export function builtPageModifiedTime(outDir: string, url: string): string | undefined {
  const path = decodeURI(new URL(url).pathname);
  const file = join(outDir, path.endsWith('/') ? `${path}index.html` : path);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return MODIFIED_RE.exec(buffer.toString('utf8', 0, read))?.[1];
  } finally {
    closeSync(fd);
  }
}

/** Paths left out of the sitemap: the search page has no content of its own. */
const EXCLUDED = [/^\/search\//];

/** The sitemap integrations for astro.config: sitemap-index.xml with lastmod on articles. */
export function sitemapWithLastmod(): AstroIntegration[] {
  let outDir: string | undefined;
  return [
    {
      name: 'dispatch:sitemap-out-dir',
      hooks: {
        'astro:config:done': ({ config }) => {
          outDir = fileURLToPath(config.outDir);
        },
      },
    },
    sitemap({
      filter: (page) => !EXCLUDED.some((re) => re.test(new URL(page).pathname)),
      serialize(item) {
        const lastmod = outDir ? builtPageModifiedTime(outDir, item.url) : undefined;
        return lastmod ? { ...item, lastmod } : item;
      },
    }),
  ];
}
