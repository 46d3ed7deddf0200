/** What both search forms (the header's box and the search page's) and their boxes say about themselves. */
import { searchUrl } from '../lib/model/urls.ts';
import { site } from '../site.config.ts';

/** A plain GET form to the search page, so every search is a link; `label` names it among the page's landmarks. */
export function searchFormAttributes(label: string) {
  return { role: 'search', 'aria-label': label, action: searchUrl, method: 'get', 'data-debounce': site.search.debounceMs } as const;
}

/**
 * The search box of either form: a phone keyboard neither capitalises nor
 * corrects the place names readers type ("danang" is no typo of "Dang").
 */
export const searchInputAttributes = {
  type: 'search', name: 'q', autocomplete: 'off', autocapitalize: 'off', autocorrect: 'off', spellcheck: 'false', dir: 'auto',
} as const;
