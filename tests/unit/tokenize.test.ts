import { describe, expect, it } from 'vitest';
import { TermTokenizer, tokenize, words } from '../../src/lib/tokenize';

describe('words', () => {
  it('folds case and Vietnamese diacritics, including đ', () => {
    expect(words('Đà Nẵng ĐÔNG Hà Nội')).toEqual(['da', 'nang', 'dong', 'ha', 'noi']);
  });
  it('drops apostrophes inside words and leaves out one-character words', () => {
    expect(words("Britain's rice, don’t a 3 b2")).toEqual(['britains', 'rice', 'dont', 'b2']);
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
