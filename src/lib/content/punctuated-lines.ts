/** The headline, summary and caption with smart punctuation, kept with each entry by the loader. */
import { smartPunctuation } from '../markdown/remark-smart-punctuation.ts';

/**
 * Where the loader keeps an entry's headline, summary and caption as smart
 * punctuation leaves them, each only where it changes them: worked out when
 * the story's file changes, not for every story on every build (a quarter
 * of a second at 10,000 stories, before the related lists can start).
 * The loader's code digest covers this file and the punctuation's
 * (src/lib/content/body-texts.ts, `BODY_CODE`), so a change to either reads
 * every story again; `toArticle` punctuates an entry without them itself.
 */
export const PUNCTUATED_KEY = 'dispatchPunctuated';

export type Line = 'title' | 'summary' | 'caption';
export type Punctuated = Partial<Record<Line, string>>;

/** The lines of `data` that smart punctuation changes, with their new text. */
export function punctuatedLines(data: { title: string; summary: string; image?: { caption?: string } }): Punctuated {
  const lines: Punctuated = {};
  for (const [line, text] of [['title', data.title], ['summary', data.summary], ['caption', data.image?.caption]] as const) {
    if (text === undefined) continue;
    const punctuated = smartPunctuation(text);
    if (punctuated !== text) lines[line] = punctuated;
  }
  return lines;
}
