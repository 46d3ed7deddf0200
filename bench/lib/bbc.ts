/**
 * Reading the BBC corpus (../shared/corpora/bbc) as raw stories, for the
 * synthetic corpora. The real corpus enters the site only through the importer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RawStory {
  category: string;
  file: string;
  headline: string;
  paragraphs: string[];
}

/** Every story of the corpus, in a stable order (category, then file name). */
export function readBbcCorpus(dir: string): RawStory[] {
  const stories: RawStory[] = [];
  for (const category of readdirSync(dir).sort()) {
    const folder = join(dir, category);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.txt')).sort()) {
      const text = readFileSync(join(folder, file), 'utf8');
      const [headline = '', ...rest] = text.replace(/\r\n?/g, '\n').split('\n');
      const paragraphs = rest.join('\n').split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (headline.trim() && paragraphs.length > 0) stories.push({ category, file: join(category, file), headline: headline.trim(), paragraphs });
    }
  }
  return stories;
}
