/**
 * Build progress for editors: Astro's logger (its Logger API, the `logger`
 * setting in astro.config.mjs) with the thousands of per-page and per-image
 * lines summarised. Every other line passes through to Astro's own console
 * logger unchanged. While pages or images are written, one line at most every
 * `everySeconds` gives the count, the rate and, from the last build's counts,
 * an estimate of the time left; each phase ends with its count and time, and
 * the build with a summary of all phases, saying how many of the pages
 * Astro's incremental build restored unchanged instead of rendering (what was
 * rendered and why: src/integrations/incremental-publish.ts).
 *
 * Loaded by Node itself, not Vite: only erasable TypeScript, imports with extensions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AstroLoggerDestination } from 'astro';
import nodeLogger from 'astro/logger/node';

export interface BuildProgressOptions {
  /** Seconds between two progress lines of one phase (default 10). */
  everySeconds?: number;
  /** Where the counts of the last build are kept, for the next build's estimates. */
  stateFile?: string;
}

type Phase = 'content sync' | 'server bundle' | 'client bundle' | 'pages' | 'images';

/** Lines that open a phase, as Astro 7 words them. */
const OPENERS: [RegExp, Phase][] = [
  [/Syncing content/, 'content sync'],
  [/Building static entrypoints/, 'server bundle'],
  [/building client \(vite\)/, 'client bundle'],
  [/(generating|prerendering) static routes/, 'pages'],
  [/generating optimized images/, 'images'],
];
const PAGE = /^\s*[├└]─ /;
const IMAGE = /^\s*▶ .*\((\d+)\/(\d+)\)\s*$/;
const ARTICLES_READ = /(\d+) articles read/;
const DONE = /page\(s\) built in/;
const RESTORED = /\((restored|cached)\)/;
const ANSI = /\u001b\[[0-9;]*m/g;

interface PhaseRecord {
  phase: Phase;
  startMs: number;
  endMs?: number;
  count: number;
  /** Pages restored from the incremental build's cache. */
  restored: number;
  /** When the phase's first page or image came: the rate is counted from it. */
  firstMs?: number;
}

/** "42 s", "3 min 5 s". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

// The pages phase writes endpoints' files (feeds, search shards, social cards) as well as pages.
const COUNTED: Partial<Record<Phase, string>> = { 'content sync': 'articles', pages: 'files', images: 'images' };

function readLastCounts(file: string | undefined): Partial<Record<Phase, number>> {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<Phase, number>>;
  } catch {
    return {};
  }
}

/** Astro's logger destination with per-page and per-image lines summarised (see the file's comment). */
export default function buildProgress(options: BuildProgressOptions = {}): AstroLoggerDestination {
  // Astro has already dropped what its log level leaves out (--silent, --verbose).
  const passThrough = nodeLogger({ level: 'debug' });
  const everyMs = (options.everySeconds ?? 10) * 1000;
  const last = readLastCounts(options.stateFile);
  const started = performance.now();
  const phases: PhaseRecord[] = [];
  let lastLineMs = 0;
  // Astro writes a page's line in two pieces: the path, then its time.
  // Pages whose time (or "restored") is still to come: four render at once, so their two-part lines interleave.
  let pageTimesPending = 0;

  const say = (message: string) => passThrough.write({ label: 'progress', level: 'info', message, newLine: true });
  const current = () => phases.at(-1);

  const closePhase = (now: number) => {
    const phase = current();
    if (!phase || phase.endMs !== undefined) return;
    phase.endMs = now;
    const noun = COUNTED[phase.phase];
    say(`${phase.phase}: ${noun && phase.count > 0 ? `${phase.count.toLocaleString('en')} ${noun} in ` : ''}${duration(now - phase.startMs)}`);
  };

  const tick = (now: number, total?: number) => {
    const phase = current()!;
    phase.count++;
    // The wait before the first page (the corpus-wide steps: related lists,
    // search index) is no rate of writing pages: count from the first, once
    // a second of writing gives something to go on.
    phase.firstMs ??= now;
    if (now - lastLineMs < everyMs || now - phase.firstMs < 1000) return;
    lastLineMs = now;
    const rate = (phase.count - 1) / ((now - phase.firstMs) / 1000);
    // Images come with their total; pages are estimated from the last build.
    const expected = total ?? last[phase.phase];
    const of = expected && expected >= phase.count ? ` of ${total ? '' : '~'}${expected.toLocaleString('en')}` : '';
    const left = expected && expected > phase.count ? `, about ${duration(((expected - phase.count) / rate) * 1000)} left` : '';
    say(`${phase.phase}: ${phase.count.toLocaleString('en')}${of} ${COUNTED[phase.phase]}, ${rate.toFixed(rate < 10 ? 1 : 0)} a second${left}`);
  };

  const summary = (now: number) => {
    closePhase(now);
    const counted = (p: PhaseRecord) => `${p.count.toLocaleString('en')} ${COUNTED[p.phase]}${p.restored > 0 ? `, ${p.restored.toLocaleString('en')} restored unchanged` : ''}`;
    const parts = phases.map((p) => `${p.phase} ${duration((p.endMs ?? now) - p.startMs)}${COUNTED[p.phase] && p.count > 0 ? ` (${counted(p)})` : ''}`);
    say(`built in ${duration(now - started)}: ${parts.join(', ')}`);
    if (options.stateFile) {
      const counts = Object.fromEntries(phases.filter((p) => COUNTED[p.phase]).map((p) => [p.phase, p.count]));
      try {
        writeFileSync(options.stateFile, `${JSON.stringify(counts)}\n`);
      } catch {
        // No estimates next time; the build itself is unaffected.
      }
    }
  };

  return {
    write(event) {
      const text = event.message.replace(ANSI, '');
      const now = performance.now();
      if (pageTimesPending > 0 && event.label === 'SKIP_FORMAT') {
        pageTimesPending--;
        if (RESTORED.test(text)) current()!.restored++;
        return;
      }
      const phase = current()?.endMs === undefined ? current()?.phase : undefined;
      if (phase === 'pages' && PAGE.test(text)) {
        if (!event.newLine) pageTimesPending++;
        tick(now);
        return;
      }
      const image = phase === 'images' ? IMAGE.exec(text) : null;
      if (image) {
        tick(now, Number(image[2]));
        return;
      }
      const opens = OPENERS.find(([re]) => re.test(text))?.[1];
      if (opens) {
        closePhase(now);
        phases.push({ phase: opens, startMs: now, count: 0, restored: 0 });
        lastLineMs = now;
      } else if (phase === 'content sync' && ARTICLES_READ.test(text)) {
        current()!.count = Number(ARTICLES_READ.exec(text)![1]);
      } else if (/✓ Completed in/.test(text) && (phase === 'pages' || phase === 'images')) {
        closePhase(now);
      }
      passThrough.write(event);
      if (DONE.test(text)) summary(now);
    },
  };
}
