/**
 * Which articles a build publishes: not drafts, not dated after the build.
 * The dev server shows every article, so editors can preview theirs.
 */
import type { Article } from './article';

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
