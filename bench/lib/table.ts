/** Plain-text tables for benchmark output. */

export type Cell = string | number;

/**
 * Formats rows under a header as aligned columns: text left, numbers right
 * (a column is numeric when every body cell in it is a number or looks like one).
 */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => header.map((_, i) => String(row[i] ?? '')));
  const numeric = header.map((_, i) => text.every((row) => /^[-+]?[\d.,]+(\s?[%×a-zA-Z]+)?$|^[–-]$|^$/.test(row[i]!)));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

/** Seconds with one decimal ("12.3 s"); "–" for a missing figure. */
export function seconds(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

/** A ratio as "1.23×"; "–" for a missing one. */
export function times(value: number): string {
  return Number.isNaN(value) ? '–' : `${value.toFixed(2)}×`;
}

/** Kibibytes with one decimal ("12.3 KB"). */
export function kilobytes(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Mebibytes, whole ("812 MB"). */
export function megabytes(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${Math.round(bytes / 2 ** 20)} MB`;
}
