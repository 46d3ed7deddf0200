/**
 * The header search box's drop-down: suggestions and live results under the
 * box on every page but /search/. Loaded by loader.ts on the box's first
 * focus or keystroke. The drop-down places itself inside the screen (8 px
 * from each edge) wherever the form sits in the header, so it needs nothing
 * from the header's layout.
 */
import { SearchClient } from './client.ts';
import { arrowNavigation, chooseSuggestion } from './keyboard.ts';
import { LiveSearch } from './live-search.ts';
import { searchUrl, suggestionsBox } from './render.ts';

const EDGE = 8;
const WIDEST = 480;

/** Adds the drop-down to the header form holding `input`. */
export function mountPanel(input: HTMLInputElement): void {
  const form = input.form;
  if (!form || form.querySelector('.search-panel')) return;
  const panel = document.createElement('div');
  panel.className = 'search-panel';
  panel.id = 'search-panel';
  panel.hidden = true;
  const status = document.createElement('p');
  status.className = 'search-status';
  status.setAttribute('role', 'status');
  const suggestions = suggestionsBox('search-suggestions');
  const list = document.createElement('ol');
  list.id = 'search-results';
  list.className = 'search-results compact';
  list.setAttribute('aria-busy', 'false');
  const footer = document.createElement('p');
  footer.className = 'search-panel-all';
  const all = document.createElement('a');
  footer.append(all);
  panel.append(status, suggestions, list, footer);
  form.append(panel);
  input.setAttribute('aria-controls', `${suggestions.id} ${panel.id}`);

  // Placed against the form's box, clamped to the viewport.
  const place = () => {
    const viewport = document.documentElement.clientWidth;
    const box = form.getBoundingClientRect();
    const width = Math.min(WIDEST, viewport - 2 * EDGE);
    const left = Math.max(EDGE, Math.min(box.right - width, viewport - EDGE - width));
    panel.style.width = `${width}px`;
    panel.style.left = `${Math.round(left - box.left)}px`;
  };
  const show = () => {
    place();
    panel.hidden = false;
  };
  addEventListener('resize', () => {
    if (!panel.hidden) place();
  }, { passive: true });

  const client = new SearchClient();
  client.warm();
  const live = new LiveSearch({
    input, list, status, suggestions, client,
    debounceMs: Number(form.dataset.debounce ?? 120),
    limit: Number(form.dataset.panelSize ?? 6),
    compact: true,
    onResult: (result, query) => {
      if (query.trim()) show();
      else panel.hidden = true;
      if (!result) return;
      all.href = searchUrl(query);
      all.textContent = result.total + result.partialTotal === 0
        ? result.suggestion ? `Search for “${result.suggestion}” instead` : 'Open the search page'
        : `See all results on the search page`;
      if (result.total === 0 && result.suggestion) all.href = searchUrl(result.suggestion);
    },
  });
  const close = () => (panel.hidden = true);
  input.addEventListener('input', () => {
    if (input.value.trim()) show();
    live.schedule();
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() && live.result) show();
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) close();
  });
  arrowNavigation(input, [suggestions, list], {
    onEscape: close,
    onChoose: (option) => chooseSuggestion(option, input, () => void live.run()),
  });
  if (input.value.trim()) {
    show();
    void live.run();
  }
}
