import { describe, expect, it } from 'vitest';
import { addTypo, knownItemQueries, nearCopies } from '../../bench/lib/search-queries';
import { seededRandom } from '../../bench/lib/synthetic-corpus';
import { editDistance } from '../../src/lib/search/edit-distance';
import { termOf } from '../../src/lib/search/tokenize';

const stories = [
  { url: '/a/', title: 'Lantern boats return', text: 'Organisers counted visitors along the river. Singers performed folk songs from wooden decks tonight.' },
  { url: '/b/', title: 'Metro line approved', text: 'Planners expect passengers daily. Construction crews begin tunnelling beneath the riverside quarter soon.' },
  { url: '/c/', title: 'Coffee harvest shrinks', text: 'Farmers reported dried irrigation ponds. Exporters warned buyers about shrinking volumes this season.' },
  { url: '/c2/', title: 'Coffee harvest shrinks', text: 'Farmers reported dried irrigation ponds. Exporters warned buyers about shrinking volumes this season!' },
];

describe('benchmark queries', () => {
  it('takes two or three body words, none from the headline, the same way every time', () => {
    const a = knownItemQueries(stories, 4, 3);
    expect(a).toEqual(knownItemQueries(stories, 4, 3));
    for (const q of a) {
      const words = q.query.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(2);
      expect(words.length).toBeLessThanOrEqual(3);
      const story = stories.find((s) => s.url === q.url)!;
      const headline = story.title.split(' ').map(termOf);
      for (const w of words) {
        expect(story.text).toContain(w);
        expect(headline).not.toContain(termOf(w));
      }
    }
  });

  it('puts exactly one typo into one word of five letters or more', () => {
    for (const q of knownItemQueries(stories, 4, 5)) {
      const clean = q.query.split(' '), typo = q.typo.split(' ');
      const changed = clean.map((w, i) => [w, typo[i]!] as const).filter(([w, t]) => w !== t);
      expect(changed).toHaveLength(1);
      expect(changed[0]![0].length).toBeGreaterThanOrEqual(5);
      expect(editDistance(changed[0]![0].toLowerCase(), changed[0]![1].toLowerCase())).toBe(1);
    }
    const random = seededRandom(1);
    for (let i = 0; i < 50; i++) expect(addTypo('parliament', random)).not.toBe('parliament');
  });

  it('counts a near-copy of the story sought as a hit, and nothing else', () => {
    const copies = nearCopies(stories);
    expect(copies[2]!.sort()).toEqual(['/c/', '/c2/']);
    expect(copies[0]).toEqual(['/a/']);
  });
});
