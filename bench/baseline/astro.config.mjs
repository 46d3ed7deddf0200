// The bare Astro baseline: the same Markdown files, one trivial page template,
// Astro's defaults for everything else. Dispatch's build is measured against it.
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'http://localhost:4321',
  cacheDir: './.cache',
});
