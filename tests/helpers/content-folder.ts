/** Writes a throwaway content folder from a map of relative path → file text or bytes. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function contentFolder(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'dispatch-content-'));
  for (const [path, body] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, body);
  }
  return root;
}

/** A valid article's Markdown, with any frontmatter line replaced or removed (value `null`). */
export function article(fields: Record<string, string | null> = {}, body = 'The story.'): string {
  const base: Record<string, string> = {
    title: 'A headline',
    summary: 'A summary.',
    date: '2025-05-18T09:30:00+07:00',
    section: 'politics',
  };
  const merged = { ...base, ...fields };
  const lines = Object.entries(merged).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}
