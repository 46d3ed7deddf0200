/** Selection helpers for the related engine. */

/** The k-th largest of `values[0..n)` (k ≥ 1), by quickselect; reorders the values. */
export function kthLargest(values: Float64Array, n: number, k: number): number {
  let lo = 0, hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

/**
 * Moves the `limit` best of `rows[0..n)` (highest `values`, ties to the
 * smaller row; `values` parallel to `rows`) to the front, in no particular
 * order, and returns how many that is (min(n, limit)). Linear in n:
 * quickselect finds the cut, one pass moves the rows.
 */
export function selectBest(rows: Int32Array, values: Float64Array, n: number, limit: number, scratch: Float64Array): number {
  if (n <= limit) return n;
  if (limit <= 0) return 0;
  scratch.set(values.subarray(0, n));
  const cut = kthLargest(scratch, n, limit);
  // Rows above the cut all go; of the rows at the cut, the smallest that fill the rest.
  let above = 0;
  let atCut = 0;
  for (let i = 0; i < n; i++) {
    if (values[i]! > cut) above++;
    else if (values[i] === cut) atCut++;
  }
  let lastRowAtCut = Infinity;
  if (above + atCut > limit) {
    const tied = new Int32Array(atCut);
    for (let i = 0, j = 0; i < n; i++) if (values[i] === cut) tied[j++] = rows[i]!;
    tied.sort();
    lastRowAtCut = tied[limit - above - 1]!;
  }
  let front = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (value > cut || (value === cut && rows[i]! <= lastRowAtCut)) swap(rows, values, i, front++);
  }
  return front;
}

function swap(rows: Int32Array, values: Float64Array, i: number, j: number): void {
  const row = rows[i]!, value = values[i]!;
  rows[i] = rows[j]!;
  values[i] = values[j]!;
  rows[j] = row;
  values[j] = value;
}

const RADIX_BITS = 8;
const RADIX = 1 << RADIX_BITS;
const radixCounts = new Int32Array(RADIX + 1);

/**
 * Sorts `ids[0..n)` (non-negative integers) ascending, by least-significant
 * digit radix sort through `scratch` (at least n long): a few hundred term
 * ids (a row's terms) sort several times faster than with TypedArray sort.
 */
export function sortIds(ids: Int32Array, n: number, scratch: Int32Array): void {
  let max = 0;
  for (let i = 0; i < n; i++) if (ids[i]! > max) max = ids[i]!;
  const counts = radixCounts;
  let from = ids, to = scratch;
  for (let shift = 0; shift < 32 && max >>> shift > 0; shift += RADIX_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((from[i]! >>> shift) & (RADIX - 1)) + 1]!++;
    for (let d = 1; d <= RADIX; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < n; i++) to[counts[(from[i]! >>> shift) & (RADIX - 1)]!++] = from[i]!;
    [from, to] = [to, from];
  }
  if (from !== ids) ids.set(from.subarray(0, n));
}
