/**
 * The serving benchmark: what precompression costs at build time, and how a
 * real web server (nginx, with the config the build generates) holds up under
 * load on loopback, against the baseline of the same nginx compressing each
 * response as it goes (no precompressed copies).
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COPY_ENDING, precompressSite } from '../src/lib/build/precompress';
import { site as siteConfig } from '../src/site.config';
import { serveWithNginx } from '../harness/web-servers';
import { median } from './lib/stats';
import { formatTable, kilobytes, times } from './lib/table';

export interface PrecompressRow {
  label: string;
  brotliQuality: number;
  medianMs: number;
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

export interface LoadRow {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** What the errors were (error code → count). */
  errorKinds: Record<string, number>;
  non2xx: number;
  bytesPerRequest: number;
  requests: number;
}

/** The site's files, without precompressed copies, in a fresh temporary folder. */
function plainCopy(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'dispatch-serve-'));
  cpSync(dir, copy, { recursive: true, filter: (src) => !COPY_ENDING.test(src) });
  // nginx's workers run as another user; mkdtemp's folder is the owner's alone.
  chmodSync(copy, 0o755);
  return copy;
}

function removeCompressed(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && COPY_ENDING.test(e.name)) rmSync(join(e.parentPath, e.name));
  }
}

/** Times precompressSite over the site at the configured brotli quality and its neighbours, median of `runs`. */
export async function benchPrecompress(dir: string, runs: number): Promise<PrecompressRow[]> {
  const copy = plainCopy(dir);
  const qualities = [...new Set([siteConfig.serving.brotliQuality, 10, 11])].sort((a, b) => a - b);
  const rows: PrecompressRow[] = [];
  try {
    for (const quality of qualities) {
      const samples: number[] = [];
      let last;
      for (let i = 0; i < runs; i++) {
        removeCompressed(copy);
        const started = performance.now();
        last = await precompressSite(copy, quality);
        samples.push(performance.now() - started);
      }
      const label = quality === siteConfig.serving.brotliQuality ? `brotli ${quality} + gzip 9 (site.config)` : `brotli ${quality} + gzip 9`;
      rows.push({ label, brotliQuality: quality, medianMs: median(samples), ...last! });
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return rows;
}

export function precompressTable(rows: readonly PrecompressRow[]): string {
  const ours = rows.find((r) => r.brotliQuality === siteConfig.serving.brotliQuality)!;
  return formatTable(
    ['setting', 'files', 'text', 'brotli', 'gzip', 'time (median)', 'time vs config'],
    rows.map((r) => [
      r.label, r.files, kilobytes(r.bytes), kilobytes(r.brotliBytes), kilobytes(r.gzipBytes),
      `${(r.medianMs / 1000).toFixed(2)} s`, times(r.medianMs / ours.medianMs),
    ]),
  );
}

/** A reader's mix of requests: the front page, articles, listings, search files and images. */
export function requestMix(dir: string): string[] {
  const first = (sub: string, pattern: RegExp, n: number) =>
    readdirSync(join(dir, sub)).filter((f) => pattern.test(f)).sort().slice(0, n).map((f) => `/${sub}/${f}`);
  const { build } = JSON.parse(readFileSync(join(dir, 'search/index.json'), 'utf8')) as { build: string };
  const articles = readdirSync(join(dir, 'articles')).filter((f) => statSync(join(dir, 'articles', f)).isDirectory()).sort().slice(0, 6).map((id) => `/articles/${id}/`);
  return [
    '/', ...articles, '/latest/', '/rss.xml',
    '/search/', '/search/index.json', ...first(`search/${build}`, /^[a-z]+\d*\.json$/, 4),
    ...first('_astro', /\.(css|js)$/, 2), ...first('_astro', /\.(avif|webp|jpg)$/, 4),
  ];
}

// autocannon lives in bench/package.json (bench/lib/tools.ts), so the
// project's type check cannot see its types; these are the parts used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  throughput: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: 'reqError', listener: (error: Error & { code?: string }) => void): void;
}
type RunAutocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const AUTOCANNON: string = 'autocannon';
const loadAutocannon = async () => ((await import(AUTOCANNON)) as { default: RunAutocannon }).default;

/** Hits the site with `connections` clients for `seconds`, each cycling through `paths`. */
export async function loadTest(url: string, paths: readonly string[], seconds: number, connections = 10): Promise<Omit<LoadRow, 'label'>> {
  const autocannon = await loadAutocannon();
  const errorKinds: Record<string, number> = {};
  const result = await new Promise<AutocannonResult>((done, fail) => {
    const options = { url, connections, duration: seconds, headers: { 'accept-encoding': 'br, gzip' }, requests: paths.map((path) => ({ method: 'GET', path })) };
    const instance = autocannon(options, (error, outcome) => (error ? fail(error) : done(outcome)));
    instance.on('reqError', (error) => {
      const kind = error.code ?? error.message;
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    });
  });
  return {
    errorKinds,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerRequest: result.throughput.total / Math.max(1, result.requests.total),
    requests: result.requests.total,
  };
}

/**
 * Load on nginx with the generated config: the site with its precompressed
 * copies, then the baseline (the same site without them, nginx compressing
 * each response at gzip level 6).
 */
export async function benchLoad(dir: string, seconds: number, log: (line: string) => void): Promise<LoadRow[]> {
  const paths = requestMix(dir);
  log(`Request mix (${paths.length} paths, cycled by each of 10 connections, Accept-Encoding: br, gzip): ${paths.join(' ')}`);
  const baselineDir = plainCopy(dir);
  const rows: LoadRow[] = [];
  try {
    for (const [label, root, extra] of [
      ['nginx, precompressed (Dispatch)', dir, []],
      ['nginx, gzip on the fly (baseline)', baselineDir, ['gzip on;', 'gzip_comp_level 6;', 'gzip_types text/css application/javascript application/json text/xml application/rss+xml image/svg+xml;']],
    ] as const) {
      // Each of the tool's 10 connections stands for many readers. nginx closes
      // a connection after 1,000 requests by default, and a request already
      // sent down a closing connection counts as an error in the tool.
      const server = await serveWithNginx(root, { workers: 'auto', extra: ['keepalive_requests 1000000;', ...extra] });
      try {
        log(`${label}: ${seconds} s…`);
        rows.push({ label, ...(await loadTest(server.url, paths, seconds)) });
      } finally {
        await server.close();
      }
    }
  } finally {
    rmSync(baselineDir, { recursive: true, force: true });
  }
  return rows;
}

export function loadTable(rows: readonly LoadRow[]): string {
  const baseline = rows[rows.length - 1]!;
  return formatTable(
    ['server', 'req/s (mean)', 'vs baseline', 'p50', 'p99', 'errors', 'non-2xx', 'bytes/req', 'requests'],
    rows.map((r) => [
      r.label, Math.round(r.requestsPerSecond), times(r.requestsPerSecond / baseline.requestsPerSecond),
      `${r.p50Ms} ms`, `${r.p99Ms} ms`, r.errors, r.non2xx, kilobytes(r.bytesPerRequest), r.requests,
    ]),
  );
}

const describeErrors = (kinds: Record<string, number>) =>
  Object.keys(kinds).length ? ` (${Object.entries(kinds).map(([kind, n]) => `${kind} ×${n}`).join(', ')})` : '';

/** Verdict lines: no errors under load, and precompressed responses no larger than compressing on the fly. */
export function loadVerdicts(rows: readonly LoadRow[]): string[] {
  const [ours, baseline] = rows;
  if (!ours || !baseline) return [];
  const verdict = (ok: boolean, text: string) => `${ok ? 'met ' : 'MISS'}  ${text}`;
  return [
    verdict(ours.errors === 0 && ours.non2xx === 0, `errors under load: ${ours.errors} errors${describeErrors(ours.errorKinds)}, ${ours.non2xx} non-2xx (target 0)`),
    verdict(ours.bytesPerRequest <= baseline.bytesPerRequest, `bytes per request ${kilobytes(ours.bytesPerRequest)} vs ${kilobytes(baseline.bytesPerRequest)} compressing on the fly`),
  ];
}
