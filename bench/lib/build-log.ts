/**
 * Reading an `astro build` log (not `--silent`) into where the time went:
 * Astro prints the content sync, the server bundle, every page with its
 * render time, and the image pass; Dispatch adds `[dispatch:profile]` lines
 * when built with `DISPATCH_PROFILE=1` (see src/lib/build-profile.ts).
 */

export interface RouteTime {
  /** The page file, e.g. `src/pages/articles/[id].astro`. */
  route: string;
  /** Pages (or endpoint files) it produced. */
  pages: number;
  ms: number;
}

export interface BuildPhases {
  /** Content sync and types (`[types] Generated …`). */
  syncMs?: number;
  /** The server bundle (`Building static entrypoints…`). */
  serverBundleMs?: number;
  /** The client scripts bundle (`building client (vite)`). */
  clientBundleMs?: number;
  /** All pages and endpoints (`generating static routes`). */
  routesMs?: number;
  /** Image transforms (`generating optimized images`). */
  imagesMs?: number;
  /** Astro's own total (`N page(s) built in …`). */
  totalMs?: number;
  pages?: number;
  /** Per route, in the order Astro rendered them. */
  routes: RouteTime[];
  /** Dispatch's own timings (`[dispatch:profile] label: N ms`), by label. */
  profile: Record<string, number>;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const TIME = String.raw`(\d+(?:\.\d+)?)(ms|s)`;

function toMs(value: string, unit: string): number {
  return Number(value) * (unit === 's' ? 1000 : 1);
}

/** Parses one build log; phases the log does not show are left undefined. */
export function parseBuildLog(log: string): BuildPhases {
  const phases: BuildPhases = { routes: [], profile: {} };
  type Section = 'server' | 'client' | 'routes' | 'images' | undefined;
  let section: Section;
  let route: RouteTime | undefined;
  for (const raw of log.replace(ANSI, '').split('\n')) {
    const line = raw.replace(/^\d\d:\d\d:\d\d\s/, '');
    const profile = /\[dispatch:profile\] (.+?): (\d+(?:\.\d+)?) ms/.exec(line);
    if (profile) phases.profile[profile[1]!] = (phases.profile[profile[1]!] ?? 0) + Number(profile[2]);
    let m: RegExpExecArray | null;
    if ((m = new RegExp(String.raw`\[types\] Generated ${TIME}`).exec(line))) phases.syncMs = toMs(m[1]!, m[2]!);
    else if (line.includes('Building static entrypoints')) section = 'server';
    else if (line.includes('building client (vite)')) section = 'client';
    else if (line.includes('generating static routes')) section = 'routes';
    else if (line.includes('generating optimized images')) section = 'images';
    else if ((m = new RegExp(String.raw`(\d+) page\(s\) built in ${TIME}`).exec(line))) {
      phases.pages = Number(m[1]);
      phases.totalMs = toMs(m[2]!, m[3]!);
    } else if ((m = new RegExp(String.raw`(?:✓ Completed in|\[vite\] ✓ built in) ${TIME}`).exec(line)) && section) {
      const ms = toMs(m[1]!, m[2]!);
      if (section === 'server' && line.includes('Completed')) phases.serverBundleMs = ms;
      else if (section === 'client') phases.clientBundleMs = ms;
      else if (section === 'routes') phases.routesMs = ms;
      else if (section === 'images') phases.imagesMs = ms;
      if (section !== 'server' || line.includes('Completed')) section = undefined;
      route = undefined;
    } else if (section === 'routes') {
      const header = /^[▶λ] (\S+)/.exec(line.trim());
      if (header) {
        route = { route: header[1]!, pages: 0, ms: 0 };
        phases.routes.push(route);
        continue;
      }
      if (!route) continue;
      // A page's time can land on a line of its own when its render logged
      // something in between (the corpus summary does), so count the two apart.
      if (/[├└]─/.test(line)) route.pages++;
      const page = new RegExp(String.raw`\(\+${TIME}\)`).exec(line);
      if (page) route.ms += toMs(page[1]!, page[2]!);
    }
  }
  return phases;
}
