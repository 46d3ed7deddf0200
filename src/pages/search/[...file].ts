/** The search index as static JSON files: /search/index.json and its shards. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { searchIndex } from '../../lib/search-index';

export const getStaticPaths = (async () => {
  const { files } = await searchIndex();
  return [...files.keys()].map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const body = (await searchIndex()).files.get(params.file ?? '');
  if (body === undefined) return new Response('not found', { status: 404 });
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
