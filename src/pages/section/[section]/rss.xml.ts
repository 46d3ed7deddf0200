/** `/section/<id>/rss.xml`: the newest stories in one section. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCorpus } from '../../../lib/model/corpus';
import { feedResponse } from '../../../lib/publish/feed';
import { sectionFeedUrl } from '../../../lib/model/urls';
import { site, type SectionConfig } from '../../../site.config';

export const getStaticPaths = (async () =>
  (await getCorpus()).sections.map((section) => ({ params: { section: section.id }, props: { section } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ section: SectionConfig }> = async ({ props: { section } }) =>
  feedResponse({
    title: `${site.name}: ${section.name}`,
    description: `The latest ${section.name} stories from ${site.name}.`,
    path: sectionFeedUrl(section.id),
    articles: (await getCorpus()).listings.bySection.get(section.id) ?? [],
  });
