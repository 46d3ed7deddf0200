/**
 * Writing an imported article as Markdown: YAML frontmatter in a fixed field
 * order, then the body, escaped so plain text stays plain text ("1999. It
 * was..." is not a list, "<b>" is not a tag, "# 1" is not a heading).
 */
import type { Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { Document } from 'yaml';
import type { PhotoNote } from './story.ts';

/** The frontmatter fields the importer writes, in the order it writes them. */
export interface ImportedFrontmatter {
  title: string;
  summary: string;
  date: string;
  section: string;
  source?: string;
  dateline?: string;
}

const FIELD_ORDER: (keyof ImportedFrontmatter)[] = ['title', 'summary', 'date', 'section', 'source', 'dateline'];

/**
 * The article file's text. A photo the source described but did not include
 * is kept as a commented-out `image` block, ready for an editor to fill in
 * once the picture is saved beside the file as `imageFile`.
 */
export function articleMarkdown(
  frontmatter: ImportedFrontmatter,
  body: readonly string[],
  photo?: { note: PhotoNote; imageFile: string },
): string {
  const fields = Object.fromEntries(
    FIELD_ORDER.filter((k) => frontmatter[k] !== undefined).map((k) => [k, frontmatter[k]]),
  );
  const doc = new Document(fields);
  if (photo) {
    const image = new Document({
      image: {
        src: `./${photo.imageFile}`,
        alt: photo.note.caption || 'Describe the photo',
        ...(photo.note.caption ? { caption: photo.note.caption } : {}),
        ...(photo.note.credit ? { credit: photo.note.credit } : {}),
      },
    });
    doc.comment = [
      ' The page had a photo, but no image file came with its text. To show it,',
      ` save it beside this file as ${photo.imageFile}, check the alt text, and uncomment:`,
      ...image.toString({ lineWidth: 0 }).trimEnd().split('\n').map((l) => ` ${l}`),
    ].join('\n');
  }
  const tree: Root = {
    type: 'root',
    children: body.map((value) => ({ type: 'paragraph', children: [{ type: 'text', value }] })),
  };
  const markdown = toMarkdown(tree, { extensions: [gfmToMarkdown()] });
  return `---\n${doc.toString({ lineWidth: 0 })}---\n\n${markdown}`;
}
