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
import { lookAt, type StagedLook } from '../lib/build/sync-site.ts';
import { SERVER_CONFIG_DIR, caddyConfig, cacheRules, headersFile, nginxConfig, servingPolicy } from '../lib/publish/server-config.ts';
import { site } from '../site.config.ts';

/**
 * `staged`, when given, is the look at the built site the sync will use,
 * taken once every other step had written into it (incremental-publish.ts):
 * this step adds its writes to it, and which files' compressed copies it kept.
 */
export function serverFiles(staged?: () => Promise<StagedLook | undefined>): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'dispatch:server-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Beside Astro's own build cache, so a build of another content folder keeps its own.
        cacheDir = join(fileURLToPath(config.cacheDir), 'precompressed');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const line = await writeServerFiles(fileURLToPath(dir), cacheDir, await staged?.());
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
 * compression, if any. `staged`, the look at `out` the sync will take (sync-site.ts),
 * is kept up to date with what this writes, and told which files' copies
 * were kept. Also run by the archive build on its merged site.
 */
export async function writeServerFiles(out: string, cacheDir: string, staged?: StagedLook): Promise<string | undefined> {
  const policy = servingPolicy(out, site.serving.cacheControl);
  const configs: [string, string][] = [
    ['_headers', headersFile(policy, cacheRules(out, policy.immutable))],
    [join(SERVER_CONFIG_DIR, 'nginx.conf'), nginxConfig(policy)],
    [join(SERVER_CONFIG_DIR, 'Caddyfile'), caddyConfig(policy)],
  ];
  mkdirSync(join(out, SERVER_CONFIG_DIR), { recursive: true });
  for (const [path, text] of configs) {
    writeFileSync(join(out, path), text);
    staged?.looks.set(path, lookAt(join(out, path)));
  }
  if (!site.serving.precompress) return undefined;
  const started = performance.now();
  const { files, reused, ahead, bytes, brotliBytes, kept } = await precompressSite(out, site.serving.brotliQuality, cacheDir, staged?.looks);
  if (staged) staged.copiesKept = kept;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const begun = ahead > 0 ? `; ${ahead} begun while the pages rendered or as they finished` : '';
  return `precompressed ${files} text files (${reused} unchanged, from the cache${begun}) in ${seconds} s (brotli: ${(bytes / 1e6).toFixed(1)} MB to ${(brotliBytes / 1e6).toFixed(1)} MB)`;
}
