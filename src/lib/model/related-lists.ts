/**
 * Every article's "See more" links for a build: kept from the last build
 * when their input and the engine are the same (src/lib/build/step-cache.ts),
 * else taken from the lists begun while the content was read
 * (related-ahead.ts) when they were begun from the same input, else computed
 * in a worker thread (src/lib/related/worker.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from './article.ts';
import type { RelatedLink } from '../related/index.ts';
import { inputDigest } from '../related/ahead.ts';
import { computeRelatedAside } from '../related/worker.ts';
import { buildCache, keptOrComputedAsync, sourceDigest } from '../build/step-cache.ts';
import { site } from '../../site.config.ts';
import { INPUT_FILE, relatedTermCache, takeRelatedAhead } from './related-ahead.ts';
import { relatedCodec, toRelatedInput } from './related-input.ts';

/** The related engine's source: its lists are kept only while it is unchanged (it is a chunk of its own, not this module's). */
const RELATED_CODE = ['src/lib/related', 'src/lib/text'];

/** Every article's related links (see above). */
export function relatedLinks(articles: readonly Article[]): Promise<Map<string, RelatedLink[]>> {
  const input = articles.map((article) => toRelatedInput(article));
  let digest: string | undefined;
  const inputKey = () => (digest ??= inputDigest(input, site.related));
  // Ages count back from the newest published story, not the clock: the lists
  // then depend on the content alone, so a rebuild with nothing new reuses them
  // and re-renders no page because time passed.
  const parts = () => [sourceDigest(RELATED_CODE), inputKey()];
  const begun = takeRelatedAhead();
  const compute = (signal?: AbortSignal) => computeRelatedAside({ articles: input, options: site.related, termCache: relatedTermCache() }, signal);
  const lists = keptOrComputedAsync('related lists', import.meta.url, parts, (_kept, signal) => {
    if (!begun) return compute(signal);
    signal?.addEventListener('abort', begun.stop, { once: true });
    return begun.lists.then((ahead) => {
      if (ahead?.links && ahead.digest === inputKey()) {
        console.info('[dispatch] related lists: begun while the content was read, taken');
        return ahead.links;
      }
      if (ahead?.links) console.info('[dispatch] related lists: begun while the content was read, from other stories: computed again');
      return compute(signal);
    });
  }, relatedCodec);
  const cache = buildCache();
  if (!cache) return lists;
  return lists.then((links) => {
    mkdirSync(join(cache, 'steps'), { recursive: true });
    writeFileSync(join(cache, 'steps', INPUT_FILE), inputKey());
    return links;
  });
}
