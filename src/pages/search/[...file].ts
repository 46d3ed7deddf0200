/**
 * The search index as static JSON files: /search/index.json and its shards.
 * The dev server serves each file from here; a build hands them all to
 * src/integrations/search-files.ts, which writes them in one go (through
 * Astro, each of the thousands of small files cost about a millisecond).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { handOver } from '../../lib/build-handover';
import { getCorpus } from '../../lib/model/corpus';
import { searchIndex } from '../../lib/search-index';

export const getStaticPaths = (async () => {
  const { files } = await searchIndex(await getCorpus());
  if (!import.meta.env.DEV) {
    handOver('searchFiles', files);
    return [];
  }
  return [...files.keys()].map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const body = (await searchIndex(await getCorpus())).files.get(params.file ?? '');
  if (body === undefined) return new Response('not found', { status: 404 });
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
