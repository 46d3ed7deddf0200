import { describe, expect, it } from 'vitest';
import { tokenize as searchTerms } from '../../src/lib/search/tokenize';
import { TermTokenizer, tokenize, words } from '../../src/lib/related/tokenize';

describe('words', () => {
  it('folds case and Vietnamese diacritics, including đ', () => {
    expect(words('Đà Nẵng ĐÔNG Hà Nội')).toEqual(['da', 'nang', 'dong', 'ha', 'noi']);
  });
  it('drops a possessive \'s and apostrophes inside words, and leaves out one-character words', () => {
    expect(words("Britain's rice, don’t a 3 b2")).toEqual(['britain', 'rice', 'dont', 'b2']);
  });
  it('are the words search reads, from the same scanner and folding', () => {
    const text = "Hội An's lanterns, O'Brien’s don't; Đắk Lắk—東京 𝒜𝒷 café x 2025 high-speed rock''n'roll";
    expect(words(text)).toEqual(searchTerms(text));
  });
  it('splits on punctuation and keeps letters of other scripts', () => {
    expect(words('high-speed rail—東京 (2025)')).toEqual(['high', 'speed', 'rail', '東京', '2025']);
  });
});

describe('tokenize', () => {
  it('drops stopwords and stems what is left', () => {
    expect(tokenize('The elections were running in the provinces')).toEqual(['elect', 'run', 'provinc']);
  });
  it('gives the same terms with and without diacritics', () => {
    expect(tokenize('Thành phố Hồ Chí Minh')).toEqual(tokenize('thanh pho ho chi minh'));
  });
  it('keeps a stopword that the story writes as a syllable of a Vietnamese name', () => {
    expect(tokenize('Hội An lights its lanterns')).toContain('an');
    expect(tokenize('The old town of Hoi An glows')).toContain('an');
    expect(tokenize('Farmers in An Giang and Bến Tre')).toEqual(['farmer', 'an', 'giang', 'ben', 'tre']);
    expect(tokenize('Tô Lâm met Đỗ Mười')).toEqual(['to', 'lam', 'met', 'do', 'muoi']);
  });
  it('drops the same word as an English word, a sentence\'s first word included', () => {
    expect(tokenize('An apple a day. To the north, it is an hour to Hà Nội.')).toEqual(['appl', 'dai', 'north', 'hour', 'ha', 'noi']);
    expect(tokenize('To Hà Nội by train')).toEqual(['ha', 'noi', 'train']);
  });
});

describe('TermTokenizer', () => {
  /** The term ids of `text` and their terms, read with a fresh tokeniser. */
  const read = (text: string) => {
    const tokenizer = new TermTokenizer();
    const ids = Array.from(tokenizer.termIds(text));
    return { ids, terms: ids.map((id) => tokenizer.terms[id]!) };
  };

  it('hands out one id per term, agreeing with tokenize', () => {
    const text = "Rice exports: the exporters' rice, Đà Nẵng's EXPORTS";
    const { ids, terms } = read(text);
    expect(terms).toEqual(tokenize(text));
    expect(ids[0]).toBe(ids[3]);
    expect(new Set(ids).size).toBe(new Set(tokenize(text)).size);
  });

  it('loses no word while its table of words grows', () => {
    // The table grows at 8,192 and 16,384 distinct words: the word that
    // triggered growth used to be dropped.
    const text = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');
    const { terms } = read(text);
    expect(terms).toHaveLength(20_000);
    expect(terms).toEqual(tokenize(text));
  });

  it('reads astral letters, curly apostrophes and non-ASCII words like tokenize', () => {
    const text = "𝒜𝒷 rivers’ 'quoted' Đà Nẵng’s café’s ’tis naïve";
    expect(read(text).terms).toEqual(tokenize(text));
  });

  it('fills the buffer it returns afresh on each call', () => {
    const tokenizer = new TermTokenizer();
    const first = Array.from(tokenizer.termIds('river flood barrier'));
    const second = Array.from(tokenizer.termIds('flood'));
    expect(second).toEqual([first[1]]);
    expect(Array.from(tokenizer.termIds('river flood barrier'))).toEqual(first);
  });
});
