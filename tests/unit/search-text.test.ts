import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/lib/search/edit-distance';
import { decodePostings, encodePostings } from '../../src/lib/search/postings-codec';
import { parseQuery } from '../../src/lib/search/query';
import { highlight, snippet } from '../../src/lib/search/snippet';
import { isCorrectable, isIndexed, termOf, tokenSpans, tokenize } from '../../src/lib/search/tokenize';

describe('search tokenising', () => {
  it('folds case and Vietnamese diacritics, đ included', () => {
    expect(tokenize('Đà Nẵng, Đắk Lắk and HÀ NỘI')).toEqual(['da', 'nang', 'dak', 'lak', 'and', 'ha', 'noi']);
    expect(tokenize('Bến Tre – Trà Vinh')).toEqual(['ben', 'tre', 'tra', 'vinh']);
  });

  it('drops possessive s and apostrophes, splits hyphenated words, skips one-letter words', () => {
    expect(tokenize("the city's O'Brien don't high-speed a 41.2 x")).toEqual(['the', 'city', 'obrien', 'dont', 'high', 'speed', '41']);
  });

  it('gives each word its place in the original text, accents and all', () => {
    const text = 'Huế (VNA) – Nguyễn Thị Lan';
    const spans = tokenSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Huế', 'VNA', 'Nguyễn', 'Thị', 'Lan']);
    expect(spans.map((s) => s.term)).toEqual(['hue', 'vna', 'nguyen', 'thi', 'lan']);
  });

  it('leaves English function words out of the index but keeps Vietnamese syllables that look like them', () => {
    expect(['the', 'and', 'of', 'with'].filter(isIndexed)).toEqual([]);
    expect(['an', 'do', 'to', 'my', 'hoi'].every(isIndexed)).toBe(true);
  });

  it('corrects letters-only terms, not numbers', () => {
    expect(isCorrectable('parliament')).toBe(true);
    expect(isCorrectable('2025')).toBe(false);
    expect(termOf('x'.repeat(40))).toBe('');
  });
});

describe('edit distance', () => {
  it('counts an insertion, a deletion, a change or a swap of neighbours as one typo', () => {
    expect(editDistance('parliment', 'parliament')).toBe(1);
    expect(editDistance('vietnmese', 'vietnamese')).toBe(1);
    expect(editDistance('recieve', 'receive')).toBe(1);
    expect(editDistance('festivel', 'festival')).toBe(1);
    expect(editDistance('feztivel', 'festival')).toBe(2);
  });

  it('stops early past the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 1)).toBe(2);
    expect(editDistance('short', 'muchlongerword', 2)).toBe(3);
  });

  it('measures long words after short ones (its rows are reused and grow)', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    const long = 'internationalisation'.repeat(3);
    expect(editDistance(long, `${long.slice(0, 30)}x${long.slice(31)}`)).toBe(1);
    expect(editDistance(`${long}s`, long)).toBe(1);
    expect(editDistance('abc', 'acb')).toBe(1);
  });
});

describe('postings encoding', () => {
  it('round-trips documents, weights and positions, large numbers included', () => {
    const postings = [
      { doc: 0, weight: 1, positions: [3] },
      { doc: 7, weight: 9, positions: [0, 5, 6, 40_000] },
      { doc: 1_000_000, weight: 2, positions: [31, 32, 33] },
    ];
    const encoded = encodePostings(postings);
    expect(encoded.docs).toMatch(/^[0-9A-Za-z_-]+$/);
    expect(encoded.positions).toMatch(/^[0-9A-Za-z_-]+$/);
    const list = decodePostings(encoded);
    expect([...list.docs]).toEqual([0, 7, 1_000_000]);
    expect([...list.weights]).toEqual([1, 9, 2]);
    expect([...list.positions!.subarray(list.offsets![1], list.offsets![2])]).toEqual([0, 5, 6, 40_000]);
  });

  it('round-trips a long list whose text outgrows the encoder\'s first buffer', () => {
    const postings = Array.from({ length: 3000 }, (_, i) => ({ doc: i * 37, weight: 1 + (i % 5), positions: [i, i + 1 + (i % 900)] }));
    const list = decodePostings(encodePostings(postings));
    expect([...list.docs]).toEqual(postings.map((p) => p.doc));
    expect([...list.weights]).toEqual(postings.map((p) => p.weight));
    expect([...list.positions!]).toEqual(postings.flatMap((p) => p.positions));
  });

  it('refuses postings out of document order', () => {
    expect(() => encodePostings([{ doc: 5, weight: 1, positions: [0] }, { doc: 5, weight: 1, positions: [1] }])).toThrow(/sorted/);
  });
});

describe('query parsing', () => {
  it('reads free words, the word being typed, and quoted phrases', () => {
    const q = parseQuery('Da Nang "rain festival" lant');
    expect(q.words.map((w) => [w.term, w.partial, w.exact])).toEqual([
      ['da', false, false], ['nang', false, false], ['rain', false, true], ['festival', false, true], ['lant', true, false],
    ]);
    expect(q.phrases).toEqual([['rain', 'festival']]);
  });

  it('treats an unclosed quote as a phrase running to the end, and a trailing space as a finished word', () => {
    expect(parseQuery('"state of the art').phrases).toEqual([['state', 'of', 'the', 'art']]);
    expect(parseQuery('lotus ').words[0]?.partial).toBe(false);
  });

  it('drops stopwords from the words but keeps them in phrases', () => {
    const q = parseQuery('the "state of the art"');
    expect(q.words.filter((w) => !w.joinOnly).map((w) => w.term)).toEqual(['state', 'art']);
    // A stopword shaped like a syllable stays only as a possible part of a name ("can" in "can tho").
    expect(q.words.filter((w) => w.joinOnly).map((w) => w.term)).toEqual(['the']);
    expect(q.phrases).toEqual([['state', 'of', 'the', 'art']]);
  });
});

describe('highlighting and snippets', () => {
  const match = (term: string) => (term === 'nang' ? 0 : term === 'metro' ? 1 : -1);

  it('marks matched words in a headline as written, accents kept', () => {
    expect(highlight('Đà Nẵng approves first metro line', match)).toEqual([
      { text: 'Đà ', mark: false }, { text: 'Nẵng', mark: true }, { text: ' approves first ', mark: false },
      { text: 'metro', mark: true }, { text: ' line', mark: false },
    ]);
  });

  it('cuts the passage matching the most query words, with ellipses where text was cut', () => {
    const filler = 'word '.repeat(60);
    const text = `${filler}the Nẵng council ${filler} the Nẵng metro opens ${filler}`;
    const s = snippet(text, match, 12);
    expect(s.words).toBe(2);
    const joined = s.segments.map((x) => x.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(joined).toContain('Nẵng metro opens');
    expect(s.segments.filter((x) => x.mark).map((x) => x.text)).toEqual(['Nẵng', 'metro']);
  });
});
