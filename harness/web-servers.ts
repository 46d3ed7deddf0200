/**
 * Real web servers for a built site: nginx and Caddy from Debian, each run on
 * a free loopback port with the config the build generated (dist/_server/),
 * the way the README's "Deploying" section tells an operator to use it.
 * Under CI=true a missing server fails the run; elsewhere its tests are
 * skipped with one line saying how to install it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StaticServer } from './static-server';

const NGINX = '/usr/sbin/nginx';
const CADDY = '/usr/bin/caddy';
/** Debian's dynamic brotli module (package libnginx-mod-http-brotli-static). */
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const PACKAGES = { nginx: 'nginx libnginx-mod-http-brotli-static', caddy: 'caddy' };

const warned = new Set<string>();
/** True when `server` is installed; throws under CI when it is not. */
export function webServerAvailable(server: 'nginx' | 'caddy'): boolean {
  const found = server === 'nginx' ? existsSync(NGINX) && existsSync(BROTLI_MODULE) : existsSync(CADDY);
  if (found) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`CI=true but ${server} is not installed: apt-get install -y ${PACKAGES[server]}`);
  }
  if (!warned.has(server)) {
    warned.add(server);
    console.warn(`\n!!! ${server} tests SKIPPED: install it with \`sudo apt-get install -y ${PACKAGES[server]}\`. !!!\n`);
  }
  return false;
}

/** A free loopback port, for a server that cannot be told to pick one itself. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Waits until something answers HTTP on `url`, or the process exits. */
async function waitUntilServing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${log()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the server did not answer on ${url} within 10 s:\n${log()}`);
}

async function run(command: string, args: string[], url: string, work: string): Promise<StaticServer> {
  let output = '';
  const child = spawn(command, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_DATA_HOME: work, XDG_CONFIG_HOME: work } });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitUntilServing(url, child, () => output);
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface NginxOptions {
  /** `worker_processes` (default 1; the load benchmark uses `auto`). */
  workers?: number | 'auto';
  /** More directives for the server block, after the generated include. */
  extra?: readonly string[];
}

/** Serves `root` with nginx and the site's generated `_server/nginx.conf`. */
export async function serveWithNginx(root: string, options: NginxOptions = {}): Promise<StaticServer> {
  const site = resolve(root);
  const work = mkdtempSync(join(tmpdir(), 'dispatch-nginx-'));
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(work, dir));
  const port = await freePort();
  writeFileSync(join(work, 'nginx.conf'), [
    'daemon off;',
    `worker_processes ${options.workers ?? 1};`,
    `pid ${join(work, 'nginx.pid')};`,
    'error_log stderr warn;',
    `load_module ${BROTLI_MODULE};`,
    'events { worker_connections 512; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((d) => `  ${d === 'body' ? 'client_body' : d}_temp_path ${join(work, d)};`),
    `  server { listen 127.0.0.1:${port}; root ${site}; include ${join(site, '_server/nginx.conf')}; ${(options.extra ?? []).join(' ')} }`,
    '}',
    '',
  ].join('\n'));
  return run(NGINX, ['-c', join(work, 'nginx.conf'), '-p', work], `http://127.0.0.1:${port}/`, work);
}

/** Serves `root` with Caddy and the site's generated `_server/Caddyfile`. */
export async function serveWithCaddy(root: string): Promise<StaticServer> {
  const site = resolve(root);
  const work = mkdtempSync(join(tmpdir(), 'dispatch-caddy-'));
  const port = await freePort();
  writeFileSync(join(work, 'Caddyfile'), [
    '{',
    '  admin off',
    '  auto_https off',
    '}',
    `http://127.0.0.1:${port} {`,
    `  root * ${site}`,
    `  import ${join(site, '_server/Caddyfile')}`,
    '}',
    '',
  ].join('\n'));
  return run(CADDY, ['run', '--config', join(work, 'Caddyfile'), '--adapter', 'caddyfile'], `http://127.0.0.1:${port}/`, work);
}
