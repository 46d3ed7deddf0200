/**
 * Build profiling: with `DISPATCH_PROFILE=1` the build prints how long each
 * corpus-wide step took, as `[dispatch:profile] <step>: <n> ms` lines that
 * `npm run bench` reads. Without it, steps run untouched.
 */
const enabled = Boolean(process.env.DISPATCH_PROFILE);

/** Runs `work` (sync or async) and, when profiling, prints its duration under `step`. */
export function timed<T>(step: string, work: () => T): T {
  if (!enabled) return work();
  const start = performance.now();
  const report = () => console.info(`[dispatch:profile] ${step}: ${Math.round(performance.now() - start)} ms`);
  const result = work();
  if (result instanceof Promise) return result.finally(report) as T;
  report();
  return result;
}
