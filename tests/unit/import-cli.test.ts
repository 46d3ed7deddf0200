import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../harness/build-site';

/** Runs `npm run import -- ...args` the way npm does, and returns its exit code and output. */
function importCommand(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/import.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixtures = 'tests/fixtures/import';
const tempDir = () => mkdtempSync(join(tmpdir(), 'dispatch-import-cli-'));

describe('npm run import', () => {
  it('exits 0 and closes with the totals when every source is imported', () => {
    const out = tempDir();
    const run = importCommand(`${fixtures}/plain/sport`, `${fixtures}/plain/tech`, '--out', out, '--date', '2005-01-01');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').slice(-4)).toEqual([
      'Repaired 1 run-together word in 1 article:',
      `  ofthe → of the: ${fixtures}/plain/tech/solar-chargers.txt`,
      expect.stringMatching(new RegExp(`^Imported 2 of 2 sources into ${out} \\(2 written\\) in \\d+\\.\\d s\\.$`)),
      'Skipped 0, ignored 0, renamed 0; repaired 1 word in 1 article; dropped 0 teasers; 0 warnings.',
    ]);
  });

  it('exits 1 and names each skipped file with its reason', () => {
    const run = importCommand(`${fixtures}/bad/empty.txt`, `${fixtures}/plain/sport`, '--out', tempDir(), '--date', '2005-01-01', '--section', 'news');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Skipped 1 source:\n  ${fixtures}/bad/empty.txt: is empty\n`);
    expect(run.stdout).toMatch(/^Imported 1 of 2 sources/m);
  });

  it('exits 2 without writing anything when an option is wrong', () => {
    const out = join(tempDir(), 'articles');
    const unknown = importCommand(`${fixtures}/plain`, '--out', out, '--date', '2005-01-01', '--section', 'gossip');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^--section "gossip" is not a section; sections: news, politics/);
    expect(importCommand(`${fixtures}/plain`, '--date', '2005-01-01').stderr).toMatch(/^--out is required/);
    expect(importCommand(`${fixtures}/plain`, '--out', out, '--colour').code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing with --dry-run and says so', () => {
    const out = join(tempDir(), 'articles');
    const run = importCommand(`${fixtures}/plain/sport`, '--out', out, '--date', '2005-01-01', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Would import 1 of 1 source into .* \(1 new\) in [\d.]+ s\.$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Dry run: nothing was written.');
    expect(existsSync(out)).toBe(false);
  });
});
