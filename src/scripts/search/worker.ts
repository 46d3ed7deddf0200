/**
 * The search worker: loads the index lazily and answers queries off the main
 * thread. Results go back as soon as they are ranked, snippets from the
 * stories' text follow. A query that a newer one has replaced stops at its
 * next wait and sends nothing back. After the first answer, the rest of the
 * index loads quietly in the background when the manifest allows it.
 */
import { SearchEngine, StaleQuery } from '../../lib/search/engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

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
  const { id } = data;
  latest = Math.max(latest, id);
  const isCurrent = () => id === latest;
  let answered = false;
  try {
    const search = await open();
    const result = await search.search(data.request, isCurrent);
    if (!isCurrent()) return;
    scope.postMessage({ type: 'result', id, result });
    answered = true;
    const updates = await search.snippets(result, isCurrent);
    if (isCurrent()) scope.postMessage({ type: 'snippets', id, updates });
    search.prefetch().catch(() => undefined);
  } catch (error) {
    if (error instanceof StaleQuery || !isCurrent()) return;
    // Results already shown keep their summary snippets; otherwise say what failed.
    if (answered) scope.postMessage({ type: 'snippets', id, updates: [] });
    else scope.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};
