// src/lib/build/: build plumbing: the publication check over the written site, precompression, build profiling.
/**
 * No silent loss: after a build, every published article must appear exactly
 * once as a page, a search-index record, a sitemap entry and an item of the
 * complete feed. The build reads the written site back before it publishes
 * it and compares it with the model's list (src/integrations/publication-check.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { archiveFeedUrl, articlesPath, articleUrl, searchUrl } from '../model/urls.ts';
import { CONTENT_FOLDER, MANIFEST_FILE, contentPath, headlineNames, recordName, type DirectoryShard, type HeadlineShard, type SearchManifest } from '../search/index-format.ts';

/**
 * The item links of the complete feed, read as an archiver would: from the
 * subscription document back along its `prev-archive` links, month by month
 * (src/lib/publish/feed.ts). A document missing, or a link leading outside
 * the site or back into the chain, ends the walk: its stories count as missing.
 */
function completeFeedLinks(outDir: string, path: (url: string) => string): string[] {
  const links: string[] = [];
  const seen = new Set<string>();
  for (let at: string | undefined = archiveFeedUrl; at !== undefined && !seen.has(at); ) {
    seen.add(at);
    const file = join(outDir, at);
    if (!at.startsWith('/archive/') || at.includes('..') || !existsSync(file)) break;
    const xml = readFileSync(file, 'utf8');
    for (const m of xml.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)) links.push(path(m[1]!));
    // The channel's own link, before the first item (an item's text never holds one unescaped).
    const prev = /<atom:link href="([^"]*)" rel="prev-archive"/.exec(xml.split('<item>', 1)[0]!)?.[1];
    at = prev === undefined ? undefined : path(prev);
  }
  return links;
}

/**
 * Where published articles must appear in a built site, as URL paths per
 * place. `listed`, when given, holds every file of the site, as paths
 * relative to it (the look the publishing takes: src/lib/build/sync-site.ts):
 * the pages and the search records are then found in it instead of on disk.
 */
export function builtArticleUrls(outDir: string, listed?: ReadonlyMap<string, unknown>): Record<string, string[]> {
  const articlesDir = join(outDir, articlesPath);
  const page = (id: string) => join(articlesPath, id, 'index.html').slice(1);
  const pages = existsSync(articlesDir)
    ? readdirSync(articlesDir).filter((id) => (listed ? listed.has(page(id)) : existsSync(join(articlesDir, id, 'index.html')))).map(articleUrl)
    : [];
  const path = (url: string) => decodeURI(new URL(url, 'http://x').pathname);
  const sitemap = readdirSync(outDir)
    .filter((f) => /^sitemap-\d+\.xml$/.test(f))
    .flatMap((f) => [...readFileSync(join(outDir, f), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => path(m[1]!)))
    .filter((p) => p.startsWith(articlesPath));
  const feed = completeFeedLinks(outDir, path);
  const searchDir = join(outDir, searchUrl);
  // A missing file (a half-written index) counts as records missing, never as a crash.
  const read = <T>(path: string): T | undefined => {
    const file = join(searchDir, path);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  };
  // Every story of a headline shard, listed by a directory the manifest lists,
  // whose record is there. The record is not read: it holds the story's whole
  // text (reading 10,000 of them took a quarter of a second of every build),
  // and its name comes from its shard's, whose name is a digest of the records
  // too, written by the same step (the update's own tests compare it with a whole build).
  // The records are found in one listing of their folder, not one lookup each.
  const search: string[] = [];
  const manifest = read<SearchManifest>(MANIFEST_FILE);
  const contentDir = join(searchDir, CONTENT_FOLDER);
  const contentFolder = join(searchUrl, CONTENT_FOLDER).slice(1) + sep;
  const present = listed
    ? new Set([...listed.keys()].filter((path) => path.startsWith(contentFolder)).map((path) => path.slice(contentFolder.length)))
    : new Set(existsSync(contentDir) ? readdirSync(contentDir) : []);
  for (const [d, directory] of (manifest?.directories ?? []).entries()) {
    const shards = read<DirectoryShard>(contentPath(directory));
    for (const shard of shards ? headlineNames(shards, d * manifest!.directorySize) : []) {
      const headlines = read<HeadlineShard>(contentPath(shard));
      headlines?.url.forEach((url, i) => {
        if (present.has(basename(contentPath(recordName(shard, i))))) search.push(url);
      });
    }
  }
  return { 'article pages': pages, 'search-index records': search, 'sitemap entries': sitemap, 'complete-feed items': feed };
}

/** Compares what was published with what was written; returns one line per place that differs. */
export function publicationProblems(published: readonly string[], built: Record<string, string[]>): string[] {
  const wanted = new Set(published);
  const problems: string[] = [];
  for (const [place, urls] of Object.entries(built)) {
    const seen = new Map<string, number>();
    for (const url of urls) seen.set(url, (seen.get(url) ?? 0) + 1);
    const missing = [...wanted].filter((u) => !seen.has(u));
    const extra = [...seen.keys()].filter((u) => !wanted.has(u));
    const repeated = [...seen].filter(([, n]) => n > 1).map(([u]) => u);
    if (urls.length === wanted.size && missing.length === 0 && extra.length === 0) continue;
    const list = (label: string, items: string[]) => (items.length ? `; ${label}: ${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}` : '');
    problems.push(
      `${place}: ${urls.length} for ${wanted.size} published articles` +
        list('missing', missing) + list('not published', extra) + list('repeated', repeated),
    );
  }
  return problems;
}
