import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { readBbcCorpus } from './lib/bbc';
import { syntheticSearchDocuments, syntheticSearchIndex } from './lib/synthetic-search';
import { readerQueries, readStoryFacts } from './lib/reader-queries';
import { SearchEngine } from '../src/lib/search/engine';
const documents = syntheticSearchDocuments(readBbcCorpus('/work/shared/corpora/bbc'), Number(process.argv[2]));
const built = syntheticSearchIndex(documents);
const owner = new Map<string, string>();
for (const [p, t] of built.files) if (p.startsWith('f/p')) { const c = JSON.parse(t); c.terms.forEach((term: string, i: number) => { if (typeof c.positions[i] !== 'string') owner.set(`f/${c.positions[i].file}.json`, term); }); }
const qs = readerQueries(readStoryFacts(resolve(import.meta.dirname, '../content/articles'))).map((q) => q.query);
const g = (p: string) => gzipSync(built.files.get(p)!).length;
const rows = [];
for (const q of qs) {
  const fetched: string[] = [];
  const e = await SearchEngine.open(async (p) => { fetched.push(p); return JSON.parse(built.files.get(p)!); });
  await e.search({ query: q, limit: 10 });
  const by = new Map<string, number>();
  for (const p of fetched) { const k = p.includes('/') ? p[2]! : 'm'; by.set(k, (by.get(k) ?? 0) + g(p)); }
  rows.push({ q, total: fetched.reduce((n, p) => n + g(p), 0), by: [...by].map(([k, n]) => `${k}${(n / 1024).toFixed(0)}`).join(' '), qf: fetched.filter((p) => p.startsWith('f/q')).map((p) => `${owner.get(p)}:${(g(p) / 1024).toFixed(0)}`).join(',') });
}
rows.sort((a, b) => b.total - a.total);
for (const r of rows.slice(0, 10)) console.log((r.total / 1024).toFixed(0), JSON.stringify(r.q), r.by, '| q:', r.qf);
