/** Messages between the page and the search worker. */
import type { SearchRequest, SearchResult } from '../../lib/search/engine';

export type ToWorker =
  | { type: 'open'; root: string }
  | { type: 'search'; id: number; request: SearchRequest };

export type FromWorker =
  | { type: 'result'; id: number; result: SearchResult }
  | { type: 'error'; id: number; message: string };
