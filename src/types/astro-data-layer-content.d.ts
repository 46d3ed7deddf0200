// Astro's content store module, which a build reads from its file (src/integrations/content-store-file.ts): every entry by collection.
declare module 'astro:data-layer-content' {
  const store: Map<string, Map<string, unknown>>;
  export default store;
}
