/**
 * Which articles a build publishes: not drafts, not dated after the build.
 * The dev server shows every article, so editors can preview theirs.
 */
import type { Article } from './article.ts';
import type { ContentProblem } from '../content/content-error.ts';

/** Build time; `DISPATCH_NOW` pins it for reproducible builds and tests. */
export const buildTime = new Date(process.env.DISPATCH_NOW ?? Date.now());

export interface Publication {
  /** Published articles, in the order given. */
  published: Article[];
  drafts: number;
  scheduled: number;
  /** Drafts and scheduled stories are shown too (the dev server). */
  showsUnpublished: boolean;
}

/** Splits `all` into what is published at `now` and counts what is left out. */
export function publish(all: readonly Article[], now: Date, showsUnpublished: boolean): Publication {
  const isScheduled = (a: Article) => !a.draft && a.date > now;
  return {
    published: showsUnpublished ? [...all] : all.filter((a) => !a.draft && !isScheduled(a)),
    drafts: all.filter((a) => a.draft).length,
    scheduled: all.filter(isScheduled).length,
    showsUnpublished,
  };
}

/** The build log's line: how many stories were published and left out. */
export function publicationLine({ published, drafts, scheduled, showsUnpublished }: Publication): string {
  return `[dispatch] ${published.length} articles published` +
    (showsUnpublished ? ' (dev: drafts and scheduled shown)' : `; left out: ${drafts} draft${drafts === 1 ? '' : 's'}, ${scheduled} scheduled`);
}

/**
 * A published story whose `updated` is after `now` (it read "Updated 1 January
 * 2099"): one problem each, naming the field. A scheduled story's is its own
 * business until it is published.
 */
export function futureUpdateProblems(all: readonly Article[], now: Date): ContentProblem[] {
  return all
    .filter((a) => !a.draft && a.date <= now && a.updated !== undefined && a.updated > now)
    .map((a) => ({ file: a.file, field: 'updated', message: `is after the time of the build (${now.toISOString()}); write when the story was last changed` }));
}
