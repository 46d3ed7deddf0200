/** The page's handle on the search worker: one query in flight, older ones dropped. */
import type { SearchRequest, SearchResult } from '../../lib/search/engine';
import type { FromWorker, ToWorker } from './protocol';

type Settle = { resolve: (r: SearchResult | undefined) => void; reject: (e: Error) => void };

export class SearchClient {
  private worker?: Worker;
  private nextId = 0;
  private pending = new Map<number, Settle>();

  /** Starts the worker and has it fetch the index manifest. */
  warm(): void {
    this.ensureWorker();
  }

  /** Resolves with the result, or with undefined when a newer search replaced this one. */
  search(request: SearchRequest): Promise<SearchResult | undefined> {
    const worker = this.ensureWorker();
    const id = ++this.nextId;
    for (const [older, settle] of this.pending) {
      settle.resolve(undefined);
      this.pending.delete(older);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'search', id, request } satisfies ToWorker);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'search' });
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      const settle = this.pending.get(data.id);
      if (!settle) return;
      this.pending.delete(data.id);
      if (data.type === 'result') settle.resolve(data.result);
      else settle.reject(new Error(data.message));
    };
    worker.postMessage({ type: 'open', root: new URL('/search/', location.href).href } satisfies ToWorker);
    this.worker = worker;
    return worker;
  }
}
