/**
 * Search as you type, shared by the search page and the header drop-down:
 * waits for a pause in typing, asks the worker, shows the newest answer only.
 * The list's aria-busy is "true" from the keystroke until the results for the
 * current query are on screen. Each search that reaches the screen is timed
 * as the user-timing measure "dispatch:search" (query sent → results shown).
 */
import type { SearchResult } from '../../lib/search/engine';
import type { SearchClient } from './client';
import { countText, renderHits } from './render';

export interface LiveSearchOptions {
  input: HTMLInputElement;
  list: HTMLOListElement;
  status: HTMLElement;
  client: SearchClient;
  debounceMs: number;
  limit: number;
  compact: boolean;
  /** The section filter's value ('' for all) and its display name. */
  section?: () => { id: string; name?: string };
  /** Called after each query's results are shown (undefined for an empty query). */
  onResult?: (result: SearchResult | undefined, query: string) => void;
}

export class LiveSearch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  private last: SearchResult | undefined;

  constructor(private readonly options: LiveSearchOptions) {}

  /** After a keystroke: mark the list busy and search once typing pauses. */
  schedule(): void {
    this.options.list.setAttribute('aria-busy', 'true');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.options.debounceMs);
  }

  /** Searches now (Enter, a filter change, a query from the URL). */
  async run(offset = 0): Promise<void> {
    clearTimeout(this.timer);
    const { input, list, status, client, limit, compact } = this.options;
    const query = input.value;
    const section = this.options.section?.() ?? { id: '' };
    const mine = ++this.sequence;
    if (query.trim() === '') {
      this.last = undefined;
      list.replaceChildren();
      status.textContent = '';
      list.setAttribute('aria-busy', 'false');
      this.options.onResult?.(undefined, query);
      return;
    }
    list.setAttribute('aria-busy', 'true');
    const started = performance.now();
    let result: SearchResult | undefined;
    try {
      result = await client.search({ query, section: section.id, offset, limit });
    } catch {
      if (mine !== this.sequence) return;
      status.textContent = 'Search is not available right now. Please try again.';
      list.setAttribute('aria-busy', 'false');
      return;
    }
    if (!result || mine !== this.sequence) return;
    this.last = result;
    renderHits(list, result.hits, { append: offset > 0, compact });
    status.textContent = countText(result, section.name);
    list.setAttribute('aria-busy', 'false');
    try {
      performance.measure('dispatch:search', { start: started, end: performance.now(), detail: { query, total: result.total } });
    } catch {
      // Timing is a nicety for benchmarks; never let it break search.
    }
    this.options.onResult?.(result, query);
  }

  /** Loads the next page of the current results below the ones shown. */
  more(): Promise<void> {
    const shown = this.options.list.children.length;
    return this.last ? this.run(shown) : Promise.resolve();
  }

  /** The last results shown. */
  get result(): SearchResult | undefined {
    return this.last;
  }
}
