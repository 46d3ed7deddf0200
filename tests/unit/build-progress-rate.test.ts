/** The progress line's rate and time left, fed Astro's log lines at chosen times. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import buildProgress from '../../src/integrations/build-progress';

afterEach(() => vi.restoreAllMocks());

/** The progress lines printed for `events` ([ms, message]). */
function progressLines(events: [number, string][]): string[] {
  let clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  const printed: string[] = [];
  const capture = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  vi.spyOn(console, 'log').mockImplementation((...args) => void printed.push(args.join(' ')));
  vi.spyOn(console, 'info').mockImplementation((...args) => void printed.push(args.join(' ')));
  const destination = buildProgress({ everySeconds: 10 });
  for (const [ms, message] of events) {
    clock = ms;
    destination.write({ label: 'build', level: 'info', message, newLine: true });
  }
  return printed.join('').split('\n').filter((l) => l.includes('pages:'));
}

describe('build progress: the rate of pages', () => {
  it('is counted from the first page, not from a long wait before it', () => {
    // 20 s of corpus-wide work before the first page, then 500 pages a second.
    const events: [number, string][] = [[0, 'generating static routes']];
    for (let i = 0; i < 6000; i++) events.push([20_000 + i * 2, `  ├─ /articles/${i}/index.html`]);
    const lines = progressLines(events);
    expect(lines.length).toBeGreaterThan(0);
    const rate = Number(/([\d.]+) a second/.exec(lines[0]!)?.[1]);
    expect(rate).toBeGreaterThan(400);
    expect(rate).toBeLessThan(600);
    expect(lines.join('\n')).not.toMatch(/\d+ min/);
  });
});

describe('build progress: pages rendered four at a time', () => {
  it('takes in each page’s time however the pages’ two-part lines interleave, and prints none of them', () => {
    vi.spyOn(performance, 'now').mockImplementation(() => 0);
    const printed: string[] = [];
    const capture = (chunk: unknown) => void printed.push(String(chunk));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (capture(chunk), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (capture(chunk), true));
    vi.spyOn(console, 'log').mockImplementation((...args) => capture(args.join(' ')));
    vi.spyOn(console, 'info').mockImplementation((...args) => capture(args.join(' ')));
    const destination = buildProgress({ everySeconds: 10 });
    const line = (label: string, message: string, newLine = true) => destination.write({ label, level: 'info', message, newLine });
    line('build', 'generating static routes');
    // Astro writes a page's path, renders it, then writes its time: four pages in flight.
    for (const page of ['/a/', '/b/', '/c/']) line('build', `  ├─ ${page}index.html`, false);
    line('SKIP_FORMAT', ' (+21ms)');
    line('build', '  ├─ /d/index.html', false);
    line('SKIP_FORMAT', ' (restored)');
    line('SKIP_FORMAT', ' (+6ms)');
    line('SKIP_FORMAT', ' (+18ms)');
    line('build', '✓ Completed in 1.00s.');
    line('build', '4 page(s) built in 1.00s');
    const out = printed.join('');
    expect(out).not.toMatch(/\(\+\d+ms\)|├─/);
    expect(out).toMatch(/pages 0 s \(4 files, 1 restored unchanged\)/);
  });
});
