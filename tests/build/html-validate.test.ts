import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../harness/build-site';
import { builtPages, fileForPath } from '../../harness/html';

// The repository's own config, so `npm run validate:html` (the CLI over dist/) judges the same way.
const config = JSON.parse(readFileSync(join(projectRoot, '.htmlvalidate.json'), 'utf8')) as ConfigData;
const validator = new HtmlValidate(config);

/** html-validate's errors for every page of a built site, one line each: `path:line:column rule: message`. */
async function htmlErrors(siteDir: string, pages: readonly string[]): Promise<string[]> {
  const errors: string[] = [];
  for (const urlPath of pages) {
    const file = fileForPath(siteDir, urlPath);
    const report = await validator.validateString(readFileSync(file, 'utf8'), file);
    for (const m of report.results.flatMap((r) => r.messages)) {
      if (m.severity === 2) errors.push(`${urlPath}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
  }
  return errors;
}

describe('valid HTML (html-validate, recommended rules)', () => {
  it('finds no errors in any page of the fixture site', async () => {
    const site = inject('fixtureSite');
    const pages = builtPages(site);
    expect(pages).toEqual(expect.arrayContaining(['/', '/404.html', '/search/', '/articles/hue-rain-festival/', '/section/travel/', '/tag/hue/']));
    expect(await htmlErrors(site, pages)).toEqual([]);
  });

  it('finds no errors in any page of the sample site', async () => {
    const site = inject('sampleSite');
    expect(await htmlErrors(site, builtPages(site))).toEqual([]);
  });

  it('reports an error when a page has one, so a clean result means something', async () => {
    const report = await validator.validateString('<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>x</div></p></body></html>');
    expect(report.valid).toBe(false);
  });
});
