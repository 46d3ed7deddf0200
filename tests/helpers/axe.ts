/** Runs axe-core (npm `axe-core`) inside a page and reports what it finds. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rules: what the site promises. */
export const WCAG21AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The axe violations of the page as it is now, at WCAG 2.1 AA.
 * axe is evaluated through the DevTools protocol rather than added as a
 * `<script>` tag: a page whose Content-Security-Policy forbids inline scripts
 * blocks `page.addScriptTag({ content })`, but not `page.evaluate`.
 */
export async function axeViolations(page: Page): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(o: object): Promise<AxeResults> } }).axe.run({ runOnly: { type: 'tag', values: tags } }),
    WCAG21AA,
  );
  return results.violations;
}

/** One line per violation and an indented line per offending element, for a failure message. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
      return [`  ${v.id} (${v.impact ?? 'no impact'}): ${v.help} ${v.helpUrl}`, ...nodes].join('\n');
    })
    .join('\n');
}
