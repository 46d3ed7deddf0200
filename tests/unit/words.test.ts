import { describe, expect, it } from 'vitest';
import { isSyllable, isSyllableStart, scanWords, wordHash, wordsOf } from '../../src/lib/text/words';

// The definition the scanner implements, written as a regular expression.
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

describe('the word scanner', () => {
  it('reads letters, marks and digits in any script, with apostrophes only inside a word', () => {
    expect(wordsOf("O'Brien's city’s 'quoted' rock''n'roll don't-stop 41.2 Đà Nẵng")).toEqual([
      "O'Brien's", 'city’s', 'quoted', 'rock', "n'roll", "don't", 'stop', '41', '2', 'Đà', 'Nẵng',
    ]);
  });

  it('keeps letters outside the Basic Multilingual Plane and decomposed accents inside their word', () => {
    expect(wordsOf('𝐇𝐞𝐥𝐥𝐨 wo\u0301rld 😀 東京')).toEqual(['𝐇𝐞𝐥𝐥𝐨', 'wo\u0301rld', '東京']);
  });

  it('finds exactly the words of its regular-expression definition, with their places', () => {
    const texts = [
      'Hà Nội (VNA) – The city’s 1,200 “cool rooms” open; Đắk Lắk’s coffee, Hội An’s lanterns.',
      "  ''leading and trailing'' apostrophes' and -- dashes -- x y z 3 ",
      'Ελληνικά русский عربي हिन्दी 한국어 ไทย, tab\tand\nnew line',
    ];
    for (const text of texts) {
      const scanned: [number, number][] = [];
      scanWords(text, (start, end) => scanned.push([start, end]));
      expect(scanned).toEqual([...text.matchAll(WORD_RE)].map((m) => [m.index, m.index + m[0].length]));
    }
  });

  it('says which words are plain ASCII letters and digits', () => {
    const plain: string[] = [];
    const text = "Hanoi Hà don't 2025 café";
    scanWords(text, (start, end, isPlain) => isPlain && plain.push(text.slice(start, end)));
    expect(plain).toEqual(['Hanoi', '2025']);
  });

  it("hands out each word's hash over all its code units, apostrophes and astral letters included", () => {
    const text = "Hội An's 𝐇𝐞𝐥𝐥𝐨 don’t an AN an";
    const seen: [string, number][] = [];
    scanWords(text, (start, end, _plain, hash) => {
      expect(hash).toBe(wordHash(text, start, end));
      seen.push([text.slice(start, end), hash]);
    });
    const hashes = new Map(seen);
    expect(hashes.size).toBe(6);
    expect(new Set(hashes.values()).size).toBe(6);
    expect(hashes.get('An')).not.toBe(wordHash("An's", 0, 4));
  });
});

describe('Vietnamese syllables, whole and being typed', () => {
  it('takes a syllable or its first consonants as a syllable being typed, and nothing else', () => {
    for (const w of ['ha', 'noi', 'nguyen', 'nang', 'g', 'ng', 'ngh', 'th', 'tr', 'qu', 'n']) expect(isSyllableStart(w), w).toBe(true);
    for (const w of ['nd', 'st', 'hanoi', 'street', 'ngn', 'x1']) expect(isSyllableStart(w), w).toBe(false);
    for (const w of ['g', 'ng', 'th']) expect(isSyllable(w), w).toBe(false);
  });
});

