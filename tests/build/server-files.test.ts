import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { COPY_ENDING } from '../../src/lib/build/precompress';
import { responseHeaders } from '../../src/lib/publish/security-policy';
import { site } from '../../src/site.config';
import { matches, readHeaderRules } from '../../harness/static-server';

const siteDir = () => inject('fixtureSite');

/** Every served file of the built site as a URL path (`/a/index.html` → `/a/`). */
function servedPaths(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !COPY_ENDING.test(e.name))
    .map((e) => `/${relative(dir, join(e.parentPath, e.name))}`)
    .filter((p) => !p.startsWith('/_server/') && p !== '/_headers')
    .map((p) => p.replace(/(^|\/)index\.html$/, '$1'));
}

const lowerCased = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

describe('the host files a build writes', () => {
  it('gives every served file exactly one Cache-Control rule in _headers, so no host has to join or choose', () => {
    const rules = readHeaderRules(siteDir()).filter((r) => r.headers['cache-control']);
    for (const path of servedPaths(siteDir())) {
      const matching = rules.filter((r) => matches(r.pattern, path));
      expect(matching.map((r) => r.pattern), path).toHaveLength(1);
    }
  });

  it('caches /_astro/ and the search index\'s content-named files for a year, and pages, feeds and the manifest briefly', () => {
    const dir = siteDir();
    const rules = readHeaderRules(dir);
    const cacheOf = (path: string) => rules.find((r) => r.headers['cache-control'] && matches(r.pattern, path))?.headers['cache-control'];
    const { vocab } = JSON.parse(readFileSync(join(dir, 'search/index.json'), 'utf8')) as { vocab: { files: string[] } };
    const astroFile = readdirSync(join(dir, '_astro'))[0]!;
    expect(cacheOf(`/_astro/${astroFile}`)).toBe(site.serving.cacheControl.immutable);
    expect(cacheOf(`/search/f/${vocab.files[0]}.json`)).toBe(site.serving.cacheControl.immutable);
    for (const path of ['/', '/search/', '/search/index.json', '/rss.xml', '/robots.txt', '/sitemap-index.xml', '/404.html', '/articles/lotus-exports/']) {
      expect(cacheOf(path), path).toBe(site.serving.cacheControl.revalidate);
    }
  });

  it('sends the security headers for every path from _headers, and states each of them in every nginx location and in Caddy’s error route', () => {
    const dir = siteDir();
    const all = readHeaderRules(dir).find((r) => r.pattern === '/*');
    expect(all?.headers).toEqual(lowerCased(responseHeaders()));
    const nginx = readFileSync(join(dir, '_server/nginx.conf'), 'utf8');
    const locations = [...nginx.matchAll(/^location [^{]*\{\n([\s\S]*?)^\}/gm)].map((m) => m[1]!);
    expect(locations.length).toBeGreaterThanOrEqual(3);
    for (const block of locations) {
      for (const [name, value] of Object.entries(responseHeaders())) expect(block).toContain(`add_header ${name} "${value}" always;`);
    }
    const caddy = readFileSync(join(dir, '_server/Caddyfile'), 'utf8');
    const errorRoute = caddy.slice(caddy.indexOf('handle_errors {'));
    for (const name of Object.keys(responseHeaders())) {
      expect(caddy.split(`    ${name} `).length - 1, name).toBe(2);
      expect(errorRoute).toContain(`${name} `);
    }
  });

  it('writes brotli and gzip copies beside each text file that decompress to the file itself', () => {
    const dir = siteDir();
    const text = readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(html|css|js|json|xml|svg|txt)$/.test(e.name))
      .map((e) => join(e.parentPath, e.name));
    const large = text.filter((f) => readFileSync(f).length >= 1024);
    expect(large.length).toBeGreaterThan(20);
    for (const file of large) {
      const original = readFileSync(file);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original), file).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original), file).toBe(true);
    }
    const binary = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(jpg|webp|avif|png)\.(br|gz)$/.test(f));
    expect(binary).toEqual([]);
  });
});
