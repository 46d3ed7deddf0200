import { describe, expect, it } from 'vitest';
import { computeRelated, recencyFactor, type RelatedInput, type RelatedOptions } from '../../src/lib/related/index';
import { site } from '../../src/site.config';
import { stories, type FixtureStory } from '../fixtures/related/stories';

const now = new Date('2026-01-01T00:00:00Z');
const options: RelatedOptions = { ...site.related, count: 4, now };

function input(story: FixtureStory, changes: Partial<RelatedInput> = {}): RelatedInput {
  return {
    id: story.id, title: story.title, summary: story.summary, text: story.body, section: story.section,
    tags: story.tags ?? [], date: new Date(story.date), pinned: story.related ?? [], ...changes,
  };
}

const corpus = (): RelatedInput[] => stories.map((s) => input(s));
const byId = (id: string) => stories.find((s) => s.id === id)!;
const ids = (links: { id: string }[] | undefined) => (links ?? []).map((l) => l.id);

describe('computeRelated', () => {
  it('ranks the obvious neighbour first', () => {
    const related = computeRelated(corpus(), options);
    expect(related.get('rice-exports-climb')?.[0]).toMatchObject({ id: 'rice-prices-firm', reason: 'similar' });
    expect(related.get('rice-prices-firm')?.[0]?.id).toBe('rice-exports-climb');
    expect(related.get('cup-final-hanoi')?.[0]?.id).toBe('league-title-race');
    expect(related.get('metro-line-opens')?.[0]?.id).toBe('metro-ticket-prices');
  });

  it('lists pinned stories first, in the order the editor gave', () => {
    const articles = corpus().map((a) => (a.id === 'rice-exports-climb' ? { ...a, pinned: ['museum-reopens', 'typhoon-warning'] } : a));
    const list = computeRelated(articles, options).get('rice-exports-climb')!;
    expect(list.slice(0, 3)).toEqual([
      { id: 'museum-reopens', reason: 'pinned' },
      { id: 'typhoon-warning', reason: 'pinned' },
      expect.objectContaining({ id: 'rice-prices-firm', reason: 'similar' }),
    ]);
  });

  it('ignores pins to itself, to unknown ids and repeated pins', () => {
    const articles = corpus().map((a) =>
      a.id === 'typhoon-warning' ? { ...a, pinned: ['typhoon-warning', 'no-such-story', 'museum-reopens', 'museum-reopens'] } : a,
    );
    const list = computeRelated(articles, options).get('typhoon-warning')!;
    expect(ids(list).filter((id) => id === 'museum-reopens')).toHaveLength(1);
    expect(list[0]).toEqual({ id: 'museum-reopens', reason: 'pinned' });
    expect(ids(list)).not.toContain('typhoon-warning');
    expect(ids(list)).not.toContain('no-such-story');
  });

  it('never lists a story dated after the build, even when it is the best match or pinned', () => {
    const rice = byId('rice-prices-firm');
    const articles = [
      ...corpus().map((a) => (a.id === 'typhoon-warning' ? { ...a, pinned: ['rice-harvest-preview'] } : a)),
      input(rice, { id: 'rice-harvest-preview', date: new Date('2026-03-01T00:00:00Z'), summary: `${rice.summary} Preview.` }),
    ];
    const related = computeRelated(articles, options);
    for (const [id, list] of related) expect(ids(list), id).not.toContain('rice-harvest-preview');
  });

  it('never lists the article itself, an exact copy of it or a near copy', () => {
    const source = byId('rice-exports-climb');
    const articles = [
      ...corpus(),
      // Re-sent by the agency with a retouched headline: the same story.
      input(source, { id: 'rice-exports-climb-resent', title: 'Rice exports climb as Philippine buyers return!' }),
      // A near copy: one sentence added.
      input(source, { id: 'rice-exports-climb-update', text: `${source.body} The ministry confirmed the figures on Friday.` }),
    ];
    const related = computeRelated(articles, options);
    for (const id of ['rice-exports-climb', 'rice-exports-climb-resent', 'rice-exports-climb-update']) {
      const listed = ids(related.get(id));
      expect(listed, id).not.toContain(id);
      expect(listed.filter((other) => other.startsWith('rice-exports-climb')), id).toEqual([]);
    }
  });

  it('keeps only one of several copies of a story in a list', () => {
    const copy = byId('rice-prices-firm');
    const articles = [...corpus(), input(copy, { id: 'rice-prices-firm-copy' }), input(copy, { id: 'rice-prices-firm-copy-2' })];
    const listed = ids(computeRelated(articles, options).get('rice-exports-climb'));
    expect(listed.filter((id) => id.startsWith('rice-prices-firm'))).toHaveLength(1);
  });

  it('fills a list without similar stories with the latest of the same section, marked as such', () => {
    const museum = byId('museum-reopens');
    const articles = [
      ...corpus(),
      input(museum, { id: 'film-festival', title: 'Film festival', summary: 'Screenings.', text: 'Tickets.', date: new Date('2025-06-28T10:00:00Z') }),
      input(museum, { id: 'book-fair', title: 'Book fair', summary: 'Stalls.', text: 'Poets.', date: new Date('2025-06-27T10:00:00Z') }),
    ];
    const list = computeRelated(articles, { ...options, floor: 0.99 }).get('museum-reopens')!;
    expect(list).toEqual([
      { id: 'film-festival', reason: 'latest' },
      { id: 'book-fair', reason: 'latest' },
    ]);
  });

  it('lists only the latest of the section when candidate search may visit no postings at all', () => {
    const related = computeRelated(corpus(), { ...options, pruning: { ...options.pruning, maxPostingsPerQuery: 0 } });
    expect(related.get('rice-exports-climb')?.length).toBeGreaterThan(0);
    for (const [id, list] of related) for (const link of list) expect(link.reason, id).toBe('latest');
  });

  it('lists as similar only stories at or above the similarity floor', () => {
    const related = computeRelated(corpus(), { ...options, floor: 0.2 });
    for (const list of related.values()) {
      for (const link of list) if (link.reason === 'similar') expect(link.similarity).toBeGreaterThanOrEqual(0.2);
    }
  });

  it('breaks ties by id, whatever the input order', () => {
    // Two stories that match the article equally well, and a third that matches neither.
    const base = { section: 'travel', tags: [], date: new Date('2025-01-01T00:00:00Z'), pinned: [] };
    const make = (id: string, text: string): RelatedInput => ({ ...base, id, title: 'Lotus', summary: 'Lotus', text });
    const articles = [
      make('a-lotus', 'lotus seed harvest'),
      make('c-lotus', 'lotus seed harvest cooperative mango'),
      make('b-lotus', 'lotus seed harvest cooperative durian'),
      make('d-other', 'ferry timetable winter'),
    ];
    const forward = computeRelated(articles, { ...options, count: 3 });
    const backward = computeRelated([...articles].reverse(), { ...options, count: 3 });
    const [first, second] = forward.get('a-lotus')!;
    expect([first?.reason, second?.reason]).toEqual(['similar', 'similar']);
    expect(first?.similarity).toBeGreaterThan(0);
    expect(first?.similarity).toBe(second?.similarity);
    expect([first?.id, second?.id]).toEqual(['b-lotus', 'c-lotus']);
    expect(backward).toEqual(forward);
  });

  it('ranks the newer of two equally similar stories first when recency counts', () => {
    const base = { section: 'travel', tags: [], pinned: [] };
    const make = (id: string, text: string, date: string): RelatedInput => ({ ...base, id, title: 'Lotus', summary: 'Lotus', text, date: new Date(date) });
    const articles = [
      make('a-lotus', 'lotus seed harvest', '2025-12-01T00:00:00Z'),
      make('b-lotus', 'lotus seed harvest cooperative durian', '2025-01-01T00:00:00Z'),
      make('c-lotus', 'lotus seed harvest cooperative mango', '2025-12-20T00:00:00Z'),
      make('d-other', 'ferry timetable winter', '2025-12-01T00:00:00Z'),
    ];
    const withRecency = computeRelated(articles, { ...options, count: 2, recency: { halfLifeDays: 30, weight: 0.2 } });
    const withoutRecency = computeRelated(articles, { ...options, count: 2, recency: { halfLifeDays: 30, weight: 0 } });
    expect(withRecency.get('a-lotus')!.map((l) => [l.id, l.reason])).toEqual([['c-lotus', 'similar'], ['b-lotus', 'similar']]);
    expect(withoutRecency.get('a-lotus')!.map((l) => [l.id, l.reason])).toEqual([['b-lotus', 'similar'], ['c-lotus', 'similar']]);
  });

  it('returns an empty map for an empty corpus', () => {
    expect(computeRelated([], options).size).toBe(0);
  });

  it('gives the only article of a corpus an empty list', () => {
    const related = computeRelated([input(byId('museum-reopens'))], options);
    expect([...related]).toEqual([['museum-reopens', []]]);
  });

  it('refuses two articles with the same id', () => {
    const story = input(byId('museum-reopens'));
    expect(() => computeRelated([story, story], options)).toThrow(/two articles have the id "museum-reopens"/);
  });
});

describe('recencyFactor', () => {
  it('halves the recency bonus every half-life and never rewards the future', () => {
    const recency = { halfLifeDays: 30, weight: 0.2 };
    expect(recencyFactor(0, recency)).toBe(1);
    expect(recencyFactor(30, recency)).toBeCloseTo(0.9);
    expect(recencyFactor(10_000, recency)).toBeCloseTo(0.8);
    expect(recencyFactor(-5, recency)).toBe(1);
  });
});
