/**
 * `npm run import -- <file-or-folder>... --out <folder> [--section <name>]
 * [--date <ISO date>] [--force] [--dry-run] [--encoding <label>]`
 *
 * Exit codes: 0 every source imported; 1 some source skipped (see the
 * summary); 2 bad options or inputs, nothing imported.
 */
import { parseArgs } from 'node:util';
import { ImportUsageError, importSources } from '../src/lib/import/import-sources';
import { formatImportSummary } from '../src/lib/import/import-summary';

const USAGE = `Usage: npm run import -- <file-or-folder>... --out <folder> [options]

Turns agency pages and plain-text files into Dispatch articles, one Markdown
file per source, named after its headline.

Options:
  --out <folder>      where to write the articles (required)
  --section <name>    section for every article; otherwise each file's folder name
  --date <date>       publication date: 2025-05-18 (midnight UTC) or 2025-05-18T09:30:00+07:00
  --force             overwrite articles that already exist with other content
  --dry-run           report what would happen; write nothing
  --encoding <label>  read files that are not UTF-8 in this encoding (e.g. windows-1252)
  --help              show this text`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        section: { type: 'string' },
        date: { type: 'string' },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        encoding: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(`--out is required: the folder to write the articles to.\n\n${USAGE}`);
    return 2;
  }

  const started = performance.now();
  const progress = progressPrinter();
  try {
    const report = await importSources(positionals, {
      out: values.out,
      section: values.section,
      date: values.date,
      force: values.force,
      dryRun: values['dry-run'],
      encoding: values.encoding,
      onProgress: progress.update,
    });
    progress.done();
    console.log(formatImportSummary(report, (performance.now() - started) / 1000).join('\n'));
    return report.skipped.length > 0 ? 1 : 0;
  } catch (error) {
    progress.done();
    if (error instanceof ImportUsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/**
 * Progress on stderr for imports of 100 sources or more: one line redrawn in
 * place on a terminal, otherwise a line every 250 sources.
 */
function progressPrinter() {
  const tty = process.stderr.isTTY;
  let shown = false;
  let lastDraw = 0;
  return {
    update({ phase, done, total }: { phase: string; done: number; total: number }) {
      if (total < 100) return;
      const line = `${phase} ${done.toLocaleString('en')}/${total.toLocaleString('en')}`;
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && done !== total) return;
        lastDraw = now;
        process.stderr.write(`\r${line}\x1b[K`);
        shown = true;
      } else if (done > 0 && (done % 250 === 0 || done === total)) {
        process.stderr.write(`${line}\n`);
      }
    },
    done() {
      if (tty && shown) process.stderr.write('\r\x1b[K');
    },
  };
}

process.exitCode = await main();
