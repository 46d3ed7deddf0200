/**
 * The importer's printed summary: what was skipped and why, renamed ids,
 * every word repair, warnings and notes, then the totals.
 */
import type { ImportReport } from './import-sources.ts';
import { plural } from './story.ts';

/** Totals of a report, for the closing lines and for benchmarks. */
export function importTotals(report: ImportReport) {
  const count = (status: string) => report.articles.filter((a) => a.status === status).length;
  return {
    sources: report.sources,
    imported: report.articles.length,
    written: count('written'),
    overwritten: count('overwritten'),
    unchanged: count('unchanged'),
    skipped: report.skipped.length,
    ignored: report.ignored.length,
    renamed: report.articles.filter((a) => a.renamed).length,
    repairs: report.articles.reduce((n, a) => n + a.repairs.length, 0),
    repairedArticles: report.articles.filter((a) => a.repairs.length > 0).length,
    teasersDropped: report.articles.reduce((n, a) => n + a.teasersDropped, 0),
    warnings: report.articles.reduce((n, a) => n + a.warnings.length, 0),
  };
}

/** The summary as lines of text, details first and totals last. */
export function formatImportSummary(report: ImportReport, seconds?: number): string[] {
  const lines: string[] = [];
  const t = importTotals(report);
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`, ...items.map((i) => `  ${i}`));
  };

  section(`Skipped ${plural(t.skipped, 'source')}`, report.skipped.map((s) => `${s.source}: ${s.reason}`));
  section(
    `Ignored ${plural(t.ignored, 'file')} in the input folders (not .txt, hidden, or a README or licence)`,
    report.ignored,
  );
  section(
    `Renamed ${plural(t.renamed, 'article')} whose id was taken`,
    report.articles.flatMap((a) => (a.renamed ? [`${a.source}: id "${a.renamed.from}" is used by ${a.renamed.holder}; wrote ${a.file}`] : [])),
  );

  // Every repair, grouped by what it changed, with the files it was made in.
  const groups = new Map<string, string[]>();
  for (const a of report.articles) {
    for (const r of a.repairs) {
      const key = `${r.from} → ${r.to}`;
      groups.set(key, [...(groups.get(key) ?? []), a.source]);
    }
  }
  section(
    `Repaired ${plural(t.repairs, 'run-together word')} in ${plural(t.repairedArticles, 'article')}`,
    [...groups].map(([key, sources]) => {
      const files = [...new Set(sources)];
      return `${key}${sources.length > 1 ? ` (×${sources.length})` : ''}: ${files.join(', ')}`;
    }),
  );
  section(`Warnings (${t.warnings})`, report.articles.flatMap((a) => a.warnings.map((w) => `${a.source}: ${w}`)));
  section('Notes', report.articles.flatMap((a) => a.notes.map((n) => `${a.source}: ${n}`)));

  const verb = report.dryRun ? 'Would import' : 'Imported';
  const statuses: [number, string][] = [
    [t.written, report.dryRun ? 'new' : 'written'],
    [t.overwritten, report.dryRun ? 'to overwrite' : 'overwritten'],
    [t.unchanged, 'unchanged'],
  ];
  const counted = statuses.filter(([n]) => n !== 0).map(([n, what]) => `${n.toLocaleString('en')} ${what}`);
  lines.push(
    `${verb} ${t.imported.toLocaleString('en')} of ${plural(t.sources, 'source')} into ${report.out}` +
      `${counted.length > 0 ? ` (${counted.join(', ')})` : ''}${seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s`}.`,
    `Skipped ${t.skipped.toLocaleString('en')}, ignored ${t.ignored.toLocaleString('en')}, renamed ${t.renamed.toLocaleString('en')}; ` +
      `repaired ${plural(t.repairs, 'word')} in ${plural(t.repairedArticles, 'article')}; ` +
      `dropped ${plural(t.teasersDropped, 'teaser')}; ${plural(t.warnings, 'warning')}.`,
  );
  if (report.dryRun) lines.push('Dry run: nothing was written.');
  return lines;
}
