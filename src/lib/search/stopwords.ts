/**
 * English function words left out of the index: they match nearly every story
 * and would only make the postings bigger. Two-letter words that are also
 * Vietnamese syllables once folded (an, do, to, my, me, he, so, no, on, at,
 * it, be: Hội An, Đỗ, Tô, Mỹ Tho) stay searchable. Why related stories drop
 * more: src/lib/text/words.ts.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'about', 'after', 'all', 'also', 'and', 'are', 'as', 'been', 'but', 'by', 'can', 'could', 'for',
  'from', 'had', 'has', 'have', 'her', 'his', 'if', 'in', 'into', 'is', 'its', 'not', 'of', 'or',
  'our', 'she', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this',
  'those', 'was', 'we', 'were', 'what', 'when', 'which', 'who', 'will', 'with', 'would', 'you', 'your',
]);

/**
 * Words a reader's question is framed with ("what happened in hanoi",
 * "latest danang news", "tell me about tet"), read only where nothing else is
 * typed: a query with another word is about that word (see parseQuery; a
 * misspelling of one, subjectPlans in engine.ts). Only words that say little
 * else: "show", "story", "update" or "today" name what a story is about too
 * ("chat show", "love story", "software update", the Today programme).
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'how', 'where', 'why', 'whats', 'happen', 'happens', 'happened', 'happening', 'news', 'latest', 'tell', 'me', 'any', 'anything', 'please',
]);

/**
 * English function words the index keeps as syllables of Vietnamese names
 * (Hội An, Đỗ, Tô Lâm, Mỹ Tho): in a query they are part of the name where
 * they join one, and otherwise say nothing of what it is about ("what to do
 * in hoi an" is about Hội An), so they are left out where it has another
 * word (subjectPlans in engine.ts).
 */
export const SYLLABLE_FUNCTION_WORDS: ReadonlySet<string> = new Set(['an', 'at', 'be', 'do', 'he', 'it', 'me', 'my', 'no', 'on', 'so', 'to']);

/** Words readers put after a place's name to say what it is ("hanoi city", "ben tre province"): part of the name there (see subjectPlans in engine.ts). */
export const PLACE_KINDS: ReadonlySet<string> = new Set(['city', 'province', 'town']);

/**
 * Kinds of place that stories mostly write with the name ("Ha Long Bay",
 * "Phú Quốc island"): searched for as words, so the story that writes one
 * comes first, but a place no story holds, asked with one ("ha long bay"), is
 * still read as that place ("No stories about Hạ Long").
 */
export const PLACE_FEATURES: ReadonlySet<string> = new Set(['bay', 'island', 'islands', 'peninsula']);
