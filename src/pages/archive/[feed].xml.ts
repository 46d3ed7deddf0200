/**
 * `/archive/rss.xml`: every published story, newest first. Subscribers get
 * the light `/rss.xml`; this one is the complete record for archivers and
 * aggregators, and the build checks it holds one item per published story.
 *
 * A route with one path, so that it can carry a `cacheKey` (only
 * getStaticPaths hands one to Astro's incremental build): the feed is
 * written again only when an item or its heading changes, not on every
 * build (about 0.9 s at 10,000 stories).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCorpus } from '../../lib/model/corpus';
import { feedKey, feedResponse, type FeedOptions } from '../../lib/publish/feed';
import { archiveFeedUrl } from '../../lib/model/urls';
import { site } from '../../site.config';

async function archiveFeed(): Promise<FeedOptions> {
  const { articles } = await getCorpus();
  return {
    title: `${site.name}: every story`,
    description: `Every story ${site.name} has published, newest first.`,
    path: archiveFeedUrl,
    articles,
    limit: articles.length,
  };
}

export const getStaticPaths = (async () => [{ params: { feed: 'rss' }, cacheKey: feedKey(await archiveFeed()) }]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => feedResponse(await archiveFeed());
