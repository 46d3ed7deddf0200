/** `/rss.xml`: the newest stories from the whole site. */
import type { APIRoute } from 'astro';
import { getCorpus } from '../lib/model/corpus.ts';
import { feedResponse } from '../lib/publish/feed.ts';
import { siteFeedUrl } from '../lib/model/urls.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = async () =>
  feedResponse({ title: site.name, description: site.tagline, path: siteFeedUrl, articles: (await getCorpus()).articles });
