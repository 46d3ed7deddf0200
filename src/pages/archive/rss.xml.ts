/**
 * `/archive/rss.xml`: every published story, newest first. Subscribers get
 * the light `/rss.xml`; this one is the complete record for archivers and
 * aggregators, and the build checks it holds one item per published story.
 */
import type { APIRoute } from 'astro';
import { getCorpus } from '../../lib/model/corpus';
import { feedResponse } from '../../lib/publish/feed';
import { archiveFeedUrl } from '../../lib/model/urls';
import { site } from '../../site.config';

export const GET: APIRoute = async () => {
  const { articles } = await getCorpus();
  return feedResponse({
    title: `${site.name}: every story`,
    description: `Every story ${site.name} has published, newest first.`,
    path: archiveFeedUrl,
    articles,
    limit: articles.length,
  });
};
