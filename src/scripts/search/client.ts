/** The page's handle on the search worker: one query in flight, older ones dropped. */
import type { SearchRequest, SearchResult, SnippetUpdate } from '../../lib/search/engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

interface Pending {
  resolve: (r: SearchResult | undefined) => void;
  reject: (e: Error) => void;
  onSnippets?: (updates: SnippetUpdate[]) => void;
}

export class SearchClient {
  private worker?: Worker;
  private nextId = 0;
  private pending = new Map<number, Pending>();

  /** Starts the worker and has it fetch the index manifest. */
  warm(): void {
    this.ensureWorker();
  }

  /**
   * Resolves with the ranked result, or with undefined when a newer search
   * replaced this one; `onSnippets` later receives snippets from the stories' text.
   */
  search(request: SearchRequest, onSnippets?: (updates: SnippetUpdate[]) => void): Promise<SearchResult | undefined> {
    const worker = this.ensureWorker();
    const id = ++this.nextId;
    for (const [older, pending] of this.pending) {
      pending.resolve(undefined);
      this.pending.delete(older);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onSnippets });
      worker.postMessage({ type: 'search', id, request } satisfies ToWorker);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'search' });
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      const pending = this.pending.get(data.id);
      if (!pending) return;
      if (data.type === 'result') pending.resolve(data.result);
      else if (data.type === 'snippets') {
        this.pending.delete(data.id);
        pending.onSnippets?.(data.updates);
      } else {
        this.pending.delete(data.id);
        pending.reject(new Error(data.message));
      }
    };
    worker.postMessage({ type: 'open', root: new URL('/search/', location.href).href } satisfies ToWorker);
    this.worker = worker;
    return worker;
  }
}
