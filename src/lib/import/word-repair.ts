/**
 * Repairs words that scraping ran together ("ofthe", "NationalAssembly",
 * "theLaw"), conservatively. A token is split only when it is not itself a
 * known word and splits into two known words, and then only on evidence:
 *
 * - sure: one part is a function word ("of", "the", "to"...), or a case
 *   change follows a lower-case word ("theLaw", "asI"), or a possessive or
 *   comma lost its space ("IPU’sStanding", "Communications,Ministry");
 * - likely: two content words the corpus writes apart elsewhere
 *   ("sexual exploitation"), in a document that has sure repairs;
 * - possible: two content words never seen apart, in a paragraph that has
 *   sure repairs (scraping glues words at every line break of the page
 *   source, so a paragraph with one glued pair usually has several).
 *
 * A capitalised token the corpus spells the same way more than once
 * ("TimeWarner") is taken for a name and never split, nor is a token the
 * corpus also spells with other capitals ("diCaprio" beside "DiCaprio").
 */
import { letterWords, type CorpusCounts } from './vocabulary.ts';

/** One repair: the text as found and as written. */
export interface WordRepair {
  from: string;
  to: string;
}

/** What the repairer consults. */
export interface RepairVocabulary {
  /** Lower-case English words. */
  dictionary: ReadonlySet<string>;
  /** How often each lower-case word is used in everyday English. */
  frequency: ReadonlyMap<string, number>;
  /** Word and pair counts of the whole corpus being imported. */
  corpus: CorpusCounts;
}

type Evidence = 'sure' | 'likely' | 'possible';
const RANK: Record<Evidence, number> = { sure: 3, likely: 2, possible: 1 };

interface Candidate {
  start: number;
  end: number;
  from: string;
  to: string;
  evidence: Evidence;
}

// Closed-class English words: articles, prepositions, conjunctions, pronouns
// and auxiliaries. A glued pair with one of these in it is almost never a
// real word, while two content words often are ("roadmap", "lineout").
// Particles that build compounds ("up", "out", "off", "over") are left out:
// "lineout" and "offputting" are words the list lacks, not glued pairs.
const FUNCTION_WORDS = new Set(
  `the an of to in on at by for from with into onto about after before between among amongst
  through during against within without upon via and or but nor so than as if that this these those
  is are was were be been being has have had do does did will would can could shall should may might must
  it its he his she her they their them we our you your who whom whose which what when where while
  not also all any each some such more most other`.split(/\s+/),
);

const ARTICLES = new Set(['the', 'a', 'an']);

// A content word glued to a function word must be common English (counted in
// SUBTLEX-US) or used on its own in the corpus: "res each" and "appel as" are
// misspellings of "research" and "appeals", not glued pairs.
const COMMON_IN_ENGLISH = 50;
const COMMON_IN_CORPUS = 3;
// Two glued content words need only be words people use at all.
const FAMILIAR_IN_ENGLISH = 5;

/**
 * Repairs run-together words in one document, given as its paragraphs
 * (headline, standfirst and caption count as paragraphs). Returns the
 * repaired paragraphs and every repair made, in reading order.
 */
export function repairRunTogetherWords(
  paragraphs: readonly string[],
  vocabulary: RepairVocabulary,
): { paragraphs: string[]; repairs: WordRepair[] } {
  const found = paragraphs.map((p) => candidatesIn(p, vocabulary));
  const documentHasSure = found.some((list) => list.some((c) => c.evidence === 'sure'));
  const repairs: WordRepair[] = [];
  const repaired = paragraphs.map((text, i) => {
    const list = found[i] ?? [];
    const paragraphHasSure = list.some((c) => c.evidence === 'sure');
    const accepted = list.filter(
      (c) =>
        c.evidence === 'sure' ||
        (c.evidence === 'likely' && documentHasSure) ||
        (c.evidence === 'possible' && paragraphHasSure),
    );
    let out = '';
    let at = 0;
    for (const c of accepted) {
      out += text.slice(at, c.start) + c.to;
      at = c.end;
      repairs.push({ from: c.from, to: c.to });
    }
    return out + text.slice(at);
  });
  return { paragraphs: repaired, repairs };
}

/** Every repair that could be made in a paragraph, with its evidence, in order. */
function candidatesIn(text: string, vocabulary: RepairVocabulary): Candidate[] {
  const candidates: Candidate[] = [];
  // A comma or a possessive that lost its space: "Communications,Ministry",
  // "(IPU)’sStanding".
  for (const m of text.matchAll(/(?<=\p{Ll}{2}),(?=\p{Lu}\p{Ll})|(?<=[\p{L})]['’]s)(?=\p{Lu}\p{Ll})/gu)) {
    const start = wordStart(text, m.index);
    const end = wordEnd(text, m.index + m[0].length);
    const from = text.slice(start, end);
    const cut = m.index + m[0].length - start;
    candidates.push({ start, end, from, to: `${from.slice(0, cut)} ${from.slice(cut)}`, evidence: 'sure' });
  }
  letterWords(text, (token, start, end) => {
    const split = splitToken(token, text, start, vocabulary);
    if (!split || !isProse(text, start, end) || candidates.some((c) => c.start < end && start < c.end)) return;
    candidates.push({ start, end, from: token, to: split.to, evidence: split.evidence });
  });
  return candidates.sort((a, b) => a.start - b.start);
}

/** The word before the one starting at `start`, if only spaces lie between. */
function wordBefore(text: string, start: number): string {
  return /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, start - 40), start))?.[1] ?? '';
}

/** Where the word (letters and apostrophes) around `at` starts. */
function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && /[\p{L}'’]/u.test(text[i - 1]!)) i--;
  return i;
}

/** Where the word that starts at or continues from `at` ends. */
function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && /[\p{L}'’]/u.test(text[i]!)) i++;
  return i;
}

/** False for words inside web addresses, e-mail addresses, code or numbers. */
function isProse(text: string, start: number, end: number): boolean {
  if (/\d/.test(text[start - 1] ?? '') || /\d/.test(text[end] ?? '')) return false;
  const chunkStart = text.lastIndexOf(' ', start) + 1;
  const spaceAfter = text.indexOf(' ', end);
  const chunk = text.slice(chunkStart, spaceAfter === -1 ? text.length : spaceAfter);
  return !/[@/\\_=#]|\p{L}\.\p{L}/u.test(chunk);
}

interface Split {
  to: string;
  evidence: Evidence;
}

/**
 * Whether a lower-case token is a word in its own right, and never two run
 * together: in the word list, or a plural or third person of a word in it
 * ("throughputs"), or in everyday use though the list lacks it ("onwards",
 * "wellbeing" in SUBTLEX-US), which no glued pair is.
 */
function isWord(token: string, dictionary: ReadonlySet<string>, frequency: ReadonlyMap<string, number>): boolean {
  if (dictionary.has(token) || (frequency.get(token) ?? 0) >= FAMILIAR_IN_ENGLISH) return true;
  return (token.endsWith('s') && dictionary.has(token.slice(0, -1))) || (token.endsWith('es') && dictionary.has(token.slice(0, -2)));
}

function splitToken(
  token: string,
  text: string,
  start: number,
  { dictionary, frequency, corpus }: RepairVocabulary,
): Split | undefined {
  if (token.length < 3 || /['’]/.test(token) || isWord(token.toLowerCase(), dictionary, frequency)) return undefined;

  const known = (part: string) => dictionary.has(part.toLowerCase());
  const knownName = (part: string) => known(part) || corpus.count(part) > 0;
  const usage = (part: string) => frequency.get(part.toLowerCase()) ?? 0;
  const common = (part: string) =>
    part.length >= 3 && known(part) && (usage(part) >= COMMON_IN_ENGLISH || corpus.countAnyCase(part) >= COMMON_IN_CORPUS);
  const familiar = (part: string) =>
    part.length >= 3 && known(part) && (usage(part) >= FAMILIAR_IN_ENGLISH || corpus.countAnyCase(part) > 0);
  const once = corpus.count(token) <= 1;
  const options: { first: string; second: string; evidence: Evidence }[] = [];

  if (/^\p{Ll}+$/u.test(token)) {
    // A token that is also two English words, neither a function word ("web" + "logger"), is
    // a compound the list lacks, not a function word glued to a word English seldom uses ("we blogger").
    // Looked at only for such a split: most tokens reaching here are names or misspellings.
    const compound = () => {
      for (let i = 3; i <= token.length - 3; i++) {
        const [a, b] = [token.slice(0, i), token.slice(i)];
        if (!FUNCTION_WORDS.has(a) && !FUNCTION_WORDS.has(b) && familiar(a) && familiar(b)) return true;
      }
      return false;
    };
    const seldom = (part: string) => !FUNCTION_WORDS.has(part) && usage(part) < COMMON_IN_ENGLISH;
    // "ofthe", "measuresto", "sexualexploitation"
    for (let i = 2; i <= token.length - 2; i++) {
      const first = token.slice(0, i);
      const second = token.slice(i);
      const fw1 = FUNCTION_WORDS.has(first);
      const fw2 = FUNCTION_WORDS.has(second);
      if (fw1 || fw2) {
        // "hehe" is laughter, not "he he"; and no function word follows an
        // article, so "the onstart" is a misspelt "onset", not "the on start".
        const afterArticle = fw1 && ARTICLES.has(wordBefore(text, start).toLowerCase());
        if (first !== second && !afterArticle && (fw1 || common(first)) && (fw2 || common(second)) && !((seldom(first) || seldom(second)) && compound())) {
          options.push({ first, second, evidence: 'sure' });
        }
      } else if (once && familiar(first) && familiar(second)) {
        options.push({ first, second, evidence: corpus.pair(first, second) > 0 ? 'likely' : 'possible' });
      }
    }
  } else if (/^\p{Ll}+\p{Lu}\p{Ll}*$/u.test(token)) {
    // "theLaw", "asI": a case change after a lower-case word.
    const i = token.search(/\p{Lu}/u);
    const first = token.slice(0, i);
    const second = token.slice(i);
    const otherSpelling = corpus.countAnyCase(token) > corpus.count(token);
    const deliberate = !once && !FUNCTION_WORDS.has(first);
    if (first.length >= 2 && known(first) && (second === 'I' || (second.length >= 2 && knownName(second))) && !otherSpelling && !deliberate) {
      options.push({ first, second, evidence: 'sure' });
    }
  } else if (once && /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+$/u.test(token)) {
    // "NationalAssembly"; a spelling used more than once is a name ("TimeWarner").
    const i = token.slice(1).search(/\p{Lu}/u) + 1;
    const first = token.slice(0, i);
    const second = token.slice(i);
    if (first.length >= 3 && second.length >= 3 && knownName(first) && knownName(second)) {
      options.push({ first, second, evidence: corpus.pair(first, second) > 0 ? 'likely' : 'possible' });
    }
  } else if (once && /^\p{Lu}\p{Ll}+$/u.test(token)) {
    // "Ministryof", "Internetspace": only when the corpus writes the pair
    // apart, since a capitalised word is most often a name ("Martin", not "Mart in").
    for (let i = 2; i <= token.length - 2; i++) {
      const first = token.slice(0, i);
      const second = token.slice(i);
      if (knownName(first) && known(second) && corpus.pair(first, second) > 0) {
        options.push({ first, second, evidence: 'likely' });
      }
    }
  }
  if (options.length === 0) return undefined;
  // A pair the corpus writes apart beats one it never does ("web links", not
  // "we blinks"), then the stronger evidence, then the more frequent pair.
  const score = (o: (typeof options)[number]) => [
    Math.min(corpus.pair(o.first, o.second), 1),
    RANK[o.evidence],
    corpus.pair(o.first, o.second),
    Math.min(corpus.countAnyCase(o.first), corpus.countAnyCase(o.second)),
  ];
  const best = options.reduce((a, b) => (compareScores(score(b), score(a)) > 0 ? b : a));
  return { to: `${best.first} ${best.second}`, evidence: best.evidence };
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
