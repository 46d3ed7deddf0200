/**
 * Where a build's time went, from its `astro build` log (not `--silent`).
 * Each log line carries the wall time and the CPU time of the build's
 * process tree at the moment it arrived (bench/lib/run-build.ts stamps
 * them), so every phase gets both: CPU time stays meaningful on a busy
 * machine, where wall times swell with other people's work.
 *
 * A phase runs from the line that opens it to the line that opens the next;
 * within "pages", each route runs from its `▶`/`λ` line to the next.
 * Dispatch adds `[dispatch:profile] step: N ms` lines when built with
 * `DISPATCH_PROFILE=1` (src/lib/build/build-profile.ts).
 */

export interface LogLine {
  text: string;
  /** Since the build started. */
  wallMs: number;
  /** CPU time of the build's process tree so far; undefined when it could not be read. */
  cpuMs?: number;
}

export interface Span {
  wallMs: number;
  cpuMs?: number;
}

export const PHASES = [
  'node start and config',
  'content sync (read + render Markdown)',
  'server bundle (vite)',
  'client bundle (vite)',
  'pages and endpoints',
  'images',
  'rest (hooks, sitemap, gaps)',
] as const;
export type Phase = (typeof PHASES)[number];

export interface RouteSpan extends Span {
  /** The page file, e.g. `src/pages/articles/[id].astro`. */
  route: string;
  /** Pages (or files) it wrote. */
  pages: number;
}

export interface BuildPhases {
  /** Every phase the log showed, with its time. */
  phases: Partial<Record<Phase, Span>>;
  /** Per route, in the order Astro rendered them. */
  routes: RouteSpan[];
  /** Astro's page count (`N page(s) built`). */
  pages?: number;
  /** Dispatch's own timings (`[dispatch:profile] step: N ms`), by step. */
  profile: Record<string, number>;
  /** When each phase began (wall ms since the build started), in log order. */
  starts: { phase: Phase; wallMs: number }[];
}

/** Lines that open a phase; anything not listed belongs to the phase before it. */
const OPENERS: [RegExp, Phase][] = [
  [/\[content\] Syncing content/, 'content sync (read + render Markdown)'],
  [/\[types\] Generated/, 'rest (hooks, sitemap, gaps)'],
  [/Building static entrypoints/, 'server bundle (vite)'],
  [/building client \(vite\)/, 'client bundle (vite)'],
  [/generating static routes/, 'pages and endpoints'],
  [/generating optimized images/, 'images'],
  [/✓ Completed in/, 'rest (hooks, sitemap, gaps)'],
];

const ANSI = /\u001b\[[0-9;]*m/g;

function add(target: Span, from: LogLine | Span, to: LogLine | Span): void {
  target.wallMs += to.wallMs - from.wallMs;
  if (target.cpuMs !== undefined && from.cpuMs !== undefined && to.cpuMs !== undefined) target.cpuMs += to.cpuMs - from.cpuMs;
  else target.cpuMs = undefined;
}

/**
 * Splits a stamped build log into phases and routes; `end` is the build's
 * total (wall and CPU at exit), which closes the last phase.
 */
export function parseBuildLog(lines: readonly LogLine[], end: Span): BuildPhases {
  const result: BuildPhases = { phases: {}, routes: [], profile: {}, starts: [{ phase: 'node start and config', wallMs: 0 }] };
  const span = (phase: Phase) => (result.phases[phase] ??= { wallMs: 0, cpuMs: 0 });
  let phase: Phase = 'node start and config';
  let route: RouteSpan | undefined;
  let since: LogLine | Span = { wallMs: 0, cpuMs: 0 };
  let routeSince: LogLine | undefined;
  const closeRoute = (at: LogLine | Span) => {
    if (route && routeSince) add(route, routeSince, at);
    route = undefined;
  };
  for (const line of lines) {
    const text = line.text.replace(ANSI, '');
    const profile = /\[dispatch:profile\] (.+?): (\d+(?:\.\d+)?) ms/.exec(text);
    if (profile) result.profile[profile[1]!] = (result.profile[profile[1]!] ?? 0) + Number(profile[2]);
    const built = /(\d+) page\(s\) built in/.exec(text);
    if (built) result.pages = Number(built[1]);
    const opener = OPENERS.find(([re]) => re.test(text))?.[1];
    // The client bundle ends with Vite's "✓ built in" (the server bundle's is followed by Astro's "✓ Completed").
    const closesClient: boolean = phase === 'client bundle (vite)' && /\[vite\] ✓ built in/.test(text);
    if (opener || closesClient) {
      closeRoute(line);
      add(span(phase), since, line);
      since = line;
      phase = opener ?? 'rest (hooks, sitemap, gaps)';
      result.starts.push({ phase, wallMs: line.wallMs });
      continue;
    }
    if (phase !== 'pages and endpoints') continue;
    const header = /^(?:\d\d:\d\d:\d\d\s+)?[▶λ] (\S+)/.exec(text.trim());
    if (header) {
      closeRoute(line);
      route = { route: header[1]!, pages: 0, wallMs: 0, cpuMs: 0 };
      routeSince = line;
      result.routes.push(route);
    } else if (route && /[├└]─/.test(text)) route.pages++;
  }
  closeRoute(end);
  add(span(phase), since, end);
  return result;
}
