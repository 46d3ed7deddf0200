import { describe, expect, it } from 'vitest';
import { CorpusCounts, englishWords, wordFrequencies } from '../../src/lib/import/vocabulary';
import { repairRunTogetherWords } from '../../src/lib/import/word-repair';

/** Repairs one document, with the corpus made of that document and any other texts given. */
function repair(paragraphs: string[], otherTexts: string[] = []) {
  const corpus = new CorpusCounts();
  [...paragraphs, ...otherTexts].forEach((t) => corpus.add(t));
  return repairRunTogetherWords(paragraphs, { dictionary: englishWords(), frequency: wordFrequencies(), corpus });
}

describe('repairRunTogetherWords', () => {
  it('splits a function word glued to its neighbour', () => {
    const { paragraphs, repairs } = repair(['She said that inorder to win, most ofthe team trained at dawn.']);
    expect(paragraphs[0]).toBe('She said that in order to win, most of the team trained at dawn.');
    expect(repairs).toEqual([
      { from: 'inorder', to: 'in order' },
      { from: 'ofthe', to: 'of the' },
    ]);
  });

  it('keeps words the list lacks but English uses, and plurals of listed words, in a document with glue', () => {
    const { paragraphs, repairs } = repair([
      'From March onwards, staff wellbeing and network throughputs improved ofthe year.',
    ]);
    expect(paragraphs[0]).toBe('From March onwards, staff wellbeing and network throughputs improved of the year.');
    expect(repairs).toEqual([{ from: 'ofthe', to: 'of the' }]);
  });

  it('keeps a compound of two English words the list lacks, where a function word would be glued to a word English seldom uses', () => {
    // "blogger" is common in this corpus, not in everyday English; "weblogger" is also "web" + "logger".
    const bloggers = ['The blogger wrote daily.', 'Another blogger agreed.', 'A third blogger did not.'];
    const { paragraphs, repairs } = repair(['An Iranian weblogger was jailed on most ofthe charges.', 'Jailing a weblogger is meant to deter others.'], bloggers);
    expect(paragraphs).toEqual(['An Iranian weblogger was jailed on most of the charges.', 'Jailing a weblogger is meant to deter others.']);
    expect(repairs).toEqual([{ from: 'ofthe', to: 'of the' }]);
    // A word English uses often is still split from its function word, though the token is also two words ("hes" + "aid").
    expect(repair(['Then hesaid the vote was ofthe past.']).paragraphs[0]).toBe('Then he said the vote was of the past.');
  });

  it('splits at a case change after a lower-case word', () => {
    const { paragraphs } = repair(['It follows theLaw on Cyber Security, said the minister.']);
    expect(paragraphs[0]).toBe('It follows the Law on Cyber Security, said the minister.');
  });

  it('restores the space after a possessive and after a comma', () => {
    const { paragraphs } = repair(['The Union (IPU)’sStanding Committee met the Ministry of Health,Ministry of Justice.']);
    expect(paragraphs[0]).toBe('The Union (IPU)’s Standing Committee met the Ministry of Health, Ministry of Justice.');
  });

  it('splits a capitalised pair the corpus writes apart, once the document shows other glue', () => {
    const doc = ['The NationalAssembly met ofthe first time.', 'The National Assembly approved it.'];
    expect(repair(doc).paragraphs[0]).toBe('The National Assembly met of the first time.');
  });

  it('keeps a capitalised name the corpus spells the same way more than once', () => {
    const doc = ['Profits at TimeWarner rose ofthe quarter.', 'TimeWarner said its sales grew; Time Warner owns a stake.'];
    const { paragraphs, repairs } = repair(doc);
    expect(paragraphs[0]).toBe('Profits at TimeWarner rose of the quarter.');
    expect(repairs.map((r) => r.from)).toEqual(['ofthe']);
  });

  it('keeps a spelling the corpus also writes with other capitals', () => {
    expect(repair(['A film with diCaprio ofthe year.'], ['Leonardo DiCaprio starred.']).paragraphs[0]).toBe(
      'A film with diCaprio of the year.',
    );
  });

  it('keeps two glued content words unless the document shows glue elsewhere', () => {
    expect(repair(['The firm published a roadmap for new routes.']).repairs).toEqual([]);
    const glued = repair(['It helps poorfamilies and supportdisadvantaged pupils ofthe region.']);
    expect(glued.paragraphs[0]).toBe('It helps poor families and support disadvantaged pupils of the region.');
  });

  it('splits two content words the corpus writes apart when the document has other glue', () => {
    const doc = ['Laws against sexualexploitation were discussed.', 'Most ofthe talks were online.', 'Online sexual exploitation is rising.'];
    expect(repair(doc).paragraphs[0]).toBe('Laws against sexual exploitation were discussed.');
  });

  it('leaves known words, names, misspellings and laughter alone', () => {
    const text = 'Hanoi, Martin and Benin; the onstart of winter; new reseach; hehe; iPod and eBay; a lineout.';
    expect(repair([text])).toEqual({ paragraphs: [text], repairs: [] });
  });

  it('leaves web and e-mail addresses alone', () => {
    const text = 'See quochoi.vn/newsroom ofthe week or write to press@nationalassembly.vn today.';
    expect(repair([text]).paragraphs[0]).toBe('See quochoi.vn/newsroom of the week or write to press@nationalassembly.vn today.');
  });
});
