/**
 * During a build, hands each text page or endpoint Astro renders to the
 * early compression (src/lib/build/precompress.ts): its `.br` and `.gz`
 * copies are made on another core while the next pages render, instead of
 * all after the last one. The response itself is passed on untouched. On
 * the dev server, and in a build without compressed copies, it does nothing.
 */
import { defineMiddleware } from 'astro:middleware';
import { COMPRESSED_TYPE, renderedOffer } from './lib/build/rendered-offer';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  const early = renderedOffer();
  if (early && COMPRESSED_TYPE.test(response.headers.get('content-type') ?? '')) {
    void response.clone().arrayBuffer().then((body) => early.offer(new Uint8Array(body)), () => {});
  }
  return response;
});
