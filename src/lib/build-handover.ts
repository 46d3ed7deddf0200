/**
 * Hands values from page rendering to integrations within one build. Pages
 * are rendered by bundled copies of our modules, integrations run from the
 * config's copy; a registered symbol on globalThis is shared by both.
 */
type Slot = 'publishedArticleUrls' | 'searchFiles';

export function handOver<T>(slot: Slot, value: T): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for(`dispatch.${slot}`)] = value;
}

/** What `handOver` left in `slot` during this build, if anything. */
export function takeOver<T>(slot: Slot): T | undefined {
  return (globalThis as Record<symbol, unknown>)[Symbol.for(`dispatch.${slot}`)] as T | undefined;
}
