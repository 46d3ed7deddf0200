/** Messages between the page and the search worker. */
import type { SearchRequest, SearchResult, SnippetUpdate } from '../../lib/search/engine.ts';

export type ToWorker =
  | { type: 'open'; root: string }
  | { type: 'search'; id: number; request: SearchRequest };

export type FromWorker =
  | { type: 'result'; id: number; result: SearchResult }
  /** Better snippets for some hits of result `id`, from the stories' text. */
  | { type: 'snippets'; id: number; updates: SnippetUpdate[] }
  | { type: 'error'; id: number; message: string };
