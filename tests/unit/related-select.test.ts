import { describe, expect, it } from 'vitest';
import { sortIds } from '../../src/lib/related/select';

describe('sorting term ids', () => {
  it('orders ids of any size as TypedArray sort does, and leaves the rest of the array alone', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (const max of [1, 255, 256, 65_535, 65_536, 1 << 24, 2 ** 31 - 1]) {
      for (const n of [0, 1, 2, 37, 400]) {
        const ids = Int32Array.from({ length: n + 3 }, () => next() % (max + 1));
        const sorted = ids.slice(0, n).sort();
        const rest = ids.slice(n);
        sortIds(ids, n, new Int32Array(n));
        expect(Array.from(ids.subarray(0, n))).toEqual(Array.from(sorted));
        expect(Array.from(ids.subarray(n))).toEqual(Array.from(rest));
      }
    }
  });
});
