// src/lib/content/: reading and validating article files (schema, loader, file rules, photo checks, pins); errors name file and field.
/**
 * The frontmatter schema: the only code that knows frontmatter. Every field is
 * typed here; unknown fields, impossible dates and unknown sections are
 * rejected with the field named. `content.config.ts` hands it to Astro, and
 * the importer checks what it writes against the very same rules.
 */
import { z } from 'astro/zod';
import { findSection, site } from '../../site.config.ts';
import { parseDateTime } from '../text/date.ts';
import { slugify } from '../text/slug.ts';

const dateTime = z
  .string()
  .transform((value, ctx) => {
    const parsed = parseDateTime(value);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

/** Text with a character to see: not only spaces, zero-width characters or direction marks (a headline of one U+200B was published blank). */
const VISIBLE_RE = /[^\s\p{Cf}\p{Cc}]/u;
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
    .refine((value) => value === '' || VISIBLE_RE.test(value), 'has only invisible characters (zero-width spaces or direction marks); write it out');
/** A tag or an agency: text its page's address is made from (a tag of only "!!!" or "🎆" was dropped, an agency linked to /source/). */
const named = (max: number) => text(max).refine((value) => slugify(value) !== '', 'has no letter or digit to make its page address from');

// Zod 4 spends far more building a schema than using it, and Astro builds the
// collection schema anew for every entry (its image() helper knows the entry's
// file): every field but image.src is built once, here.
const imageFields = {
  alt: text(500),
  caption: text(1000).optional(),
  credit: text(200).optional(),
};

const sectionIds = site.sections.map((s) => s.id).join(', ');

const articleFields = {
  title: text(300),
  summary: text(2000),
  date: dateTime,
  updated: dateTime.optional(),
  section: z
    .string()
    .transform((value, ctx) => {
      const section = findSection(value);
      if (!section) {
        ctx.addIssue({ code: 'custom', message: `unknown section "${value}"; known sections: ${sectionIds}` });
        return z.NEVER;
      }
      return section.id;
    }),
  tags: z.array(named(80)).max(30, 'must list at most 30 tags').default([]),
  authors: z.array(text(120)).max(20, 'must list at most 20 authors').default([]),
  source: named(80).optional(),
  dateline: text(80).optional(),
};

const laterFields = {
  related: z.array(text(200)).max(20, 'must list at most 20 articles').default([]),
  draft: z.boolean().default(false),
};

/**
 * The article frontmatter schema. `image` builds the schema of `image.src`:
 * Astro's `image()` helper in the build, which resolves and checks the file.
 */
export function articleSchema<Src extends z.ZodType>(image: () => Src) {
  return z
    .object({
      ...articleFields,
      image: z.object({ src: image(), ...imageFields }).strict().optional(),
      ...laterFields,
    })
    .strict()
    .superRefine((data, ctx) => {
      if (data.updated && data.updated < data.date) {
        ctx.addIssue({ code: 'custom', path: ['updated'], message: 'is earlier than date' });
      }
    });
}
