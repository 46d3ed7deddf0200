/**
 * What raw HTML an article body may contain: GitHub's allow-list (the default
 * of hast-util-sanitize) plus a few elements newsrooms use. Everything else is
 * removed; so are `javascript:` and `data:` URLs, event handlers and styles.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize';

const extraElements = ['figure', 'figcaption', 'abbr', 'mark', 'cite', 'time', 'small', 'u'];
/**
 * Elements removed with what they hold: a style sheet's rules, a drawing's
 * labels or an iframe's fallback were printed as body text ("p{color:red}").
 */
const strippedElements = ['script', 'style', 'svg', 'math', 'iframe', 'noscript', 'noembed', 'noframes', 'template', 'textarea', 'title', 'xmp'];

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...extraElements],
  strip: strippedElements,
  attributes: {
    ...defaultSchema.attributes,
    abbr: ['title'],
    time: ['dateTime'],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto', 'tel'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
};
