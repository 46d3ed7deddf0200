/**
 * The sample site as production serves it: nginx and Caddy from Debian, each
 * with the config the build generated (dist/_server/), smoke-tested in
 * Chromium and over plain HTTP: pages, search, the 404, a feed, the security
 * and caching headers, precompressed responses, and hostile request paths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, siteInBrowser } from '../../harness/browser';
import { serveWithCaddy, serveWithNginx, webServerAvailable } from '../../harness/web-servers';
import { site } from '../../src/site.config';

const sampleSite = () => inject('sampleSite');

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Sends `path` exactly as written (no normalising of `..`, `%2e` or `%00`, as
 * fetch and browsers would do), the way a hostile client can.
 */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, method: 'GET', path: '/', headers, insecureHTTPParser: true }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    // Node checks a request path for characters such as NUL; set it after that check.
    (req as unknown as { path: string }).path = path;
    req.on('error', fail);
    req.end();
  });
}

/** Opens a blank page that collects the console errors and uncaught exceptions of every page it then goes to. */
async function openQuietly(open: (path: string) => Promise<Page>): Promise<{ page: Page; errors: string[] }> {
  const errors: string[] = [];
  const page = await open('about:blank');
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

function firstFile(dir: string, pattern: RegExp): string {
  const name = readdirSync(dir).find((f) => pattern.test(f));
  if (!name) throw new Error(`no file matching ${pattern} in ${dir}`);
  return name;
}

const servers = [
  { name: 'nginx', serve: serveWithNginx },
  { name: 'Caddy', serve: serveWithCaddy },
] as const;

for (const { name, serve } of servers) {
  describe.runIf(browserAvailable() && webServerAvailable(name === 'nginx' ? 'nginx' : 'caddy'))(`the sample site served by ${name} with its generated config`, () => {
    const browser = siteInBrowser(sampleSite, serve);

    it('serves the front page, an article, search, the 404 page and a feed without a console error', async () => {
      const { page, errors } = await openQuietly(browser.open);
      const front = await page.goto(browser.url('/'));
      expect(front?.status()).toBe(200);
      const articleHref = await page.locator('main a[href^="/articles/"]').first().getAttribute('href');
      const article = await page.goto(browser.url(articleHref!));
      expect(article?.status()).toBe(200);
      await expect(page.locator('h1').count()).resolves.toBe(1);

      await page.goto(browser.url('/search/?q=da+nang'));
      await page.locator('#search-results a[href^="/articles/"]').first().waitFor();

      expect(errors).toEqual([]);

      // The page's own request is the one error a 404 page logs.
      const missing = await page.goto(browser.url('/no-such-story/'));
      expect(missing?.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.not.toBe('');
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)']);

      // Fetched, not opened: Chromium's own XML viewer draws with data: images the site's policy blocks.
      const feed = await page.request.get(browser.url('/rss.xml'));
      expect(feed.status()).toBe(200);
      expect(feed.headers()['content-type']).toMatch(/xml/);
      expect(await feed.text()).toContain('<rss');
    });

    it('sends the security headers with every response, the 404 included', async () => {
      for (const path of ['/', '/no-such-story/', '/rss.xml', '/search/index.json']) {
        const res = await fetch(browser.url(path));
        expect(res.headers.get('content-security-policy'), path).toMatch(/script-src 'self'(;|$)/);
        expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      }
    });

    it('caches hashed files for a year and pages, feeds, sitemaps and the search manifest briefly', async () => {
      const dir = sampleSite();
      const { vocab } = JSON.parse(readFileSync(join(dir, 'search/index.json'), 'utf8')) as { vocab: { files: string[] } };
      const immutable = [
        `/_astro/${firstFile(join(dir, '_astro'), /\.css$/)}`,
        `/_astro/${firstFile(join(dir, '_astro'), /\.(jpg|webp|avif)$/)}`,
        `/search/f/${vocab.files[0]}.json`,
      ];
      const brief = ['/', `/articles/${readdirSync(join(dir, 'articles'))[0]}/`, '/rss.xml', '/sitemap-index.xml', '/robots.txt', '/search/index.json', '/search/'];
      for (const path of immutable) {
        const res = await fetch(browser.url(path));
        expect(res.status, path).toBe(200);
        expect(res.headers.get('cache-control'), path).toBe(site.serving.cacheControl.immutable);
      }
      for (const path of brief) {
        const res = await fetch(browser.url(path));
        expect(res.status, path).toBe(200);
        expect(res.headers.get('cache-control'), path).toBe(site.serving.cacheControl.revalidate);
      }
    });

    it('sends the precompressed brotli or gzip copy to a client that accepts it', async () => {
      const html = readFileSync(join(sampleSite(), 'index.html'));
      for (const encoding of ['br', 'gzip']) {
        const res = await rawGet(browser.url('/'), '/', { 'accept-encoding': encoding });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(res.body.length).toBeLessThan(html.length / 3);
        expect(res.body.equals(readFileSync(join(sampleSite(), `index.html.${encoding === 'br' ? 'br' : 'gz'}`)))).toBe(true);
      }
      const plain = await rawGet(browser.url('/'), '/');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(html)).toBe(true);
    });

    it('answers hostile paths with 400 or 404 and never a file outside the site', async () => {
      const hostile = [
        '/articles/../../etc/passwd',
        '/../../../../etc/passwd',
        '/articles/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
        '/articles/..%2f..%2f..%2fetc/passwd',
        '/index.html%00.txt',
        '/articles/%00/',
        `/${'a'.repeat(10_000)}`,
        `/articles/${'%2e%2e/'.repeat(300)}etc/passwd`,
        '/_server/nginx.conf',
        '/_server/Caddyfile',
        '/_headers',
        '/.git/config',
      ];
      for (const path of hostile) {
        const res = await rawGet(browser.url('/'), path);
        expect([400, 404, 414], path.slice(0, 60)).toContain(res.status);
        expect(res.body.toString('latin1'), path.slice(0, 60)).not.toMatch(/root:|daemon:|location |import /);
      }
    });

    it('answers a missing page with the site’s 404 page and status 404, never a 200', async () => {
      const notFound = readFileSync(join(sampleSite(), '404.html'), 'utf8');
      for (const path of ['/no-such-story/', '/articles/no-such-story/', '/search/nothing.json', '/_astro/missing.css']) {
        const res = await rawGet(browser.url('/'), path);
        expect(res.status, path).toBe(404);
        expect(res.body.toString('utf8'), path).toBe(notFound);
      }
    });
  });
}
