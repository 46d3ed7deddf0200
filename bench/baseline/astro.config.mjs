// The bare Astro baseline: the same Markdown files, one trivial page template,
// Astro's defaults for everything else. Dispatch's build is measured against it.
// BASELINE_MARKDOWN=unified swaps Astro 7's default Markdown processor
// (Sätteri, in Rust) for its remark/rehype one, the pipeline Dispatch's plugins
// need, with no plugins: the same work as Dispatch's Markdown, minus ours.
// BASELINE_STORAGE=chunked stores the content layer's data in 20 MiB files
// (experimental.collectionStorage, Astro 7.1) instead of one data-store.json.
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';

export default defineConfig({
  site: 'http://localhost:4321',
  cacheDir: './.cache',
  ...(process.env.BASELINE_MARKDOWN === 'unified' && { markdown: { processor: unified() } }),
  ...(process.env.BASELINE_STORAGE === 'chunked' && { experimental: { collectionStorage: 'chunked' } }),
});
