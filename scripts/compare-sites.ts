/**
 * Compares two builds of the site, file by file, the way a reader's browser
 * would see them: asset hashes aside (`/_astro/x.Ab12Cd.css` and
 * `/_astro/x.Zz99Yy.css` are the same file), and HTML compared once parsed,
 * so two ways of escaping one character (`&#x26;`, `&amp;`) do not count.
 * Used to check that a platform or pipeline change leaves every page as it was.
 *
 *   npx tsx scripts/compare-sites.ts <built site before> <built site after> [--show 5]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';

/** Compressed copies, images and fonts: compared through the files they are made from, or not at all. */
const SKIPPED = /\.(br|gz|avif|webp|jpe?g|png|gif|svg|ico|woff2?)$/;

/** `name.HASH.ext` → `name.ext` for Vite's and Astro's hashed file names, and the search index's build id masked. */
const withoutHashes = (text: string) =>
  text
    .replace(/([\w-]+)\.[\w-]{8}\.(css|js|avif|webp|jpe?g|png|svg)\b/g, '$1.$2')
    .replace(/(search\/)[a-z0-9]{8,14}(\/|")/g, '$1#$2')
    .replace(/("build":\s*")[a-z0-9]+"/g, '$1#"');

/** An HTML page as parsed, re-serialised in one way. */
const canonicalHtml = (html: string) => parseHTML(html).document.toString();

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => !SKIPPED.test(f) && f.includes('.')).sort();
}

/** The first place two texts part, with some context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 80);
  return `  before: …${a.slice(from, i + 120)}…\n  after:  …${b.slice(from, i + 120)}…`;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { show: { type: 'string', default: '5' } } });
const [before, after] = positionals;
if (!before || !after) {
  console.error('usage: npx tsx scripts/compare-sites.ts <built site before> <built site after> [--show 5]');
  process.exit(2);
}
const a = new Set(files(before).map(withoutHashes));
const b = new Set(files(after).map(withoutHashes));
const byName = (dir: string) => new Map(files(dir).map((f) => [withoutHashes(f), f]));
const [namesA, namesB] = [byName(before), byName(after)];
const onlyBefore = [...a].filter((f) => !b.has(f));
const onlyAfter = [...b].filter((f) => !a.has(f));
let identical = 0;
let sameParsed = 0;
const differing: { file: string; detail: string }[] = [];
for (const file of [...a].filter((f) => b.has(f))) {
  const x = withoutHashes(readFileSync(join(before, namesA.get(file)!), 'utf8'));
  const y = withoutHashes(readFileSync(join(after, namesB.get(file)!), 'utf8'));
  if (x === y) identical++;
  else if (file.endsWith('.html') && canonicalHtml(x) === canonicalHtml(y)) sameParsed++;
  else differing.push({ file, detail: file.endsWith('.html') ? firstDifference(canonicalHtml(x), canonicalHtml(y)) : firstDifference(x, y) });
}
console.log(`${a.size} files before, ${b.size} after (compressed copies and images left out)`);
console.log(`  identical (asset hashes aside): ${identical}`);
console.log(`  the same once parsed (characters escaped differently): ${sameParsed}`);
console.log(`  different: ${differing.length}; only before: ${onlyBefore.length}; only after: ${onlyAfter.length}`);
const show = Number(values.show);
for (const f of onlyBefore.slice(0, show)) console.log(`only before: ${f}`);
for (const f of onlyAfter.slice(0, show)) console.log(`only after: ${f}`);
for (const { file, detail } of differing.slice(0, show)) console.log(`${file}\n${detail}`);
process.exitCode = differing.length + onlyBefore.length + onlyAfter.length > 0 ? 1 : 0;
