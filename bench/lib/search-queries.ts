/**
 * Known-item queries for the search benchmark: for a sample of stories, two
 * or three words a reader might remember from the body (not the headline),
 * taken from one sentence; and the same query with one typo in a word of five
 * or more letters. Words are drawn with probability proportional to their
 * inverse document frequency (the "discriminative" known-item model of
 * Azzopardi, de Rijke and Balog, SIGIR 2007): readers remember the telling
 * words of a story more than "said" or "year". Deterministic for a seed.
 */
import { STOPWORDS } from '../../src/lib/search/stopwords';
import { termOf } from '../../src/lib/search/tokenize';
import { seededRandom } from './synthetic-corpus';

export interface KnownItem {
  /** URL of the story the query should find. */
  url: string;
  /** Its URL and those of near-copies (the BBC set repeats ~130 stories, some with a word changed): any is a hit. */
  relevant: string[];
  query: string;
  /** The query with one typo. */
  typo: string;
}

export interface QuerySource {
  url: string;
  title: string;
  text: string;
}

const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}'’-]+/u).map(termOf).filter(Boolean);

/**
 * For each story, the stories that are near-copies of it: the same words to
 * 90 % or more (Jaccard), itself included. Candidates are stories sharing
 * three of its rarest words, so the pairs checked stay few.
 */
export function nearCopies(stories: readonly QuerySource[]): string[][] {
  const sets = stories.map((s) => new Set(wordsOf(`${s.title} ${s.text}`)));
  const holders = new Map<string, number[]>();
  sets.forEach((set, i) => set.forEach((t) => {
    const list = holders.get(t);
    if (list) list.push(i);
    else holders.set(t, [i]);
  }));
  // Lists are ascending: membership by binary search (a common word's list is long at 100k stories).
  const holds = (t: string, i: number) => {
    const list = holders.get(t)!;
    let lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] === i) return true;
      if (list[mid]! < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  return sets.map((set, i) => {
    const rare = [...set].sort((a, b) => holders.get(a)!.length - holders.get(b)!.length || (a < b ? -1 : 1)).slice(0, 3);
    const candidates = new Set(holders.get(rare[0] ?? '') ?? []);
    for (const t of rare.slice(1)) for (const c of [...candidates]) if (!holds(t, c)) candidates.delete(c);
    return [...candidates].filter((j) => {
      if (j === i) return true;
      const other = sets[j]!;
      let shared = 0;
      for (const t of set) if (other.has(t)) shared++;
      return shared / (set.size + other.size - shared) >= 0.9;
    }).map((j) => stories[j]!.url);
  });
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random typo (drop, add, change or swap letters) in `word`. */
export function addTypo(word: string, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  for (;;) {
    const at = pick(word.length);
    const letter = LETTERS[pick(LETTERS.length)]!;
    let typo: string;
    switch (pick(4)) {
      case 0: typo = word.slice(0, at) + word.slice(at + 1); break;
      case 1: typo = word.slice(0, at) + letter + word.slice(at); break;
      case 2: typo = word.slice(0, at) + letter + word.slice(at + 1); break;
      default: typo = at < word.length - 1 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word;
    }
    if (typo.toLowerCase() !== word.toLowerCase()) return typo;
  }
}

/** `count` known-item queries from `stories` (fewer if too few stories have usable sentences). */
export function knownItemQueries(stories: readonly QuerySource[], count: number, seed = 7): KnownItem[] {
  const random = seededRandom(seed);
  const df = new Map<string, number>();
  for (const story of stories) for (const t of new Set(story.text.split(/[^\p{L}\p{N}'’-]+/u).map(termOf))) df.set(t, (df.get(t) ?? 0) + 1);
  const copies = nearCopies(stories);
  const indexOf = new Map(stories.map((s, i) => [s, i]));
  const idf = (w: string) => Math.log(stories.length / (df.get(termOf(w)) ?? 1));
  const order = stories.map((s, i) => ({ s, k: random(), i })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.s);
  const queries: KnownItem[] = [];
  for (const story of order) {
    if (queries.length >= count) break;
    const headline = new Set(story.title.split(/\s+/).map(termOf));
    const usable = (w: string) => /^\p{L}{4,}$/u.test(w) && !STOPWORDS.has(termOf(w)) && !headline.has(termOf(w));
    const sentences = story.text
      .split(/(?<=[.!?])\s+|\n+/)
      .map((s) => [...new Set(s.split(/[^\p{L}\p{N}'’-]+/u).filter(usable))])
      .filter((words) => words.length >= 3 && words.some((w) => w.length >= 5));
    if (sentences.length === 0) continue;
    const words = sentences[Math.floor(random() * sentences.length)]!;
    const size = 2 + Math.floor(random() * 2);
    let picked: number[];
    do {
      const pool = words.map((_, i) => i);
      picked = [];
      while (picked.length < Math.min(size, words.length)) {
        // Weighted draw without replacement, weight = idf.
        const weights = pool.map((i) => Math.max(idf(words[i]!), 0.01));
        let r = random() * weights.reduce((a, b) => a + b, 0);
        let k = 0;
        while (k < pool.length - 1 && (r -= weights[k]!) > 0) k++;
        picked.push(pool.splice(k, 1)[0]!);
      }
    } while (!picked.some((i) => words[i]!.length >= 5));
    picked.sort((a, b) => a - b);
    const chosen = picked.map((i) => words[i]!);
    const long = chosen.map((w, i) => (w.length >= 5 ? i : -1)).filter((i) => i >= 0);
    const typoAt = long[Math.floor(random() * long.length)]!;
    queries.push({
      url: story.url,
      relevant: copies[indexOf.get(story)!]!,
      query: chosen.join(' '),
      typo: chosen.map((w, i) => (i === typoAt ? addTypo(w, random) : w)).join(' '),
    });
  }
  return queries;
}
