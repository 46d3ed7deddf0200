/** `/social/<id>.jpg`: an article's 1200×630 social card, cut from its photo at build time. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Article } from '../../lib/model/article.ts';
import { getCorpus } from '../../lib/model/corpus.ts';
import { socialCardKey } from '../../lib/model/digests.ts';
import { renderSocialCard } from '../../lib/publish/social-card.ts';

export const getStaticPaths = (async () =>
  (await getCorpus()).articlePages.filter((a) => a.image).map((article) => ({ params: { id: article.id }, props: { article }, cacheKey: socialCardKey(article) }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ article: Article }> = async ({ props }) => {
  const { article } = props;
  if (!article.image) return new Response(null, { status: 404 });
  const card = await renderSocialCard(article.image.src, article.file);
  // A copy into a plain ArrayBuffer: what Response accepts as a body.
  return new Response(new Uint8Array(card).buffer, { headers: { 'Content-Type': 'image/jpeg' } });
};
