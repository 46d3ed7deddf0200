/**
 * The page-weight benchmark: bytes (raw and gzip) of the HTML, CSS and
 * JavaScript a reader downloads for the front page, an article and the search
 * page before any interaction, and the images loaded eagerly, counted apart.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtPages, fileForPath } from '../harness/html';
import { DESKTOP, pageResources, resolvePath, staticImports } from './lib/page-weight';
import { formatTable, kilobytes } from './lib/table';

export const WEIGHT_TARGETS = {
  /** Article page: HTML + CSS, gzip. */
  articleHtmlCssGzip: 30 * 1024,
  /** Article page: JavaScript (the search box's lazy loader only), gzip. */
  articleJsGzip: 3 * 1024,
  /** Front page: HTML + CSS + JS, gzip. */
  frontGzip: 50 * 1024,
};

export interface FileWeight {
  path: string;
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  name: string;
  path: string;
  html: FileWeight[];
  css: FileWeight[];
  js: FileWeight[];
  /** Eager images (the candidate a 1280 px wide, DPR 1 viewport picks); bytes as stored, not gzipped. */
  images: (FileWeight & { candidates: string[] })[];
}

const total = (files: readonly FileWeight[], key: 'bytes' | 'gzip') => files.reduce((sum, f) => sum + f[key], 0);

function weigh(site: string, path: string): FileWeight {
  const file = fileForPath(site, path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`${path} is referenced but not in the built site (${file})`);
  const bytes = readFileSync(file);
  // Images are sent as they are; text is gzipped by any host.
  const compressible = /\.(html|css|m?js|json|svg|xml|txt)$/.test(extname(file));
  return { path, bytes: bytes.length, gzip: compressible ? gzipSync(bytes).length : bytes.length };
}

/** Weighs one built page: `path` is its URL path (`/articles/x/`). */
export function pageWeight(site: string, name: string, path: string): PageWeight {
  const html = readFileSync(fileForPath(site, path), 'utf8');
  const resources = pageResources(html, DESKTOP);
  const local = (refs: string[], from: string) => refs.flatMap((r) => resolvePath(r, from) ?? []);
  // Scripts and their static imports, breadth first, each once.
  const js: string[] = [];
  const queue = [...local(resources.scripts, path), ...local(resources.modulepreloads, path)];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (js.includes(next)) continue;
    js.push(next);
    queue.push(...local(staticImports(readFileSync(fileForPath(site, next), 'utf8')), next));
  }
  return {
    name,
    path,
    html: [weigh(site, path)],
    css: [...new Set(local(resources.stylesheets, path))].map((p) => weigh(site, p)),
    js: js.map((p) => weigh(site, p)),
    images: resources.eagerImages.flatMap((img) => {
      const p = resolvePath(img.url, path);
      return p ? [{ ...weigh(site, p), candidates: img.candidates }] : [];
    }),
  };
}

/** The pages weighed: the front page, the heaviest article page (by gzip HTML), the search page. */
export function weighSite(site: string): PageWeight[] {
  const articles = builtPages(site).filter((p) => /^\/articles\/[^/]+\/$/.test(p));
  if (articles.length === 0) throw new Error(`no article pages in ${site}`);
  const heaviest = articles
    .map((p) => ({ p, gzip: weigh(site, p).gzip }))
    .sort((a, b) => b.gzip - a.gzip)[0]!.p;
  return [pageWeight(site, 'front page', '/'), pageWeight(site, 'article (heaviest)', heaviest), pageWeight(site, 'search', '/search/')];
}

export function weightSummary(page: PageWeight) {
  const sum = (key: 'bytes' | 'gzip') => total(page.html, key) + total(page.css, key) + total(page.js, key);
  return {
    htmlCssGzip: total(page.html, 'gzip') + total(page.css, 'gzip'),
    jsGzip: total(page.js, 'gzip'),
    totalBytes: sum('bytes'),
    totalGzip: sum('gzip'),
    imageBytes: total(page.images, 'bytes'),
  };
}

/** Raw / gzip per kind, the total and the eager images, one row per page. */
export function weightTable(pages: readonly PageWeight[]): string {
  const pair = (files: readonly FileWeight[]) => `${kilobytes(total(files, 'bytes'))} / ${kilobytes(total(files, 'gzip'))}`;
  return formatTable(
    ['page', 'HTML raw / gzip', 'CSS raw / gzip', 'JS raw / gzip (files)', 'total raw / gzip', 'eager images'],
    pages.map((p) => {
      const s = weightSummary(p);
      return [
        `${p.name} ${p.path}`, pair(p.html), pair(p.css), `${pair(p.js)} (${p.js.length})`,
        `${kilobytes(s.totalBytes)} / ${kilobytes(s.totalGzip)}`,
        p.images.length ? `${kilobytes(s.imageBytes)} (${p.images.length})` : 'none',
      ];
    }),
  );
}

/** What a script file is, by the component or file it comes from. */
const SCRIPT_ROLES: [RegExp, string][] = [
  [/^\/theme-init\.js$/, "applies the reader's saved theme before the first paint (no dark-mode flash)"],
  [/ThemeToggle\.astro/, 'the light/dark theme button'],
  [/SearchForm\.astro/, "the search box's lazy loader (loads the search code on focus or first keystroke)"],
  [/ShareLinks\.astro/, "the share links' copy-link button"],
  [/SiteHeader\.astro/, "the phone header's search button and section row"],
];

/** Every script a page loads before interaction, with its size and what it is for. */
export function scriptLines(page: PageWeight): string[] {
  return page.js.map((f) => {
    const role = SCRIPT_ROLES.find(([re]) => re.test(f.path))?.[1] ?? 'search page code';
    return `  ${kilobytes(f.gzip).padStart(7)} gzip  ${f.path.split('/').pop()}: ${role}`;
  });
}

/** One line per target: the figure, the limit, met or not. */
export function weightVerdicts(pages: readonly PageWeight[]): string[] {
  const lines: string[] = [];
  const check = (what: string, value: number, limit: number) =>
    lines.push(`${value <= limit ? 'met ' : 'MISS'}  ${what}: ${kilobytes(value)} (target ≤ ${kilobytes(limit)})`);
  const article = pages.find((p) => p.name.startsWith('article'));
  const front = pages.find((p) => p.name === 'front page');
  if (article) {
    const s = weightSummary(article);
    check('article HTML + CSS gzip', s.htmlCssGzip, WEIGHT_TARGETS.articleHtmlCssGzip);
    const loader = total(article.js.filter((f) => /SearchForm\.astro/.test(f.path)), 'gzip');
    check(
      `article JS gzip, all ${article.js.length} files (search loader ${kilobytes(loader)}, theme, header and copy-link scripts ${kilobytes(s.jsGzip - loader)})`,
      s.jsGzip, WEIGHT_TARGETS.articleJsGzip,
    );
  }
  if (front) check('front page HTML + CSS + JS gzip', weightSummary(front).totalGzip, WEIGHT_TARGETS.frontGzip);
  return lines;
}
