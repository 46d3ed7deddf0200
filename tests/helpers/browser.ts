/**
 * Real-browser tests: playwright-core driving the system's Chromium.
 * Under CI=true a missing Chromium fails the run; elsewhere browser tests are
 * skipped with one loud line saying how to install it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { projectRoot } from './build-site';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Path of the Chromium binary, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

let warned = false;
/** True when browser tests can run; throws under CI when they cannot. */
export function browserAvailable(): boolean {
  if (chromiumPath()) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error('CI=true but no Chromium was found: install it with `apt-get install -y chromium` or set CHROME_PATH');
  }
  if (!warned) {
    warned = true;
    console.warn('\n!!! Browser tests SKIPPED: no Chromium found. Install it with `sudo apt-get install -y chromium` (or set CHROME_PATH). !!!\n');
  }
  return false;
}

/** Launches headless Chromium with the flags this workplace needs. */
export function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found');
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

export const failureShotsDir = join(projectRoot, 'tests/e2e/screenshots/failures');

/** Saves a screenshot of `page` under tests/e2e/screenshots/failures/ if the current test fails. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async () => {
    mkdirSync(failureShotsDir, { recursive: true });
    const file = join(failureShotsDir, `${name.replace(/[^\w-]+/g, '_')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.warn(`screenshot of the failed test: ${file}`);
  });
}
