import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/lib/model/article';
import { relatedLinks } from '../../src/lib/model/related-lists';
import { computeRelatedAhead, inputDigest } from '../../src/lib/related/ahead';
import { computeRelatedAside, type TextsAt } from '../../src/lib/related/worker';
import { KeptBodies, textDigest } from '../../src/lib/content/body-texts';
import { tempFile } from '../helpers/temp-file';
import { computeRelated, type RelatedInput, type RelatedLink } from '../../src/lib/related/index';
import { site } from '../../src/site.config';
import { stories } from '../fixtures/related/stories';

// The engine's worker as a build begins it while the content is read: from its source file, which Node runs as it is.
const WORKER_SOURCE = fileURLToPath(new URL('../../src/lib/related/worker.ts', import.meta.url));
const AHEAD = Symbol.for('dispatch.relatedAhead');

const input: RelatedInput[] = stories.map((s) => ({
  id: s.id, title: s.title, summary: s.summary, text: s.body, section: s.section, tags: s.tags ?? [], date: new Date(s.date), pinned: s.related ?? [],
}));
// The fields of an article the engine reads (toRelatedInput), for the model's side.
const articles = input.map((s) => ({
  id: s.id, title: s.title, summary: s.summary, text: s.text, section: { id: s.section }, tags: s.tags.map((name) => ({ name })), date: s.date, pinned: s.pinned,
})) as unknown as Article[];

const ids = (links: ReadonlyMap<string, readonly RelatedLink[]>) => [...links].map(([id, list]) => [id, list.map((l) => l.id)]);

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[AHEAD];
});

describe('"See more" begun while the content is read', () => {
  it("computes in a thread started from the engine's source what the engine computes here, with its input's digest", async () => {
    const begun = computeRelatedAhead({ articles: input, options: site.related }, WORKER_SOURCE);
    const ahead = await begun.lists;
    expect(ahead?.digest).toBe(inputDigest(input, site.related));
    expect(ids(ahead!.links!)).toEqual(ids(computeRelated(input, site.related)));
    expect(ids(ahead!.links!).length).toBe(stories.length);
  });

  it('computes nothing for the input the last build kept its lists for, and any other input differs by its digest', async () => {
    const digest = inputDigest(input, site.related);
    const ahead = await computeRelatedAhead({ articles: input, options: site.related }, WORKER_SOURCE, digest).lists;
    expect(ahead).toEqual({ digest });
    const edited = input.map((s, i) => (i === 3 ? { ...s, text: `${s.text} One more sentence.` } : s));
    expect(inputDigest(edited, site.related)).not.toBe(digest);
    expect(inputDigest(input.slice(1), site.related)).not.toBe(digest);
    expect(inputDigest(input, { ...site.related, count: site.related.count + 1 })).not.toBe(digest);
    // The text goes in after its length: words moved from one story's end to the next story's start differ too.
    const [a, b] = input as [RelatedInput, RelatedInput];
    const moved = [{ ...a, text: `${a.text} Rain` }, { ...b, text: b.text }];
    const back = [{ ...a, text: a.text }, { ...b, text: `Rain ${b.text}` }];
    expect(inputDigest(moved, site.related)).not.toBe(inputDigest(back, site.related));
    expect(inputDigest(input.map((s, i) => (i === 2 ? { ...s, title: `${s.title}!` } : s)), site.related)).not.toBe(digest);
  });

  it('reads from the kept bodies the texts of the stories sent without them, only when it needs them, each checked', async () => {
    const file = tempFile('body-texts.bin');
    const kept = new KeptBodies(file);
    for (const s of input) kept.set(s.id, { digest: 'file', text: s.text, words: 1, html: '' });
    kept.save();
    const digested = input.map((s) => ({ ...s, textDigest: textDigest(s.text) }));
    const place = (s: RelatedInput, digest = s.textDigest!): TextsAt['at'][string] => [...kept.textAt(s.id, s.textDigest!)!, '', digest];
    const sent = digested.map((s) => ({ ...s, text: '' }));
    const ahead = await computeRelatedAhead({ articles: sent, options: site.related, textsAt: { file, at: Object.fromEntries(digested.map((s) => [s.id, place(s)])) } }, WORKER_SOURCE).lists;
    expect(ahead?.digest).toBe(inputDigest(digested, site.related));
    expect(ids(ahead!.links!)).toEqual(ids(computeRelated(input, site.related)));
    // A text that is not the one its digest names (another story's place): nothing is taken from the thread.
    const [first, second] = digested as [RelatedInput, RelatedInput];
    const wrong = { ...Object.fromEntries(digested.map((s) => [s.id, place(s)])), [first.id]: [...kept.textAt(second.id, second.textDigest!)!, '', first.textDigest!] as TextsAt['at'][string] };
    expect(await computeRelatedAhead({ articles: sent, options: site.related, textsAt: { file, at: wrong } }, WORKER_SOURCE).lists).toBeUndefined();
  });

  it('settles with nothing when the thread cannot run, so the lists are computed as usual', async () => {
    const missing = computeRelatedAhead({ articles: input, options: site.related }, fileURLToPath(new URL('./no-such-worker.ts', import.meta.url)));
    expect(await missing.lists).toBeUndefined();
  });

  it("are taken by the pages only when begun from the pages' own input, else computed again", async () => {
    const marker = new Map<string, RelatedLink[]>([['marker', []]]);
    const share = (digest: string) => {
      (globalThis as Record<symbol, unknown>)[AHEAD] = { lists: Promise.resolve({ digest, links: marker }), stop: () => {} };
    };
    share(inputDigest(input, site.related));
    expect(await relatedLinks(articles)).toBe(marker);
    // Taken once: a second call finds none begun.
    expect(ids(await relatedLinks(articles))).toEqual(ids(computeRelated(input, site.related)));
    share(inputDigest(input.slice(1), site.related));
    const again = await relatedLinks(articles);
    expect(again).not.toBe(marker);
    expect(ids(again)).toEqual(ids(computeRelated(input, site.related)));
  });
});

describe('Lists no longer wanted', () => {
  it('are not computed once the build has stopped asking for them', async () => {
    const stopped = new AbortController();
    stopped.abort();
    const outcome = await Promise.race([
      computeRelatedAside({ articles: input, options: site.related }, stopped.signal).then(() => 'computed'),
      new Promise((settle) => setTimeout(() => settle('never settled'), 200)),
    ]);
    // Computed here (no worker outside a build), the lists would be ready before the timer fires.
    expect(outcome).toBe('never settled');
  });
});
