/**
 * Compares two built sites file by file, as readers get them: the hashes in
 * bundled scripts' and styles' names (`/_astro/name.HASH.css`) and the search
 * index's build folder are masked, compressed copies (.br, .gz) skipped.
 * Prints the files found in one site only and, for each text file that
 * differs, its first differing line in both.
 *
 *   npx tsx scripts/compare-sites.ts <before> <after>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEXT = /\.(html|xml|json|txt|css|js|conf|webmanifest)$|_headers$|Caddyfile$/;

function files(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (/\.(br|gz)$/.test(file)) continue;
    const path = join(root, file);
    try {
      found.set(mask(file), path);
    } catch {
      // a folder
    }
  }
  return found;
}

/** Hashes Astro and Vite give files, and the search index's build id, as placeholders. */
function mask(text: string): string {
  return text
    .replace(/(_astro\/[^"'\s)?,/]*?)\.[A-Za-z0-9_-]{8}\.(css|js)\b/g, '$1.#.$2')
    .replace(/(search\/)[a-z0-9]{8,14}(\/|")/g, '$1#$2')
    .replace(/("build":\s*")[a-z0-9]+"/g, '$1#"');
}

const [before, after] = process.argv.slice(2);
if (!before || !after) throw new Error('usage: compare-sites.ts <before> <after>');
const a = files(before);
const b = files(after);
const onlyIn = (x: Map<string, string>, y: Map<string, string>) => [...x.keys()].filter((k) => !y.has(k)).sort();
for (const f of onlyIn(a, b)) console.log(`only before: ${f}`);
for (const f of onlyIn(b, a)) console.log(`only after:  ${f}`);
let same = 0;
let differ = 0;
for (const [name, pathA] of [...a].sort()) {
  const pathB = b.get(name);
  if (!pathB) continue;
  let bytesA: Buffer, bytesB: Buffer;
  try {
    bytesA = readFileSync(pathA);
    bytesB = readFileSync(pathB);
  } catch {
    continue; // folders
  }
  const textual = TEXT.test(name);
  const textA = textual ? mask(bytesA.toString('utf8')) : '';
  const textB = textual ? mask(bytesB.toString('utf8')) : '';
  if (textual ? textA === textB : bytesA.equals(bytesB)) {
    same++;
    continue;
  }
  differ++;
  if (!textual) {
    console.log(`differs (binary): ${name}`);
    continue;
  }
  let at = 0;
  while (at < textA.length && textA[at] === textB[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 80), at + 120));
  console.log(`differs: ${name}\n  - ${around(textA)}\n  + ${around(textB)}`);
}
console.log(`${same} files the same, ${differ} differ`);
