import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { builtPages, loadPage } from '../../harness/html';

const site = inject('fixtureSite');

describe('the Content-Security-Policy', () => {
  it('is set on every page, and allows scripts only from the site itself', () => {
    for (const page of builtPages(site)) {
      const policy = loadPage(site, page).querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
      expect(policy, page).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(policy, page).not.toContain('unsafe-inline\'; script');
      const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
      expect(scriptSrc, page).not.toMatch(/unsafe|data:|\*/);
    }
  });

  it('is also sent as a header, with frame-ancestors, through the built _headers file', () => {
    const headers = readFileSync(join(site, '_headers'), 'utf8');
    expect(headers.split('\n').find((line) => !line.startsWith('#'))).toBe('/*');
    expect(headers).toMatch(/^ {2}Content-Security-Policy: default-src 'self'; script-src 'self';.*frame-ancestors 'none'$/m);
    expect(headers).toMatch(/^ {2}X-Content-Type-Options: nosniff$/m);
  });
});
