/**
 * The complete feed, every published story, for archivers and aggregators
 * (subscribers get the light `/rss.xml`): `/archive/rss.xml` holds the newest
 * month and links back to `/archive/<year>/<month>/rss.xml`, one document per
 * earlier month (RFC 5005 archived feeds; src/lib/publish/feed.ts). The build
 * walks those links and checks they hold one item per published story.
 *
 * Each document carries a `cacheKey`, a digest of its items and links: only
 * a document whose month changed is written again.
 */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getCorpus } from '../../lib/model/corpus.ts';
import { completeFeed, feedKey, feedResponse } from '../../lib/publish/feed.ts';

export const getStaticPaths = (async () => {
  const { listings } = await getCorpus();
  return completeFeed(listings.archive.flatMap((year) => year.months)).map((feed) => ({
    // `/archive/rss.xml` → "rss"; `/archive/2025/05/rss.xml` → "2025/05/rss".
    params: { feed: feed.path.replace(/^\/archive\//, '').replace(/\.xml$/, '') },
    props: { feed },
    cacheKey: feedKey(feed),
  }));
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) => feedResponse(props.feed);
