/**
 * Optimal string alignment distance: insertions, deletions, substitutions and
 * swaps of two neighbouring letters each count as one typo ("recieve" is one
 * typo from "receive"). Stops early once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  // Three rows of the table, reused from call to call (typo correction asks hundreds of times a query).
  if (rows.length < 3 * (n + 1)) rows = new Int32Array(6 * (n + 1));
  let prev2 = 0, prev = n + 1, cur = 2 * (n + 1);
  for (let j = 0; j <= n; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1), aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + (ai === bj ? 0 : 1));
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) d = Math.min(d, rows[prev2 + j - 2]! + 1);
      rows[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return rows[prev + n]!;
}

let rows = new Int32Array(3 * 33);
