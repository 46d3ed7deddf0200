/**
 * The BBC folder label (business, sport…) of each imported article. The
 * import deliberately loses it (one section, no tags), and the importer's ids
 * are headline slugs with `-2`, `-3` for repeats, so each article is matched
 * back to its source by text: the headline's folded words first; when several
 * sources share a headline (re-sent copies), or none does (the importer
 * repaired a word in it), the source whose text shares the most words with
 * the article's decides.
 */
import { words } from '../../src/lib/related/tokenize';
import type { RawStory } from './bbc';

interface Labelled {
  id: string;
  title: string;
  summary: string;
  text: string;
}

export interface LabelMatch {
  labels: Map<string, string>;
  /** Articles whose source could not be told apart: ids. */
  unmatched: string[];
}

const key = (text: string) => words(text).join(' ');

/** Matches every article to its source story and returns the story's category. */
export function labelsFromSources(articles: readonly Labelled[], stories: readonly RawStory[]): LabelMatch {
  const byHeadline = new Map<string, RawStory[]>();
  for (const story of stories) {
    const k = key(story.headline);
    byHeadline.set(k, [...(byHeadline.get(k) ?? []), story]);
  }
  const storyWords = new Map<RawStory, Set<string>>();
  const wordsOf = (story: RawStory) => {
    let set = storyWords.get(story);
    if (!set) storyWords.set(story, (set = new Set(words(story.paragraphs.join('\n')))));
    return set;
  };

  const labels = new Map<string, string>();
  const unmatched: string[] = [];
  for (const article of articles) {
    let candidates = byHeadline.get(key(article.title)) ?? [];
    if (candidates.length === 0) candidates = stories as RawStory[];
    const categories = new Set(candidates.map((s) => s.category));
    if (categories.size === 1) {
      labels.set(article.id, candidates[0]!.category);
      continue;
    }
    // Best word overlap with the article's text; it must cover most of it.
    const mine = words(`${article.summary}\n${article.text}`);
    let best: RawStory | undefined;
    let bestShare = 0;
    for (const story of candidates) {
      const theirs = wordsOf(story);
      const share = mine.filter((w) => theirs.has(w)).length / Math.max(1, mine.length);
      if (share > bestShare) [best, bestShare] = [story, share];
    }
    if (best && bestShare >= 0.9) labels.set(article.id, best.category);
    else unmatched.push(article.id);
  }
  return { labels, unmatched };
}
