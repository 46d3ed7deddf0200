/**
 * How a build's middleware (src/middleware.ts) reaches the early compression
 * the build set up (src/integrations/server-files.ts): through a global
 * symbol, since the middleware runs from the server bundle, in the same
 * process but not the same module instance.
 */
export const EARLY_COMPRESSION = Symbol.for('dispatch.early-compression');

export interface RenderedOffer {
  /** A rendered file's bytes, to compress while the next pages render. */
  offer(bytes: Uint8Array): void;
}

/** The content types of the text files a build compresses (the endings `precompressSite` reads). */
export const COMPRESSED_TYPE = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)\b|image\/svg\+xml)/;

/** The early compression of the build running in this process, if any. */
export function renderedOffer(): RenderedOffer | undefined {
  return (globalThis as Record<symbol, RenderedOffer | undefined>)[EARLY_COMPRESSION];
}
