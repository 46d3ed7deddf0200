/** Counts words the way readers see them: runs of letters or digits in any script. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}](?:[\p{L}\p{N}'’-]|[.,](?=\p{N}))*/gu)?.length ?? 0;
}

/** Minutes a reader needs for `words` at `wordsPerMinute`, rounded up, never less than one. */
export function readingMinutes(words: number, wordsPerMinute: number): number {
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}
