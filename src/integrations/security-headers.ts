/** Writes `_headers` (the security headers, see src/lib/security-policy.ts) into the built site. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile } from '../lib/security-policy';

export function securityHeaders(): AstroIntegration {
  return {
    name: 'dispatch:security-headers',
    hooks: {
      'astro:build:done': ({ dir }) => {
        writeFileSync(join(fileURLToPath(dir), '_headers'), headersFile());
      },
    },
  };
}
