/**
 * The plain-text corpus format: the headline on the first line, then
 * paragraphs separated by blank lines (lines inside a paragraph are joined).
 */
import { cleanLine, headlineProblem, sameText, standfirstAndBody, type StoryResult } from './story.ts';

/** Reads a plain-text story. */
export function parsePlainText(text: string): StoryResult {
  const [titleLine, ...afterTitle] = text.trim().split('\n');
  const title = cleanLine(titleLine ?? '');
  const problem = headlineProblem(title);
  if (problem) return { ok: false, reason: problem };
  const paragraphs = afterTitle
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map(cleanLine)
    .filter((p) => p !== '' && !sameText(p, title));
  if (paragraphs.length === 0) return { ok: false, reason: 'has a headline but no text below it' };
  const { summary, body, note } = standfirstAndBody(paragraphs);
  return { ok: true, story: { format: 'plain-text', title, summary, body, photos: [], teasersDropped: 0, notes: note ? [note] : [] } };
}
