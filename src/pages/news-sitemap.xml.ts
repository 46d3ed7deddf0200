/** `/news-sitemap.xml`: the Google News sitemap (src/lib/publish/news-sitemap.ts), named in robots.txt. */
import type { APIRoute } from 'astro';
import { getCorpus } from '../lib/model/corpus';
import { buildTime } from '../lib/model/published';
import { newsSitemapXml, recentNews } from '../lib/publish/news-sitemap';
import { site } from '../site.config';

export const GET: APIRoute = async () =>
  new Response(newsSitemapXml(recentNews((await getCorpus()).articles, buildTime), site), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
