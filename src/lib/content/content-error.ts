import { isAbsolute, relative, resolve } from 'node:path';

/** One problem with one content file, named by file and (when known) field. */
export interface ContentProblem {
  file: string;
  field?: string;
  message: string;
}

/** Formats a problem as `file: field: message`, the shape every content error takes. */
function formatProblem(p: ContentProblem): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Thrown when content cannot be published as written; lists every problem found. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    const lines = problems.map((p) => `  ${formatProblem(p)}`);
    super(
      `${problems.length} content problem${problems.length === 1 ? '' : 's'} stopped the build:\n${lines.join('\n')}`,
    );
    this.name = 'ContentError';
    this.problems = problems;
    // The problems are the editor's to fix, not the code's: without a stack,
    // `astro build` prints the lines alone, not a "Location" and "Stack trace"
    // pointing into the loader under them.
    this.stack = '';
  }
}

/** How a content file is named in messages: relative to the project when inside it, in full otherwise. */
export function displayPath(path: string): string {
  const abs = isAbsolute(path) ? path : resolve(process.cwd(), path);
  const rel = relative(process.cwd(), abs);
  return rel === '' || rel.startsWith('..') ? abs : rel;
}
