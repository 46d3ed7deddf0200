/** `/rss.xml`: the newest stories from the whole site. */
import type { APIRoute } from 'astro';
import { getCorpus } from '../lib/model/corpus';
import { feedResponse } from '../lib/publish/feed';
import { siteFeedUrl } from '../lib/model/urls';
import { site } from '../site.config';

export const GET: APIRoute = async () =>
  feedResponse({ title: site.name, description: site.tagline, path: siteFeedUrl, articles: (await getCorpus()).articles });
