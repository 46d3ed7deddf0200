/**
 * Search as you type, shared by the search page and the header drop-down:
 * waits for a pause in typing, asks the worker, shows the newest answer only.
 * The list's aria-busy is "true" from the keystroke until the results for the
 * current query are on screen, and the status says "Searching…" until the
 * first answer (the index may take seconds on a slow connection). Snippets from the stories' text replace the
 * summary's when they arrive. Each search that reaches the screen is timed as
 * user-timing measures: "dispatch:search" (query sent → results shown) and
 * "dispatch:search:complete" (→ text snippets in place).
 */
import type { SearchResult, SnippetUpdate } from '../../lib/search/engine.ts';
import type { SearchClient } from './client.ts';
import { appendSegments, countText, renderHits, renderSuggestions } from './render.ts';

export interface LiveSearchOptions {
  input: HTMLInputElement;
  list: HTMLOListElement;
  status: HTMLElement;
  /** The suggestions listbox (sections, tags, places… matching the query). */
  suggestions: HTMLUListElement;
  client: SearchClient;
  debounceMs: number;
  limit: number;
  compact: boolean;
  /** The section filter's value ('' for all) and its display name. */
  section?: () => { id: string; name?: string };
  /** Whether the results go newest first rather than by relevance. */
  newest?: () => boolean;
  /** Called after each query's results are shown (undefined for an empty query). */
  onResult?: (result: SearchResult | undefined, query: string) => void;
}

export class LiveSearch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  private last: SearchResult | undefined;

  private readonly options: LiveSearchOptions;

  constructor(options: LiveSearchOptions) {
    this.options = options;
  }

  /**
   * After a keystroke: mark the list busy and search once typing pauses. A
   * search still under way is for a query the reader has since changed: its
   * answer is dropped, so it neither fills the list nor ends the busy state
   * while the current query waits for its turn (on a phone, a suggestion the
   * reader had moved to was drawn again under their thumb).
   */
  schedule(): void {
    this.sequence++;
    this.options.list.setAttribute('aria-busy', 'true');
    this.searching();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.options.debounceMs);
  }

  /** Searches now (Enter, a filter change, a query from the URL). */
  async run(offset = 0): Promise<void> {
    clearTimeout(this.timer);
    const { input, list, status, suggestions, client, limit, compact } = this.options;
    const query = input.value;
    const section = this.options.section?.() ?? { id: '' };
    const mine = ++this.sequence;
    if (query.trim() === '') {
      this.last = undefined;
      list.replaceChildren();
      renderSuggestions(suggestions, []);
      status.textContent = '';
      list.setAttribute('aria-busy', 'false');
      this.options.onResult?.(undefined, query);
      return;
    }
    list.setAttribute('aria-busy', 'true');
    this.searching();
    const started = performance.now();
    let result: SearchResult | undefined;
    const snippets = (updates: SnippetUpdate[]) => {
      if (mine !== this.sequence) return;
      for (const u of updates) {
        const target = list.querySelector(`li[data-doc="${u.doc}"] .search-hit-snippet`);
        if (target instanceof HTMLElement) {
          target.replaceChildren();
          appendSegments(target, u.snippet);
        }
      }
      mark('dispatch:search:complete', started, query, result?.total ?? 0);
    };
    try {
      const order = this.options.newest?.() ? { order: 'newest' as const } : {};
      result = await client.search({ query, section: section.id, offset, limit, snippets: !compact, ...order }, snippets);
    } catch {
      if (mine !== this.sequence) return;
      status.textContent = 'Search is not available right now. Please try again.';
      list.setAttribute('aria-busy', 'false');
      return;
    }
    if (!result || mine !== this.sequence) return;
    this.last = result;
    renderHits(list, result, { append: offset > 0, compact });
    if (offset === 0) renderSuggestions(suggestions, result.suggestions);
    status.textContent = countText(result, section.name);
    list.setAttribute('aria-busy', 'false');
    mark('dispatch:search', started, query, result.total);
    this.options.onResult?.(result, query);
  }

  /** Until the first answer arrives, the status says the search is under way. */
  private searching(): void {
    const { status, input } = this.options;
    if (!status.textContent && input.value.trim()) status.textContent = 'Searching…';
  }

  /** Stories on screen (the divider is not one). */
  get shown(): number {
    return this.options.list.querySelectorAll('.search-hit').length;
  }

  /** Loads the next page of the current results below the ones shown. */
  more(): Promise<void> {
    const shown = this.shown;
    return this.last ? this.run(shown) : Promise.resolve();
  }

  /** The last results shown. */
  get result(): SearchResult | undefined {
    return this.last;
  }
}

function mark(name: string, start: number, query: string, total: number): void {
  try {
    performance.measure(name, { start, end: performance.now(), detail: { query, total } });
  } catch {
    // Timing is a nicety for benchmarks; never let it break search.
  }
}
