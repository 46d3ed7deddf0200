/**
 * The /search/ page: the query lives in the URL (?q=…&section=…&order=newest), results
 * appear as the reader types, and "no results" offers a way on.
 */
import { SearchClient } from './client.ts';
import { arrowNavigation, chooseSuggestion, isTyping } from './keyboard.ts';
import { LiveSearch } from './live-search.ts';
import { searchUrl, suggestionsBox } from './render.ts';

function required<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`search page: #${id} is missing`);
  return el as T;
}

/** Wires up the search page; its markup comes from src/pages/search.astro. */
export function mountSearchPage(): void {
  const form = required<HTMLFormElement>('search-page-form');
  const input = required<HTMLInputElement>('search-input');
  const select = required<HTMLSelectElement>('search-section');
  const orderGroup = required<HTMLElement>('search-order');
  const orderButtons = [...orderGroup.querySelectorAll<HTMLButtonElement>('button[data-order]')];
  // '' (best match first) or 'newest', from the address below.
  let order = '';
  const showOrder = () => orderButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.order === order)));
  const list = required<HTMLOListElement>('search-results');
  const status = required<HTMLElement>('search-status');
  const suggestions = suggestionsBox('search-suggestions');
  list.before(suggestions);
  input.setAttribute('aria-controls', `${suggestions.id} ${list.id}`);
  const empty = required<HTMLElement>('search-empty');
  const suggestion = required<HTMLElement>('search-suggestion');
  const allSections = required<HTMLElement>('search-all-sections');
  const more = required<HTMLButtonElement>('search-more');
  const client = new SearchClient();

  // The address follows the query once typing pauses: replaceState can take
  // several milliseconds, too long to pay on every keystroke's results.
  let addressTimer: ReturnType<typeof setTimeout> | undefined;
  const syncAddress = (query: string) => {
    clearTimeout(addressTimer);
    addressTimer = setTimeout(() => history.replaceState(history.state, '', searchUrl(query.trim() ? query : '', select.value, order)), 400);
  };

  const live = new LiveSearch({
    input, list, status, suggestions, client,
    debounceMs: Number(form.dataset.debounce ?? 120),
    limit: Number(form.dataset.pageSize ?? 10),
    compact: false,
    section: () => ({ id: select.value, name: select.value ? select.selectedOptions[0]?.textContent ?? undefined : undefined }),
    newest: () => order === 'newest',
    onResult: (result, query) => {
      syncAddress(query);
      const none = result?.total === 0 && !result.oneLetter;
      empty.hidden = !none;
      suggestion.replaceChildren();
      if (none && result.suggestion) {
        const link = document.createElement('a');
        link.href = searchUrl(result.suggestion, select.value, order);
        link.textContent = result.suggestion;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          input.value = result.suggestion ?? '';
          void live.run();
          input.focus();
        });
        suggestion.append('Did you mean ', link, '?');
      }
      allSections.hidden = !(none && select.value);
      // Two stories or more can be put in another order.
      orderGroup.hidden = !result || result.total + result.partialTotal < 2;
      more.hidden = !result || live.shown >= result.total + result.partialTotal;
    },
  });

  document.body.classList.add('search-ready');
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  const section = params.get('section') ?? '';
  if ([...select.options].some((o) => o.value === section)) select.value = section;
  if (params.get('order') === 'newest') order = 'newest';
  showOrder();

  input.addEventListener('input', () => live.schedule());
  input.addEventListener('focus', () => client.warm(), { once: true });
  select.addEventListener('change', () => void live.run());
  for (const button of orderButtons) {
    button.addEventListener('click', () => {
      order = button.dataset.order ?? '';
      showOrder();
      void live.run();
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A phone's search key means "show me": its keyboard, up while the box has focus, would hide half the results.
    if (!matchMedia('(pointer: fine)').matches) input.blur();
    void live.run();
  });
  more.addEventListener('click', () => void live.more());
  allSections.querySelector('button')?.addEventListener('click', () => {
    select.value = '';
    void live.run();
  });
  arrowNavigation(input, [suggestions, list], { onChoose: (option) => chooseSuggestion(option, input, () => void live.run()) });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && !isTyping(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  if (input.value.trim()) void live.run();
  // An empty search page is for typing: the cursor waits in the box.
  else input.focus();
}
