/**
 * The header search box's drop-down: live results under the box on every page
 * but /search/. Loaded by loader.ts on the box's first focus or keystroke.
 */
import { SearchClient } from './client';
import { arrowNavigation } from './keyboard';
import { LiveSearch } from './live-search';
import { searchUrl } from './render';

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
  const list = document.createElement('ol');
  list.id = 'search-results';
  list.className = 'search-results compact';
  list.setAttribute('aria-busy', 'false');
  const footer = document.createElement('p');
  footer.className = 'search-panel-all';
  const all = document.createElement('a');
  footer.append(all);
  panel.append(status, list, footer);
  form.append(panel);
  input.setAttribute('aria-controls', panel.id);

  const client = new SearchClient();
  client.warm();
  const live = new LiveSearch({
    input, list, status, client,
    debounceMs: Number(form.dataset.debounce ?? 120),
    limit: Number(form.dataset.panelSize ?? 6),
    compact: true,
    onResult: (result, query) => {
      panel.hidden = !query.trim();
      if (!result) return;
      all.href = searchUrl(query);
      all.textContent = result.total === 0
        ? result.suggestion ? `Search for “${result.suggestion}” instead` : 'Open the search page'
        : `See all results on the search page`;
      if (result.total === 0 && result.suggestion) all.href = searchUrl(result.suggestion);
    },
  });
  const close = () => (panel.hidden = true);
  input.addEventListener('input', () => {
    if (input.value.trim()) panel.hidden = false;
    live.schedule();
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() && live.result) panel.hidden = false;
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) close();
  });
  arrowNavigation(input, list, close);
  if (input.value.trim()) {
    panel.hidden = false;
    void live.run();
  }
}
