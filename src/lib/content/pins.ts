/**
 * Editor pins (`related:` in frontmatter) must name a published story other
 * than the article itself; otherwise the build stops naming file and field.
 */
import type { Article } from '../model/article.ts';
import { articleIdFromPath } from './article-file.ts';
import type { ContentProblem } from './content-error.ts';

/** One problem per pin of a `published` article that names no story in `published`. */
export function pinProblems(published: readonly Article[], all: readonly Article[]): ContentProblem[] {
  const publishedIds = new Set(published.map((a) => a.id));
  const allById = new Map(all.map((a) => [a.id, a]));
  return published.flatMap((article) =>
    article.pinned.flatMap((pin): ContentProblem[] => {
      const problem = (message: string) => [{ file: article.file, field: 'related', message }];
      const target = allById.get(pin);
      if (!target) {
        // An id written as the file's name or the headline ("Da-Nang-Metro.md", "Đà Nẵng metro").
        const meant = allById.get(articleIdFromPath(pin))?.id;
        return problem(`"${pin}" is not the id of any article${meant ? `; did you mean "${meant}"?` : ''}`);
      }
      if (!publishedIds.has(pin)) return problem(`"${pin}" is ${target.draft ? 'a draft' : 'scheduled for later'} and will not be published`);
      if (pin === article.id) return problem('an article cannot pin itself');
      return [];
    }),
  );
}
