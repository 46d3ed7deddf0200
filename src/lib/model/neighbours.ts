/** "Previous" and "Next" under an article: its older and newer neighbour in its own section. */
import type { Article } from './article.ts';

export interface Neighbours {
  older?: Article | undefined;
  newer?: Article | undefined;
}

/** Every article's section neighbours, from each section's newest-first list. */
export function sectionNeighbours(bySection: ReadonlyMap<string, readonly Article[]>): Map<string, Neighbours> {
  const neighbours = new Map<string, Neighbours>();
  for (const list of bySection.values()) {
    list.forEach((article, i) => neighbours.set(article.id, { newer: list[i - 1], older: list[i + 1] }));
  }
  return neighbours;
}
