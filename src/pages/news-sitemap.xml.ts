/** `/news-sitemap.xml`: the Google News sitemap (src/lib/publish/news-sitemap.ts), named in robots.txt. */
import type { APIRoute } from 'astro';
import { getCorpus } from '../lib/model/corpus.ts';
import { buildTime } from '../lib/model/published.ts';
import { newsSitemapXml, recentNews } from '../lib/publish/news-sitemap.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = async () =>
  new Response(newsSitemapXml(recentNews((await getCorpus()).articles, buildTime), site), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
