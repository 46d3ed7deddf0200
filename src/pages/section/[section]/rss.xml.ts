/** `/section/<id>/rss.xml`: the newest stories in one section, written again only when its items change (its `cacheKey`). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCorpus } from '../../../lib/model/corpus.ts';
import { feedKey, feedResponse, type FeedOptions } from '../../../lib/publish/feed.ts';
import { sectionFeedUrl } from '../../../lib/model/urls.ts';
import { site, type SectionConfig } from '../../../site.config.ts';

async function sectionFeed(section: SectionConfig): Promise<FeedOptions> {
  return {
    title: `${site.name}: ${section.name}`,
    description: `The latest ${section.name} stories from ${site.name}.`,
    path: sectionFeedUrl(section.id),
    articles: (await getCorpus()).listings.bySection.get(section.id) ?? [],
  };
}

export const getStaticPaths = (async () => Promise.all((await getCorpus()).sections.map(async (section) => ({
  params: { section: section.id }, props: { section }, cacheKey: feedKey(await sectionFeed(section)),
})))) satisfies GetStaticPaths;

export const GET: APIRoute<{ section: SectionConfig }> = async ({ props: { section } }) => feedResponse(await sectionFeed(section));
