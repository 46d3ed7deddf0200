/**
 * "See more" lists that one new story leaves alone: the shared-neighbour
 * share counts in steps (site.related.neighbourhood.steps), so a story that
 * enters a hundred neighbourhoods does not reshuffle the lists of stories it
 * is not listed in, each of which a publish would render again.
 */
import { describe, expect, it } from 'vitest';
import { computeRelated, type RelatedInput, type RelatedOptions } from '../../src/lib/related/index';
import { site } from '../../src/site.config';

/** A small deterministic generator (mulberry32): the archive is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Made-up words, `<prefix><two letters>o`. */
const word = (prefix: string, i: number) => `${prefix}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}o`;
const EVENTS = 100;
const topicOf = (event: number) => event % 5;
const eventOf = (id: string) => Number(id.slice('story-'.length)) % EVENTS;

/**
 * 800 stories as a newsroom writes them: eight on each of 100 events, each
 * event in one of five topics. A story takes words from its event, its topic
 * and a pool every story shares.
 */
function archive(): RelatedInput[] {
  const next = random(7);
  const pick = (words: string[], n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]!);
  const shared = Array.from({ length: 1000 }, (_, i) => word('comm', i));
  return Array.from({ length: 8 * EVENTS }, (_, i) => {
    const event = Array.from({ length: 20 }, (_, j) => word(`ev${word('x', i % EVENTS)}`, j));
    const topic = Array.from({ length: 200 }, (_, j) => word(`top${topicOf(i % EVENTS)}`, j));
    return {
      id: `story-${String(i).padStart(3, '0')}`,
      title: [...pick(event, 3), ...pick(topic, 3)].join(' '),
      summary: [...pick(event, 4), ...pick(topic, 4), ...pick(shared, 6)].join(' '),
      text: [...pick(event, 30), ...pick(topic, 40), ...pick(shared, 60)].join(' '),
      section: 'news',
      tags: [],
      date: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      pinned: [],
    };
  });
}

/** The lists before and after a breaking story (the newest one's words under a new headline, an hour later) is added. */
function withBreakingStory(options: RelatedOptions) {
  const stories = archive();
  const newest = stories.at(-1)!;
  const breaking = { ...newest, id: 'story-breaking', title: `Breaking ${newest.title}`, date: new Date(newest.date.getTime() + 3_600_000) };
  const now = breaking.date;
  return { before: computeRelated(stories, { ...options, now }), after: computeRelated([...stories, breaking], { ...options, now }) };
}

const key = (list: readonly { id: string }[]) => list.map((l) => l.id).join(' ');
const exactShare: RelatedOptions = { ...site.related, neighbourhood: { ...site.related.neighbourhood, steps: 0 } };

describe('related lists when one story is added', () => {
  it('change far less often with the shared-neighbour share in steps than counted exactly', () => {
    const changed = (options: RelatedOptions) => {
      const { before, after } = withBreakingStory(options);
      return [...before].filter(([id, list]) => key(list) !== key(after.get(id)!)).length;
    };
    const exact = changed(exactShare);
    const stepped = changed(site.related);
    expect(site.related.neighbourhood.steps).toBeGreaterThan(0);
    expect(exact).toBeGreaterThan(50);
    expect(stepped).toBeLessThan(exact / 2);
  });

  it('still lead with a story on the same event', () => {
    for (const options of [exactShare, site.related]) {
      const { after } = withBreakingStory(options);
      const firsts = [...after].filter(([id]) => id !== 'story-breaking').map(([id, list]) => eventOf(list[0]!.id === 'story-breaking' ? 'story-799' : list[0]!.id) === eventOf(id));
      expect(firsts.filter(Boolean).length / firsts.length).toBeGreaterThan(0.95);
    }
  });
});
