import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keptOrComputed, keptOrComputedAsync, BUILD_CACHE_ENV, type StepCodec } from '../../src/lib/build/step-cache';

const numbers: StepCodec<number[]> = {
  encode: (value) => value,
  decode(json) {
    if (!Array.isArray(json) || !json.every((n) => typeof n === 'number')) throw new Error('not numbers');
    return json as number[];
  },
};

let dir: string;
let code: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dispatch-step-cache-'));
  code = join(dir, 'step.mjs');
  writeFileSync(code, 'export const version = 1;');
  process.env[BUILD_CACHE_ENV] = dir;
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(() => {
  delete process.env[BUILD_CACHE_ENV];
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the step "sums" over `input`, counting how often it is computed. */
function sums(input: number[], moduleUrl = pathToFileURL(code).href): { value: number[]; computed: boolean } {
  let computed = false;
  const value = keptOrComputed('sums', moduleUrl, () => input.map(String), () => {
    computed = true;
    return input.map((_, i) => input.slice(0, i + 1).reduce((a, b) => a + b, 0));
  }, numbers);
  return { value, computed };
}

describe('results of corpus-wide steps kept between builds', () => {
  it('reuses the last result when the inputs are the same, and computes when they change', () => {
    expect(sums([1, 2, 3])).toEqual({ value: [1, 3, 6], computed: true });
    expect(sums([1, 2, 3])).toEqual({ value: [1, 3, 6], computed: false });
    expect(sums([1, 2, 4])).toEqual({ value: [1, 3, 7], computed: true });
  });

  it('computes again when the code of the step changed', () => {
    sums([1, 2, 3]);
    // The next build's bundle, with the step's code changed.
    const next = join(dir, 'step-next.mjs');
    writeFileSync(next, 'export const version = 2;');
    expect(sums([1, 2, 3], pathToFileURL(next).href).computed).toBe(true);
    expect(sums([1, 2, 3], pathToFileURL(next).href).computed).toBe(false);
  });

  it('computes the right result from a kept file that is cut short, malformed or of another shape', () => {
    sums([1, 2, 3]);
    const kept = join(dir, 'steps/sums.json');
    const whole = readFileSync(kept, 'utf8');
    for (const damaged of [whole.slice(0, 20), 'not json', whole.replace('[1,3,6]', '["a"]')]) {
      writeFileSync(kept, damaged);
      expect(sums([1, 2, 3])).toEqual({ value: [1, 3, 6], computed: true });
    }
  });

  it('keeps nothing of a result its codec declines to keep, and computes it the next time', () => {
    const declining: StepCodec<number[]> = { ...numbers, encode: () => undefined };
    let computed = 0;
    const run = () => keptOrComputed('large', pathToFileURL(code).href, () => ['1'], () => [++computed], declining);
    expect([run(), run()]).toEqual([[1], [2]]);
    expect(existsSync(join(dir, 'steps/large.json'))).toBe(false);
  });

  it('hands the kept result to a step that can update it when only its inputs changed, not when its settings did', () => {
    const handed: (number[] | undefined)[] = [];
    const run = (input: number[], settings: string, moduleUrl = pathToFileURL(code).href) =>
      keptOrComputed('updatable', moduleUrl, () => input.map(String), (kept) => {
        handed.push(kept);
        return input;
      }, numbers, settings);
    run([1], 'a');
    // The bundle file names the content's chunks, so it changes with the content: the settings name the code instead.
    const next = join(dir, 'step-next.mjs');
    writeFileSync(next, 'export const version = 2;');
    run([1, 2], 'a', pathToFileURL(next).href);
    run([1, 2, 3], 'b');
    expect(handed).toEqual([undefined, [1], undefined]);
  });

  it('computes afresh when the build is forced', () => {
    sums([1, 2, 3]);
    process.argv.push('--force');
    try {
      expect(sums([1, 2, 3]).computed).toBe(true);
    } finally {
      process.argv.pop();
    }
  });

  it('always computes where no folder is named (the dev server, tests of the steps)', () => {
    delete process.env[BUILD_CACHE_ENV];
    expect(sums([5]).computed).toBe(true);
    expect(sums([5]).computed).toBe(true);
  });

  it('starts an asynchronous step before its key is known, and stops it when the kept result is taken', async () => {
    const runs: { signal?: AbortSignal; finished: boolean }[] = [];
    const doubled = (input: number[]) => keptOrComputedAsync('doubled', pathToFileURL(code).href, () => {
      // The key is worked out after the step has started.
      expect(runs.length).toBeGreaterThan(0);
      return input.map(String);
    }, async (_kept, signal) => {
      const run = { signal, finished: false };
      runs.push(run);
      await new Promise((resolve) => setTimeout(resolve, 5));
      run.finished = true;
      return input.map((n) => 2 * n);
    }, numbers);
    expect(await doubled([1, 2])).toEqual([2, 4]);
    expect(runs[0]!.signal?.aborted).toBe(false);
    expect(await doubled([1, 2])).toEqual([2, 4]);
    expect(runs[1]!.signal?.aborted).toBe(true);
    expect(await doubled([1, 3])).toEqual([2, 6]);
    expect(runs).toHaveLength(3);
    expect(runs[2]!.signal?.aborted).toBe(false);
  });
});
