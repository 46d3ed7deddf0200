/** What both search forms (the header's box and the search page's) say about themselves. */
import { searchUrl } from '../lib/model/urls';
import { site } from '../site.config';

/** A plain GET form to the search page, so every search is a link; `label` names it among the page's landmarks. */
export function searchFormAttributes(label: string) {
  return { role: 'search', 'aria-label': label, action: searchUrl, method: 'get', 'data-debounce': site.search.debounceMs } as const;
}
