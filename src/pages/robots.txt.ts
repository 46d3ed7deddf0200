/** `/robots.txt`: everything may be crawled; the sitemaps are named with the site's own URL. */
import type { APIRoute } from 'astro';
import { site } from '../site.config.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${site.url}/sitemap-index.xml\nSitemap: ${site.url}/news-sitemap.xml\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
