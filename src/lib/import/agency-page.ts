/**
 * The agency page format: a news agency's article page copied from a
 * browser. One paragraph per line; the page repeats its headline and lead,
 * prints photo captions inside the text (after a repeat of the headline and
 * the Vietnamese CMS marker "ảnh 1", "photo 1"), opens the body with a
 * dateline ("Hanoi (VNA) –"), signs off with "./." and the agency's name, and
 * ends with a "See more" block of teasers for other stories.
 */
import { splitCaptionCredit } from '../text/credit.ts';
import { cleanLine, headlineProblem, plural, sameText, standfirstAndBody, type PhotoNote, type StoryResult } from './story.ts';

// "Hanoi (VNA) –", "Ho Chi Minh City (VNA) -", "Da Nang (VNS) —"
const DATELINE_RE = /^(\p{Lu}[\p{L}\p{M}.'’ ]{0,40}?)\s*\((\p{Lu}[\p{L}\p{N}&/.]{0,15})\)\s*[–—-]+\s*/u;
// The CMS's photo marker, glued to the caption that follows it.
const PHOTO_MARKER_RE = /(?:^|\s)ảnh\s*\d+\s*/u;
// "./." closes the story (sometimes "/."), maybe followed by the agency.
const SIGN_OFF_RE = /\s*\/\.\s*$/u;
const LONE_AGENCY_RE = /^\p{Lu}{2,10}(?:\/\p{Lu}{2,10})*$/u;
const PAGE_CHROME_RE = /^(?:see more|read more|related news|related stories|more news)\s*:?$/iu;
const CREDIT_END_RE = /\((?:photo|photos|source|ảnh|nguồn|illustration|graphic)\s*:[^()]*\)$/iu;

/** True when the text shows at least two of an agency page's marks. */
export function looksLikeAgencyPage(text: string): boolean {
  const lines = text.split('\n').map(cleanLine);
  const marks = [
    lines.some((l) => DATELINE_RE.test(l)),
    lines.some((l) => PHOTO_MARKER_RE.test(l)),
    lines.some((l) => SIGN_OFF_RE.test(l)),
    lines.some((l) => PAGE_CHROME_RE.test(l)),
  ];
  return marks.filter(Boolean).length >= 2;
}

/** Reads an agency page into a story. */
export function parseAgencyPage(text: string): StoryResult {
  const lines = text.split('\n').map(cleanLine);
  const notes: string[] = [];

  // Page chrome: everything from the "See more" line on.
  const chromeAt = lines.findIndex((l) => PAGE_CHROME_RE.test(l));
  let teasersDropped = 0;
  if (chromeAt >= 0) {
    const chrome = lines.slice(chromeAt + 1).filter((l) => l !== '');
    // Each teaser is a photo caption, a headline and a blurb; the headline is
    // the one line that does not end like a sentence or a credit.
    teasersDropped = chrome.filter((l) => !/[.!?…)"”’]$/u.test(l)).length;
    notes.push(`left out the "${lines[chromeAt]}" block, page chrome: ${plural(teasersDropped, 'teaser')} for other stories (${plural(chrome.length, 'line')})`);
  }
  const content = (chromeAt >= 0 ? lines.slice(0, chromeAt) : lines).filter((l) => l !== '');

  const title = content[0] ?? '';
  const problem = headlineProblem(title);
  if (problem) return { ok: false, reason: problem };

  const photos: PhotoNote[] = [];
  const paragraphs: string[] = [];
  let headlineRepeats = 0;
  for (const line of content.slice(1)) {
    if (sameText(line, title)) {
      headlineRepeats++;
      continue;
    }
    const caption = captionOf(line, title, paragraphs.length);
    if (caption) photos.push(caption);
    else paragraphs.push(line);
  }
  if (headlineRepeats > 0) notes.push(`left out ${plural(headlineRepeats, 'repeat')} of the headline`);

  // The sign-off: the lone agency line(s) after the text, and "./.".
  while (paragraphs.length > 0 && LONE_AGENCY_RE.test(paragraphs[paragraphs.length - 1]!)) paragraphs.pop();
  const last = paragraphs.length - 1;
  if (last >= 0 && SIGN_OFF_RE.test(paragraphs[last]!)) {
    paragraphs[last] = paragraphs[last]!.replace(/\.?\s*\/\.\s*$/u, '.');
  }

  // The dateline opens the first paragraph that carries one.
  let dateline: string | undefined;
  let source: string | undefined;
  const datelineAt = paragraphs.findIndex((p) => DATELINE_RE.test(p));
  if (datelineAt >= 0) {
    const p = paragraphs[datelineAt]!;
    const m = DATELINE_RE.exec(p)!;
    dateline = m[1]!.trim();
    source = m[2]!.trim();
    paragraphs[datelineAt] = p.slice(m[0].length);
  }

  if (paragraphs.length === 0) return { ok: false, reason: 'has a headline but no text below it' };
  // The lead is the first paragraph, unless the dateline opens it; the page
  // usually prints it again as the body's first paragraph.
  const leadIsSeparate = datelineAt !== 0 && paragraphs.length > 1;
  const [lead = '', ...rest] = paragraphs;
  const body = leadIsSeparate ? rest.filter((p) => !sameText(p, lead)) : paragraphs;
  const leadRepeats = leadIsSeparate ? rest.length - body.length : 0;
  if (leadRepeats > 0) notes.push(`left out ${plural(leadRepeats, 'body paragraph')} repeating the lead`);

  const chosen = leadIsSeparate && body.length > 0 ? { summary: lead, body } : standfirstAndBody(leadIsSeparate ? [lead] : body);
  if ('note' in chosen && chosen.note) notes.push(chosen.note);
  return {
    ok: true,
    story: { format: 'agency-page', title, summary: chosen.summary, body: chosen.body, dateline, source, photos, teasersDropped, notes },
  };
}

/**
 * The photo caption in a line, if it is one: a line with the CMS photo
 * marker (after a repeat of the headline), or a line that repeats the
 * headline, or, before the body starts, a short line ending in a credit.
 */
function captionOf(line: string, title: string, paragraphsSoFar: number): PhotoNote | undefined {
  const marker = PHOTO_MARKER_RE.exec(line);
  let text: string | undefined;
  if (marker) {
    text = line.slice(marker.index + marker[0].length);
  } else if (line.length > title.length && sameText(line.slice(0, title.length), title)) {
    text = line.slice(title.length);
  } else if (paragraphsSoFar <= 1 && line.length <= 300 && CREDIT_END_RE.test(line) && !DATELINE_RE.test(line)) {
    text = line;
  }
  if (text === undefined) return undefined;
  const { caption, credit } = splitCaptionCredit(cleanLine(text));
  return caption === '' && !credit ? undefined : { caption, credit };
}
