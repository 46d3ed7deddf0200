import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyTextOf, loadBodyTexts, saveBodyTexts, shareBodyTexts, type BodyText } from '../../src/lib/content/body-texts';
import { tempFile } from '../helpers/temp-file';

const file = () => tempFile('body-texts.bin');

const texts = new Map<string, BodyText>([
  ['hoi-an-lanterns', { digest: 'a1', text: 'Hội An lights its lanterns.\nThe “full moon” festival returned.', words: 9 }],
  ['empty-ish', { digest: 'b2', text: '', words: 0 }],
  ['da-nang-metro', { digest: 'c3', text: 'Đà Nẵng approves its first metro line — 14 km.', words: 9 }],
]);

describe('body texts kept beside the content store', () => {
  it('come back as they were kept, accents, quotes and empty texts alike', () => {
    const path = file();
    saveBodyTexts(path, texts);
    expect(loadBodyTexts(path)).toEqual(texts);
  });

  it('are none when the file is missing, cut short or has bytes to spare', () => {
    const path = file();
    expect(loadBodyTexts(path).size).toBe(0);
    saveBodyTexts(path, texts);
    const whole = readFileSync(path);
    for (const damaged of [whole.subarray(0, whole.length - 3), Buffer.concat([whole, Buffer.from('x')]), Buffer.from('no')]) {
      writeFileSync(path, damaged);
      expect(loadBodyTexts(path).size).toBe(0);
    }
  });

  it('give a page a story\'s text only for the file it was made from', () => {
    shareBodyTexts(texts);
    expect(bodyTextOf('hoi-an-lanterns', 'a1')?.words).toBe(9);
    expect(bodyTextOf('hoi-an-lanterns', 'edited')).toBeUndefined();
    expect(bodyTextOf('unknown', 'a1')).toBeUndefined();
  });
});
