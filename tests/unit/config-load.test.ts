/**
 * Astro loads `astro.config.mjs` with Node itself when it can, and only
 * otherwise starts a Vite server to transform it and what it imports: about
 * half a second of every build and dev start. Node strips TypeScript's types
 * from the integrations' files when every relative import names its `.ts`
 * file and the syntax is erasable (tsconfig.json's `erasableSyntaxOnly`).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('astro.config.mjs', () => {
  it('loads in plain Node, with no Vite to transform what it imports', () => {
    const script = "const { default: config } = await import('./astro.config.mjs'); console.log(JSON.stringify(config.integrations.map((i) => i.name)));";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const names = JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as string[];
    expect(names).toContain('dispatch:incremental-publish');
    expect(names).toContain('dispatch:server-files');
  });
});
