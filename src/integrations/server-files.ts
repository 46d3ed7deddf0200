/**
 * Writes how hosts serve the built site (src/lib/publish/server-config.ts): `_headers`
 * for Netlify and Cloudflare Pages, and `_server/nginx.conf` and
 * `_server/Caddyfile`; then, when `serving.precompress` is on, the `.br` and
 * `.gz` copies of every text file, reusing the copies of content an earlier
 * build compressed. It runs after every integration that writes files into
 * the site.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { compressAhead, openAhead, precompressSite } from '../lib/build/precompress.ts';
import { SERVER_CONFIG_DIR, caddyConfig, cacheRules, headersFile, nginxConfig, servingPolicy } from '../lib/publish/server-config.ts';
import { site } from '../site.config.ts';

export function serverFiles(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'dispatch:server-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Beside Astro's own build cache, so a build of another content folder keeps its own.
        cacheDir = join(fileURLToPath(config.cacheDir), 'precompressed');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const line = await writeServerFiles(fileURLToPath(dir), cacheDir);
        if (line) logger.info(line);
      },
    },
  };
}

/**
 * Begins the compressed copies of the pages this build rendered as soon as
 * Astro has written them, in a worker thread, while the other integrations'
 * last steps run (src/lib/build/precompress.ts, `compressAhead`). Listed
 * before them; `serverFiles` takes the copies.
 */
export function precompressAhead(): AstroIntegration {
  let started = 0;
  return {
    name: 'dispatch:precompress-ahead',
    hooks: {
      'astro:build:start': () => {
        started = Date.now();
        if (site.serving.precompress) openAhead();
      },
      'astro:build:done': ({ assets }) => {
        if (!site.serving.precompress) return;
        const written = [...assets.values()].flat().flatMap((url) => {
          const file = fileURLToPath(url);
          const stats = statSync(file, { throwIfNoEntry: false });
          // A page Astro left as the last build wrote it keeps its copies.
          return stats && stats.mtimeMs >= started ? [{ file, size: stats.size }] : [];
        });
        compressAhead(written, site.serving.brotliQuality);
      },
    },
  };
}

/**
 * Writes the host configs into the built site `out`, then its compressed
 * copies (keeping them in `cacheDir`); returns the log line of the
 * compression, if any. Also run by the archive build on its merged site.
 */
export async function writeServerFiles(out: string, cacheDir: string): Promise<string | undefined> {
  const policy = servingPolicy(out, site.serving.cacheControl);
  writeFileSync(join(out, '_headers'), headersFile(policy, cacheRules(out, policy.immutable)));
  mkdirSync(join(out, SERVER_CONFIG_DIR), { recursive: true });
  writeFileSync(join(out, SERVER_CONFIG_DIR, 'nginx.conf'), nginxConfig(policy));
  writeFileSync(join(out, SERVER_CONFIG_DIR, 'Caddyfile'), caddyConfig(policy));
  if (!site.serving.precompress) return undefined;
  const started = performance.now();
  const { files, reused, ahead, bytes, brotliBytes } = await precompressSite(out, site.serving.brotliQuality, cacheDir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const begun = ahead > 0 ? `; ${ahead} begun while the pages rendered or as they finished` : '';
  return `precompressed ${files} text files (${reused} unchanged, from the cache${begun}) in ${seconds} s (brotli: ${(bytes / 1e6).toFixed(1)} MB to ${(brotliBytes / 1e6).toFixed(1)} MB)`;
}
