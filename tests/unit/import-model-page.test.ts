/**
 * The model agency page from the brief (a real page copied from a browser).
 * It lives outside the repository, beside it in `shared/`: the test runs
 * whenever the file is there, must run under CI=true, and elsewhere skips
 * with one line saying so.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/lib/content/article-file';
import { parseAgencyPage } from '../../src/lib/import/agency-page';
import { importSources } from '../../src/lib/import/import-sources';
import { CorpusCounts, englishWords, wordFrequencies } from '../../src/lib/import/vocabulary';
import { repairRunTogetherWords } from '../../src/lib/import/word-repair';
import { projectRoot } from '../../harness/build-site';

const candidates = [
  process.env.AGENCY_PAGE,
  resolve(projectRoot, '../shared/fixtures/agency-page.txt'),
  '/work/shared/fixtures/agency-page.txt',
].filter((p): p is string => !!p);
const modelPage = candidates.find((p) => existsSync(p));
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (!modelPage && ci) throw new Error(`CI=true but the model agency page is missing; looked in: ${candidates.join(', ')}`);
if (!modelPage) console.warn(`\n!!! Model agency page tests SKIPPED: no agency-page.txt in ${candidates.join(', ')} (set AGENCY_PAGE). !!!\n`);

describe.skipIf(!modelPage)('importing the model agency page', async () => {
  const out = mkdtempSync(join(tmpdir(), 'dispatch-model-page-'));
  const report = modelPage
    ? await importSources([modelPage], { out, section: 'politics', date: '2025-05-18T09:00:00+07:00' })
    : undefined;
  const imported = report?.articles[0];
  const file = imported ? join(out, `${imported.id}.md`) : '';
  const parsed = file ? parseArticleFile(file, readFileSync(file)) : undefined;
  const article = parsed?.ok ? parsed.value : undefined;
  const paragraphs = article?.body.split('\n\n') ?? [];

  it('maps headline, lead, dateline and agency to their fields', () => {
    expect(report?.skipped).toEqual([]);
    expect(article?.id).toBe('vietnam-attends-ipu-standing-committees-meeting-on-fighting-online-child-sexual');
    expect(article?.data).toEqual({
      title: 'Vietnam attends IPU standing committee’s meeting on fighting online child sexual abuse',
      summary:
        'Standing member of the National Assembly (NA) Committee for Social Affairs Le Thi Nguyet and standing member of the NA Committee for External Relations Le Thu Ha attended a virtual meeting of the Inter-Parliamentary Union (IPU)’s Standing Committee on Democracy and Human Rights on May 18.',
      date: '2025-05-18T09:00:00+07:00',
      section: 'politics',
      source: 'VNA',
      dateline: 'Hanoi',
    });
  });

  it('keeps the photo caption and credit, without the headline repeat or "ảnh 1", in the report and the file', () => {
    const photo = { caption: 'Standing member of the NA Committee for External Relations Le Thu Ha', credit: 'Source: quochoi.vn' };
    expect(imported?.warnings.join('\n')).toContain(`"${photo.caption}", credit "${photo.credit}"`);
    // The commented-out image block, uncommented, is the image an editor would add.
    const block = readFileSync(file, 'utf8').split('\n').filter((l) => /^# {1,3}\S/.test(l) && !/^# The page|^# save it/.test(l));
    expect(parse(block.map((l) => l.slice(2)).join('\n'))).toEqual({ image: { src: `./${imported?.id}.jpg`, alt: photo.caption, ...photo } });
  });

  it('leaves the dateline, the sign-off and the "See more" teasers out of the body', () => {
    expect(paragraphs[0]).toMatch(/^The meeting, held in the framework of the 142nd General Assembly of the IPU, focused on/);
    expect(paragraphs.at(-1)).toBe(
      'They shared their viewpoints on effective measures in improving law enforcement and the use of technology and big data in identifying those conducting sexual exploitation and abuse against children.',
    );
    for (const gone of ['Hanoi (VNA)', './.', '\nVNA', 'See more', 'ảnh', 'Da Nang', 'travel editor', 'IUU fishing', 'forest carbon']) {
      expect(article?.body).not.toContain(gone);
    }
    expect(imported?.teasersDropped).toBe(8);
  });

  it('does not print the lead twice: its repeat at the top of the body is left out', () => {
    expect(article?.body).not.toContain('Standing member of the');
    expect(imported?.notes).toContain('left out 1 body paragraph repeating the lead');
  });

  it('repairs the run-together words and lists every repair', () => {
    const body = article?.body ?? '';
    for (const repaired of ['in order to minimise', 'sexual exploitation and abuse of children', 'in the field', 'the Law on Cyber Security', 'Ministry of Culture', 'Front Central Committee', 'use of the Internet space']) {
      expect(body).toContain(repaired);
    }
    for (const glued of ['inorder', 'sexualexploitation', 'thefield', 'theLaw', 'Ministryof', 'Internetspace', 'measuresto', 'fillloopholes']) {
      expect(body).not.toContain(glued);
    }
    expect(imported?.repairs).toContainEqual({ from: 'inorder', to: 'in order' });
    expect(imported?.repairs).toHaveLength(20);
  });

  it('repairs "NationalAssembly" and "ofthe" in the page\'s own copy of the lead', () => {
    const text = readFileSync(modelPage!, 'utf8');
    const corpus = new CorpusCounts();
    text.split('\n').forEach((l) => corpus.add(l));
    const opening = text.split('\n').find((l) => l.startsWith('Hanoi (VNA) – '))!;
    const { paragraphs: [fixed], repairs } = repairRunTogetherWords([opening], { dictionary: englishWords(), frequency: wordFrequencies(), corpus });
    expect(fixed).toBe(
      'Hanoi (VNA) – Standing member of the National Assembly (NA) Committee for Social Affairs Le Thi Nguyet and standing member of the NA Committee for External Relations Le Thu Ha attended a virtual meeting of the Inter-Parliamentary Union (IPU)’s Standing Committee on Democracy and Human Rights on May 18.',
    );
    expect(repairs.map((r) => r.to)).toEqual(['National Assembly', 'of the', 'of the', '’s Standing']);
    expect(parseAgencyPage(text).ok).toBe(true);
  });
});
