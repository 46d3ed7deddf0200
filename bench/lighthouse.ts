/**
 * The Lighthouse benchmark: the four category scores and LCP, CLS and total
 * blocking time of the front page, an article and the search page, with
 * Lighthouse's default (mobile) settings: simulated slow 4G and 4× CPU
 * slowdown. The built site is served on loopback by the tests' static server
 * with gzip on, as a real host would send it. Each page is run `runs` times
 * in one headless Chromium (Lighthouse resets storage between runs); medians
 * are reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../harness/build-site';
import { CHROMIUM_FLAGS, chromiumPath } from '../harness/browser';
import { serveStatic } from '../harness/static-server';
import { median } from './lib/stats';
import { formatTable, kilobytes } from './lib/table';

// Lighthouse is a bench-only tool (bench/package.json, installed by bench/lib/tools.ts),
// so the project's type check cannot see its types; these are the parts read here.
interface Audit { id: string; title: string; score: number | null; displayValue?: string; numericValue?: number }
interface LighthouseResult {
  lhr: {
    runtimeError?: { code: string; message: string };
    categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
    audits: Record<string, Audit>;
  };
}
type RunLighthouse = (url: string, flags: Record<string, unknown>) => Promise<LighthouseResult | undefined>;
const LIGHTHOUSE: string = 'lighthouse';
const lighthouse: RunLighthouse = async (url, flags) => ((await import(LIGHTHOUSE)) as { default: RunLighthouse }).default(url, flags);

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

export interface LighthouseRun {
  scores: Record<Category, number>;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  /** Bytes over the wire for the whole load (Lighthouse's total-byte-weight): shows the gzip. */
  transferBytes: number;
  /** Audits in the four categories that scored below 1, with their titles: what to fix. */
  failing: { id: string; title: string; score: number; displayValue?: string }[];
}

export interface LighthousePage {
  name: string;
  path: string;
  runs: LighthouseRun[];
  median: Omit<LighthouseRun, 'failing'>;
}

/** Starts headless Chromium with a DevTools port; resolves once it listens. */
async function startChromium(): Promise<{ port: number; process: ChildProcess; profile: string }> {
  const executable = chromiumPath();
  if (!executable) throw new Error('no Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH');
  const profile = join(projectRoot, 'bench/.tmp/chromium-profile');
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(profile, { recursive: true });
  const child = spawn(executable, [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not open a DevTools port:\n${seen}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      seen += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    child.on('exit', (code) => fail(new Error(`Chromium exited (${code}):\n${seen}`)));
  });
  return { port, process: child, profile };
}

async function runOnce(url: string, port: number): Promise<LighthouseRun> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<Category, number>;
  const audited = new Set(CATEGORIES.flatMap((c) => lhr.categories[c]?.auditRefs.filter((r) => r.weight > 0).map((r) => r.id) ?? []));
  const failing = Object.values(lhr.audits)
    .filter((a) => audited.has(a.id) && a.score !== null && a.score < 1)
    .map((a) => ({ id: a.id, title: a.title, score: a.score!, ...(a.displayValue && { displayValue: a.displayValue }) }));
  return {
    scores,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
    transferBytes: lhr.audits['total-byte-weight']?.numericValue ?? Number.NaN,
    failing,
  };
}

/** Runs Lighthouse `runs` times on each page of the built `site`. */
export async function benchLighthouse(
  site: string,
  pages: readonly { name: string; path: string }[],
  runs: number,
  log: (line: string) => void,
): Promise<LighthousePage[]> {
  const server = await serveStatic(site, { gzip: true });
  const chromium = await startChromium();
  try {
    const results: LighthousePage[] = [];
    for (const page of pages) {
      const pageRuns: LighthouseRun[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await runOnce(server.url + page.path, chromium.port);
        log(`  ${page.name} run ${i + 1}: ${CATEGORIES.map((c) => run.scores[c]).join('/')}, LCP ${Math.round(run.lcpMs)} ms, CLS ${run.cls.toFixed(3)}, TBT ${Math.round(run.tbtMs)} ms`);
        pageRuns.push(run);
      }
      const med = (pick: (r: LighthouseRun) => number) => median(pageRuns.map(pick));
      results.push({
        ...page,
        runs: pageRuns,
        median: {
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, med((r) => r.scores[c])])) as Record<Category, number>,
          lcpMs: med((r) => r.lcpMs),
          cls: med((r) => r.cls),
          tbtMs: med((r) => r.tbtMs),
          transferBytes: med((r) => r.transferBytes),
        },
      });
    }
    return results;
  } finally {
    // Chromium writes to its profile until it has exited.
    if (chromium.process.exitCode === null && chromium.process.signalCode === null) {
      const exited = new Promise((ok) => chromium.process.once('exit', ok));
      chromium.process.kill();
      await exited;
    }
    await server.close();
    rmSync(chromium.profile, { recursive: true, force: true });
  }
}

export function lighthouseTable(pages: readonly LighthousePage[]): string {
  return formatTable(
    ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'LCP', 'CLS', 'TBT', 'transferred'],
    pages.map((p) => [
      `${p.name} ${p.path}`,
      ...CATEGORIES.map((c) => p.median.scores[c]),
      `${Math.round(p.median.lcpMs)} ms`, p.median.cls.toFixed(3), `${Math.round(p.median.tbtMs)} ms`, kilobytes(p.median.transferBytes),
    ]),
  );
}

/** Audits that cost points in any run, once each, with the pages they hit. */
export function failingAudits(pages: readonly LighthousePage[]): string[] {
  const seen = new Map<string, { title: string; pages: Set<string>; value?: string }>();
  for (const p of pages) {
    for (const run of p.runs) {
      for (const a of run.failing) {
        const entry = seen.get(a.id) ?? { title: a.title, pages: new Set<string>(), value: a.displayValue };
        entry.pages.add(p.name);
        seen.set(a.id, entry);
      }
    }
  }
  return [...seen].map(([id, a]) => `${id}: ${a.title}${a.value ? ` (${a.value})` : ''} — ${[...a.pages].join(', ')}`);
}
