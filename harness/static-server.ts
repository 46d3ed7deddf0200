/** A small static file server for a built site, on a free loopback port. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif', '.gif': 'image/gif', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.pf_meta': 'application/octet-stream',
};
// What static hosts compress on the fly; Pagefind's own files are gzipped already.
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** gzip text responses when the client accepts it, as static hosts do (benchmarks). */
  gzip?: boolean;
  /** Told of every response: URL path and body bytes sent. */
  onSent?: (path: string, bytes: number) => void;
}

/**
 * Reads a `_headers` file (Netlify / Cloudflare Pages format) into rules:
 * an unindented path pattern (`/*` or an exact path) followed by indented
 * `Name: value` lines.
 */
export function readHeaderRules(root: string): { pattern: string; headers: Record<string, string> }[] {
  const file = join(root, '_headers');
  if (!existsSync(file)) return [];
  const rules: { pattern: string; headers: Record<string, string> }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const [name = '', ...value] = line.trim().split(':');
      rules.at(-1)!.headers[name.trim().toLowerCase()] = value.join(':').trim();
    }
  }
  return rules;
}

/** True when a `_headers` path pattern (`/a/*` or an exact path) covers `path`. */
export const matches = (pattern: string, path: string) =>
  pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;

/**
 * Serves `root` like a static host: `/a/` → `a/index.html`, unknown paths →
 * `404.html` with status 404, and the headers of the site's `_headers` file.
 */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const rules = readHeaderRules(root);
  // Compressed once per file, as a host's cache or pre-compressed files would be.
  const gzipped = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) file = join(root, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = join(root, '404.html');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {};
    for (const rule of rules) if (matches(rule.pattern, path)) Object.assign(headers, rule.headers);
    headers['content-type'] = type;
    let body: Buffer = existsSync(file) ? readFileSync(file) : Buffer.from('Not found');
    if (options.gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const raw = body;
      body = gzipped.get(file) ?? gzipSync(raw);
      gzipped.set(file, body);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(status, headers);
    res.end(body);
    options.onSent?.(path, body.length);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
