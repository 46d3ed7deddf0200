/** A path for a file in a folder of its own under the system's temporary folder, removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

export function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-test-'));
  dirs.push(dir);
  return join(dir, name);
}
