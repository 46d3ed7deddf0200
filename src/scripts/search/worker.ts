/**
 * The search worker: loads the index lazily and answers queries off the main
 * thread. A query that a newer one has replaced stops at its next wait and
 * sends nothing back.
 */
import { SearchEngine, StaleQuery } from '../../lib/search/engine';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
};

let root = '';
let engine: Promise<SearchEngine> | undefined;
let latest = 0;

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(new URL(path, root));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function open(): Promise<SearchEngine> {
  engine ??= SearchEngine.open(fetchJson);
  // A failed load (offline, a deploy in progress) is tried again next time.
  engine.catch(() => (engine = undefined));
  return engine;
}

scope.onmessage = async ({ data }) => {
  if (data.type === 'open') {
    root = data.root;
    open().catch(() => undefined);
    return;
  }
  latest = Math.max(latest, data.id);
  try {
    const result = await (await open()).search(data.request, () => data.id === latest);
    if (data.id === latest) scope.postMessage({ type: 'result', id: data.id, result });
  } catch (error) {
    if (error instanceof StaleQuery || data.id !== latest) return;
    scope.postMessage({ type: 'error', id: data.id, message: error instanceof Error ? error.message : String(error) });
  }
};
