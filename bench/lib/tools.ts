/**
 * The benchmark-only tools (Lighthouse, Pagefind, autocannon) live in bench/package.json,
 * not in the project's: `npm install` stays lean, and `npm run bench`
 * installs them into bench/node_modules the first time it needs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../harness/build-site';

export const benchDir = join(projectRoot, 'bench');
const TOOLS = ['lighthouse', 'pagefind', 'autocannon'];

/** Installs bench/package.json's tools (`npm ci --prefix bench`) when any is missing. */
export function ensureBenchTools(log: (line: string) => void = console.log): void {
  if (TOOLS.every((tool) => existsSync(join(benchDir, 'node_modules', tool, 'package.json')))) return;
  log('Installing the benchmark tools (bench/package.json) into bench/node_modules...');
  const install = spawnSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('npm ci in bench/ failed; see its output above');
}

/** A bench tool's command-line program. */
export const benchToolBin = (name: string) => join(benchDir, 'node_modules/.bin', name);
