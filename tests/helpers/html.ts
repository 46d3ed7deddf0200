/** Reading built pages: parse an HTML file of the built site into a DOM. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
