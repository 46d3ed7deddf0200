import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildSite, projectRoot } from '../../harness/build-site';
import { loadPage } from '../../harness/html';

const run = promisify(execFile);
const NOW = '2025-05-18T02:30:00Z';

/** Runs `npm run new -- …args` the way an editor would, minus npm itself. */
async function scaffold(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(projectRoot, 'node_modules/.bin/tsx'), ['scripts/new-article.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, DISPATCH_NOW: NOW },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const emptyContent = () => mkdtempSync(join(tmpdir(), 'dispatch-new-'));

describe('npm run new', () => {
  it('writes a draft article named for its headline, dated now in the site’s time zone', async () => {
    const content = emptyContent();
    const result = await scaffold(['Đà Nẵng opens a night market', '--section', 'travel', '--content', content]);
    expect(result.code).toBe(0);
    const file = join(content, 'articles/da-nang-opens-a-night-market/index.md');
    expect(result.stdout).toContain(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^title: Đà Nẵng opens a night market$/m);
    expect(text).toMatch(/^date: 2025-05-18T09:30:00\+07:00$/m);
    expect(text).toMatch(/^section: travel$/m);
    expect(text).toMatch(/^draft: true\b/m);
    for (const field of ['summary', 'updated', 'tags', 'authors', 'source', 'dateline', 'image', 'related']) {
      expect(text, field).toMatch(new RegExp(`^#? ?${field}:`, 'm'));
    }
  });

  it('refuses an unknown section and names the known ones', async () => {
    const content = emptyContent();
    const result = await scaffold(['A headline', '--section', 'gossip', '--content', content]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown section "gossip"; known sections: news, politics, society, business');
    expect(readdirSync(content)).toEqual([]);
  });

  it('refuses a headline whose id an existing article already has', async () => {
    const content = emptyContent();
    writeFileSync(join(content, 'night-market.md'), 'anything');
    const result = await scaffold(['Night market', '--section', 'news', '--content', content]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`an article with the id "night-market" already exists: ${join(content, 'night-market.md')}`);
  });

  it('explains its usage when the section is missing', async () => {
    const result = await scaffold(['A headline']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage: npm run new -- "Headline" --section <section>');
  });

  it('creates a file that builds: left out as a draft, published once the draft line goes', async () => {
    const content = emptyContent();
    await scaffold(['Quảng Trị: a <new> bridge & road', '--section', 'tech', '--content', content]);
    const file = join(content, 'articles/quang-tri-a-new-bridge-and-road/index.md');
    const draft = await buildSite(content);
    expect(draft.ok, draft.output).toBe(true);
    expect(draft.output).toContain('0 articles published; left out: 1 draft');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^draft: true.*$/m, 'draft: false'));
    const published = await buildSite(content);
    expect(published.ok, published.output).toBe(true);
    const doc = loadPage(published.outDir, '/articles/quang-tri-a-new-bridge-and-road/');
    expect(doc.querySelector('h1')?.textContent).toBe('Quảng Trị: a <new> bridge & road');
    expect(doc.querySelector('.kicker a')?.getAttribute('href')).toBe('/section/science-technology/');
  });
});
