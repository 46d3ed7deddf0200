import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/lib/content/article-file';
import { articleSchema } from '../../src/lib/content/article-schema';
import { importSources, ImportUsageError, type ImportOptions } from '../../src/lib/import/import-sources';
import { formatImportSummary } from '../../src/lib/import/import-summary';
import { projectRoot } from '../../harness/build-site';

const fixtures = join(projectRoot, 'tests/fixtures/import');
const plain = join(fixtures, 'plain');
const tempDir = () => mkdtempSync(join(tmpdir(), 'dispatch-import-'));

function run(inputs: string[], options: Partial<ImportOptions> = {}) {
  const out = options.out ?? tempDir();
  return importSources(inputs, { date: '2005-01-01', ...options, out }).then((report) => ({ report, out }));
}

/** The frontmatter of a written article, checked by the site's schema. */
function readArticle(file: string) {
  const parsed = parseArticleFile(file, readFileSync(file));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  const data = articleSchema(() => z.string()).parse(parsed.value.data);
  return { id: parsed.value.id, data, raw: parsed.value.data, body: parsed.value.body };
}

describe('importSources', () => {
  it('writes one valid article per source, in the section its folder names', async () => {
    const { report, out } = await run([plain]);
    const sections = Object.fromEntries(
      report.articles.map((a) => [a.source.replace(/^.*plain\//, ''), readArticle(join(out, `${a.id}.md`)).data.section]),
    );
    expect(sections).toEqual({
      'business/harbour-fees.txt': 'business',
      'business/rice-exports.txt': 'business',
      'entertainment/puppet-theatre.txt': 'culture',
      'news/ferry-timetable-update.txt': 'news',
      'news/ferry-timetable.txt': 'news',
      'sport/rowing-final.txt': 'sport',
      'tech/solar-chargers.txt': 'science-technology',
    });
    expect(readdirSync(out).sort()).toEqual(report.articles.map((a) => `${a.id}.md`).sort());
    expect(report.skipped).toEqual([]);
  });

  it('puts every article in the --section given, dated midnight UTC of the --date day', async () => {
    const { report, out } = await run([join(plain, 'sport'), join(plain, 'tech')], { section: 'Politics' });
    for (const a of report.articles) {
      const { raw } = readArticle(join(out, `${a.id}.md`));
      expect(raw).toMatchObject({ section: 'politics', date: '2005-01-01T00:00:00+00:00' });
    }
  });

  it('names the article after its headline and takes the standfirst out of the body', async () => {
    const { out } = await run([join(plain, 'sport/rowing-final.txt')], { section: 'sport' });
    const article = readArticle(join(out, 'hanoi-crew-wins-the-river-rowing-final.md'));
    expect(article.raw).toEqual({
      title: 'Hanoi crew wins the river rowing final',
      summary: 'A crew from Hanoi won the national rowing final on the Red River on Sunday, beating the champions from Da Nang by half a length.',
      date: '2005-01-01T00:00:00+00:00',
      section: 'sport',
    });
    expect(article.body).toBe('The race was held in a strong wind, and two boats took on water before the finish.');
  });

  it('gives a clashing id the next free number and reports which source had it', async () => {
    const { report, out } = await run([join(plain, 'news')]);
    expect(report.articles.map((a) => a.id)).toEqual(['ferry-timetable-changes-for-the-holiday', 'ferry-timetable-changes-for-the-holiday-2']);
    expect(report.articles[1]?.renamed).toEqual({
      from: 'ferry-timetable-changes-for-the-holiday',
      holder: expect.stringMatching(/news\/ferry-timetable-update\.txt$/),
    });
    expect(readArticle(join(out, 'ferry-timetable-changes-for-the-holiday-2.md')).body).toMatch(/^Tickets can be bought/);
  });

  it('does not reuse an id an article elsewhere in the output folder already has', async () => {
    const out = tempDir();
    mkdirSync(join(out, '2024'));
    writeFileSync(join(out, '2024/hanoi-crew-wins-the-river-rowing-final.md'), 'an older article');
    const { report } = await run([join(plain, 'sport')], { out });
    expect(report.articles[0]?.id).toBe('hanoi-crew-wins-the-river-rowing-final-2');
  });

  it('skips bad files with their reasons and still imports the rest', async () => {
    const { report } = await run([join(fixtures, 'bad'), join(plain, 'sport')], { section: 'news' });
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.source.replace(/^.*\//, ''), s.reason]));
    expect(reasons).toEqual({
      'binary.txt': 'is a binary file, not text',
      'blank.txt': 'is empty (only white space)',
      'empty.txt': 'is empty',
      'headline-only.txt': 'has a headline but no text below it',
      'latin1.txt': expect.stringMatching(/^is not UTF-8 text \(byte 0xA3 on line 3\); save it as UTF-8, or pass --encoding/),
      'no-headline.txt': expect.stringMatching(/^has no headline: its first line is 459 characters long/),
    });
    expect(report.articles.map((a) => a.id)).toEqual(['hanoi-crew-wins-the-river-rowing-final']);
  });

  it('reads a legacy-encoded file when told its encoding, with a warning', async () => {
    const { report, out } = await run([join(fixtures, 'bad/latin1.txt')], { section: 'business', encoding: 'windows-1252' });
    expect(report.articles[0]?.warnings).toEqual([expect.stringMatching(/read as windows-1252/)]);
    expect(readArticle(join(out, 'market-prices.md')).data.summary).toBe('A kilo of tea now costs £15 in the capital.');
  });

  it('skips a source without a section or a date, saying which option to pass', async () => {
    const noSection = await run([join(fixtures, 'agency/can-tho-bridge.txt')]);
    expect(noSection.report.skipped[0]?.reason).toMatch(/^has no section: its folder "agency" is not a section; pass --section/);
    const noDate = await importSources([join(plain, 'sport')], { out: tempDir() });
    expect(noDate.skipped[0]?.reason).toBe('has no publication date: pass --date, such as --date 2025-05-18');
  });

  it('lists files in input folders that are not sources instead of importing them', async () => {
    const { report } = await run([plain]);
    expect(report.ignored).toEqual([expect.stringMatching(/plain\/README\.txt$/)]);
  });

  it('lists a link in an input folder that leads out of it instead of importing what it leads to', async () => {
    const folder = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), 'Private notes\n\nNot for the site.\n\nAt all.\n');
    writeFileSync(join(folder, 'story.txt'), 'Ferry runs late\n\nThe ferry runs later.\n\nFrom Monday.\n');
    symlinkSync(join(outside, 'secret.txt'), join(folder, 'notes.txt'));
    const { report } = await run([folder], { section: 'news' });
    expect(report.articles.map((a) => a.id)).toEqual(['ferry-runs-late']);
    expect(report.ignored).toEqual([join(folder, 'notes.txt')]);
  });

  it('leaves direction overrides out of a headline and standfirst, which the site refuses in a field', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'story.txt'), 'Ferry \u202Eruns late\n\nThe ferry \u2067runs later.\n\nFrom Monday.\n');
    const { report, out } = await run([folder], { section: 'news' });
    const { data } = readArticle(join(out, `${report.articles[0]?.id}.md`));
    expect([data.title, data.summary]).toEqual(['Ferry runs late', 'The ferry runs later.']);
  });

  it('stops before reading anything when an option or input is wrong', async () => {
    await expect(run([plain], { section: 'gossip' })).rejects.toThrow(/--section "gossip" is not a section; sections: news, politics/);
    await expect(run([plain], { date: '18/05/2025' })).rejects.toThrow(ImportUsageError);
    await expect(run([plain], { encoding: 'klingon' })).rejects.toThrow(/--encoding "klingon"/);
    await expect(run([join(fixtures, 'missing')])).rejects.toThrow(/missing: no such file or folder/);
  });

  it('writes the same bytes when run again, and reports the articles unchanged', async () => {
    const first = await run([plain]);
    const bytes = readdirSync(first.out).map((f) => readFileSync(join(first.out, f)));
    const again = await run([plain], { out: first.out });
    expect(again.report.articles.every((a) => a.status === 'unchanged')).toBe(true);
    expect(readdirSync(first.out).map((f) => readFileSync(join(first.out, f)))).toEqual(bytes);
  });

  it('never overwrites an article with other content unless forced', async () => {
    const { out } = await run([join(plain, 'sport')]);
    const file = join(out, 'hanoi-crew-wins-the-river-rowing-final.md');
    writeFileSync(file, 'edited by hand');
    const refused = await run([join(plain, 'sport')], { out });
    expect(refused.report.skipped[0]?.reason).toMatch(/already exists with other content; pass --force to overwrite it$/);
    expect(readFileSync(file, 'utf8')).toBe('edited by hand');
    const forced = await run([join(plain, 'sport')], { out, force: true });
    expect(forced.report.articles[0]?.status).toBe('overwritten');
    expect(readFileSync(file, 'utf8')).toMatch(/^---\ntitle: Hanoi crew/);
  });

  it('changes nothing in a dry run, yet reports everything', async () => {
    const out = join(tempDir(), 'articles');
    const { report } = await run([plain, join(fixtures, 'agency')], { out, dryRun: true, section: 'news' });
    expect(existsSync(out)).toBe(false);
    expect(report.articles).toHaveLength(9);
    expect(report.articles.flatMap((a) => a.repairs).map((r) => r.from)).toContain('inorder');
    expect(formatImportSummary(report).at(-1)).toBe('Dry run: nothing was written.');
  });

  it('quotes headlines so that colons, quotes and hashes come back as written', async () => {
    const { out } = await run([join(plain, 'business/harbour-fees.txt')]);
    const article = readArticle(join(out, 'port-fees-a-fair-price-or-1-burden.md'));
    expect(article.data.title).toBe('Port fees: "a fair price" - or #1 burden?');
  });

  it('cuts a long headline at a word to make its id', async () => {
    const dir = join(tempDir(), 'news');
    mkdirSync(dir);
    const title = 'Delegates from ten provinces meet in the capital to discuss flood defences along the Red River and its many tributaries';
    writeFileSync(join(dir, 'long.txt'), `${title}\n\nThe meeting lasted two days.\n\nIt ended with a plan.\n`);
    const { report } = await run([dir]);
    expect(report.articles[0]?.id).toBe('delegates-from-ten-provinces-meet-in-the-capital-to-discuss-flood-defences-along');
  });
});
