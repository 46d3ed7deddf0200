import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeRelated, type RelatedInput } from '../../src/lib/related/index';
import { TermCache } from '../../src/lib/related/term-cache';
import { buildVectors } from '../../src/lib/related/vectors';
import { site } from '../../src/site.config';
import { seededRandom } from '../../bench/lib/synthetic-corpus';
import { tempFile } from '../helpers/temp-file';
import { textDigest } from '../../src/lib/content/body-texts';

// Words of every kind the tokeniser treats apart: plain words, stopwords,
// names with a stopword inside, names with diacritics, numbers, punctuation.
const WORDS = [
  'rice', 'exports', 'climbed', 'farmers', 'harvest', 'prices', 'the', 'of', 'and', 'in', 'a', 'is', 'was', 'metro', 'line',
  'opens', 'ticket', 'Hanoi', 'Hội', 'An', 'Đà', 'Nẵng', 'Bank', 'of', 'England', 'Ho', 'Chi', 'Minh', 'City', 'typhoon',
  'warning', 'coast', '2026', 'said', 'minister', 'football', 'league', 'title', 'race', "don't", 'U.S.', 'e-mail', 'It',
];

function story(random: () => number, id: string, extra: string[] = []): RelatedInput {
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const sentences = Array.from({ length: 6 }, () => `${words(12).join(' ')}.`);
  return {
    id,
    title: words(7).join(' '),
    summary: words(15).join(' '),
    text: [...sentences, ...extra].join(' '),
    section: random() < 0.5 ? 'news' : 'business',
    tags: random() < 0.5 ? ['Vietnam'] : ['Economy', 'Trade'],
    date: new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 60))),
    pinned: [],
  };
}

const cacheFile = () => tempFile('related-terms.bin');

const options = site.related;
const byId = (a: RelatedInput, b: RelatedInput) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The last build's stories, and this build's: some edited (with words no story had), some removed, some added. */
function twoBuilds() {
  const random = seededRandom(7);
  const before = Array.from({ length: 60 }, (_, i) => story(random, `story-${String(i).padStart(3, '0')}`));
  const after = before
    .filter((_, i) => i % 17 !== 5)
    .map((s, i) => (i % 11 === 3 ? { ...s, text: `Brand-new wordings appear first, Mr Zhou Enlai said. ${s.text}` } : s));
  after.push(story(random, 'story-000a', ['Kiev', 'zebra']), story(random, 'story-030b'), story(random, 'zzz-last'));
  /** This build's stories that the last did not have as they are: those to tokenise. */
  const changed = after.filter((s) => !before.some((b) => b.id === s.id && b.text === s.text)).length;
  return { before, after, changed };
}

describe('the related engine\'s kept terms', () => {
  it('give this build the vectors and lists tokenising every story would, tokenising only new and changed stories', () => {
    const file = cacheFile();
    const { before, after, changed } = twoBuilds();
    computeRelated(before, options, new TermCache(file, 'code'));

    const cache = new TermCache(file, 'code');
    const docs = [...after].sort(byId);
    const kept = buildVectors(docs, options.weights, options.pruning.maxTermsPerArticle, cache);
    const fresh = buildVectors(docs, options.weights, options.pruning.maxTermsPerArticle);
    expect(kept).toEqual(fresh);
    expect(changed).toBeGreaterThan(5);
    expect(cache.tokenised).toBe(changed);
    expect(cache.reused).toBe(after.length - changed);

    expect(computeRelated(after, options, new TermCache(file, 'code'))).toEqual(computeRelated(after, options));
  });

  it('take a story\'s text digest where it has one (a build\'s stories do): an edited text, with its new digest, is tokenised again', () => {
    const file = cacheFile();
    const { before, after, changed } = twoBuilds();
    const digested = (stories: RelatedInput[]) => stories.map((s) => ({ ...s, textDigest: textDigest(s.text) }));
    computeRelated(digested(before), options, new TermCache(file, 'code'));
    const cache = new TermCache(file, 'code');
    expect(computeRelated(digested(after), options, cache)).toEqual(computeRelated(after, options));
    expect([cache.tokenised, cache.reused]).toEqual([changed, after.length - changed]);
  });

  it('are left as they were by a build that tokenised a few stories, which the next tokenises again', () => {
    const file = cacheFile();
    const { before, after, changed } = twoBuilds();
    computeRelated(before, options, new TermCache(file, 'code'));
    const written = readFileSync(file);
    computeRelated(after, options, new TermCache(file, 'code'));
    expect(readFileSync(file).equals(written)).toBe(true);
    const cache = new TermCache(file, 'code');
    expect(computeRelated(after, options, cache)).toEqual(computeRelated(after, options));
    expect([cache.tokenised, cache.reused]).toEqual([changed, after.length - changed]);
  });

  it('are kept again by a build that tokenised many stories, so the next build reuses every story', () => {
    const file = cacheFile();
    const { before, after } = twoBuilds();
    computeRelated(before, options, new TermCache(file, 'code'));
    const random = seededRandom(13);
    const grown = [...after, ...Array.from({ length: 70 }, (_, i) => story(random, `more-${String(i).padStart(3, '0')}`))];
    computeRelated(grown, options, new TermCache(file, 'code'));
    const cache = new TermCache(file, 'code');
    expect(computeRelated(grown, options, cache)).toEqual(computeRelated(grown, options));
    expect([cache.tokenised, cache.reused]).toEqual([0, grown.length]);
  });

  it('are not used when the file is damaged or the tokeniser\'s code changed', () => {
    const file = cacheFile();
    const { before } = twoBuilds();
    computeRelated(before, options, new TermCache(file, 'code'));
    const whole = readFileSync(file);

    const otherCode = new TermCache(file, 'other code');
    expect(computeRelated(before, options, otherCode)).toEqual(computeRelated(before, options));
    expect(otherCode.reused).toBe(0);

    for (const damaged of [whole.subarray(0, whole.length - 6), Buffer.from('not a cache'), Buffer.concat([whole, Buffer.alloc(4, 0xff)])]) {
      writeFileSync(file, damaged);
      const cache = new TermCache(file, 'code');
      expect(computeRelated(before, options, cache)).toEqual(computeRelated(before, options));
      expect([cache.tokenised, cache.reused]).toEqual([before.length, 0]);
    }
  });
});
