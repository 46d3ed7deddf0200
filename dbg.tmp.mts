import { openBuiltSearch } from './bench/lib/built-search';
const engine: any = await openBuiltSearch('dist');
for (const m of ['planQuery', 'joinMistypedFirst', 'joinMistyped']) {
  const orig = engine[m].bind(engine);
  engine[m] = async (...a: any[]) => {
    const before = m === 'planQuery' ? '' : JSON.stringify(a[0].map((p: any) => [p.word.term, p.expansions.map((e: any) => e.entry.term), p.joined ? [...p.joined] : null]));
    const r = await orig(...a);
    if (m === 'planQuery') for (const p of r) console.log(m, p.word.term, p.expansions.map((e: any) => `${e.entry.term}/${e.edits}`).join(','), p.joined ? [...p.joined] : '', p.alias ?? '', p.corrected ?? '');
    else console.log(m, 'in', before);
    return r;
  };
}
for (const q of process.argv.slice(2)) { console.log('##', q); const r = await engine.search({ query: q, limit: 3 }); console.log(r.total, r.partialTotal); }
