import { gzipSync } from 'node:zlib';
import { readBbcCorpus } from './lib/bbc';
import { syntheticSearchDocuments, syntheticSearchIndex } from './lib/synthetic-search';
import { knownItemQueries } from './lib/search-queries';
import { SearchEngine } from '../src/lib/search/engine';
const N = Number(process.argv[2] ?? 100000);
const documents = syntheticSearchDocuments(readBbcCorpus('/work/shared/corpora/bbc'), N);
const built = syntheticSearchIndex(documents);
const owner = new Map<string, string>();
for (const [p, t] of built.files) if (p.startsWith('f/p')) { const c = JSON.parse(t); c.terms.forEach((term: string, i: number) => { owner.set(`f/${c.positions[i].file}.json`, term); owner.set(p + '#' + term, term); }); }
const items = knownItemQueries(documents.map(({ url, title, text }) => ({ url, title, text })), 300, 7).slice(0, 60);
const qs = [...items.map((q) => q.query), ...items.map((q) => q.typo)];
const gz = new Map<string, number>(); const g = (p: string) => gz.get(p) ?? (gz.set(p, gzipSync(built.files.get(p)!).length), gz.get(p)!);
const rows = [];
for (const q of qs) {
  const fetched: string[] = [];
  const e = await SearchEngine.open(async (p) => { fetched.push(p); return JSON.parse(built.files.get(p)!); });
  await e.search({ query: q, limit: 10 });
  const by = new Map<string, number>();
  for (const p of fetched) { const k = p.includes('/') ? p[2]! : 'm'; by.set(k, (by.get(k) ?? 0) + g(p)); }
  const qf = fetched.filter((p) => p.startsWith('f/q')).map((p) => `${owner.get(p)}:${(g(p)/1024).toFixed(0)}`);
  const pf = fetched.filter((p) => p.startsWith('f/p')).map((p) => (g(p)/1024).toFixed(0)).filter((x) => Number(x) > 5);
  rows.push({ q, total: fetched.reduce((n, p) => n + g(p), 0), by: [...by].map(([k, n]) => `${k}${(n/1024).toFixed(0)}`).join(' '), qf: qf.join(','), pf: pf.join(',') });
}
rows.sort((a, b) => b.total - a.total);
for (const r of rows.slice(0, 16)) console.log((r.total/1024).toFixed(0), JSON.stringify(r.q), r.by, '| q:', r.qf, '| big p:', r.pf);
