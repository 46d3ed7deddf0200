/** Reading built pages: parse an HTML file of the built site into a DOM. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parseHTML } from 'linkedom';

/** The file a site URL path is served from (`/a/` → `a/index.html`). */
export function fileForPath(siteDir: string, urlPath: string): string {
  const clean = decodeURI(urlPath.split(/[?#]/)[0] ?? '/');
  return clean.endsWith('/') ? join(siteDir, clean, 'index.html') : join(siteDir, clean);
}

/** Parses the built page at `urlPath` and returns its document. */
export function loadPage(siteDir: string, urlPath: string): Document {
  const file = fileForPath(siteDir, urlPath);
  if (!existsSync(file)) throw new Error(`no built page for ${urlPath} (${file})`);
  return parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;
}

/** Every HTML page of a built site, as site URL paths (`/a/` for `a/index.html`), sorted. */
export function builtPages(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => '/' + f.split(sep).join('/').replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}
