import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BODY_CODE, bodyTextOf, fieldsBut, KeptBodies, loadBodyTexts, shareBodyTexts, textDigest, type BodyText } from '../../src/lib/content/body-texts';
import { tempFile } from '../helpers/temp-file';

const file = () => tempFile('body-texts.bin');

/** A body as kept: with the digests of its HTML and text, which the build's keys take. */
const asKept = (body: Omit<BodyText, 'htmlDigest' | 'textDigest'>): BodyText => ({ ...body, htmlDigest: textDigest(body.html), textDigest: textDigest(body.text) });

const texts = new Map<string, BodyText>([
  ['hoi-an-lanterns', asKept({ digest: 'a1', text: 'Hội An lights its lanterns.\nThe “full moon” festival returned.', words: 9, html: '<p>Hội An lights its lanterns.</p>\n<p>The “full moon” festival returned.</p>' })],
  ['empty-ish', asKept({ digest: 'b2', text: '', words: 0, html: '' })],
  ['da-nang-metro', asKept({ digest: 'c3', text: 'Đà Nẵng approves its first metro line — 14 km.', words: 9, html: '<p>Đà Nẵng approves its first metro line — 14&nbsp;km.</p>' })],
]);

/** A kept file holding `bodies`, written by one build. */
function keptFile(bodies: ReadonlyMap<string, BodyText> = texts): string {
  const path = file();
  const kept = new KeptBodies(path);
  for (const [id, body] of bodies) kept.set(id, body);
  kept.save();
  return path;
}

describe('bodies (text and HTML) kept beside the content store', () => {
  it('come back as they were kept, accents, quotes and empty texts alike', () => {
    expect(loadBodyTexts(keptFile())).toEqual(texts);
  });

  it('say where each text is in the file, written whole or appended to', () => {
    const path = keptFile();
    const textIn = (kept: KeptBodies, id: string) => {
      const [start, bytes] = kept.textAt(id, kept.bodies.get(id)!.textDigest)!;
      return readFileSync(path).toString('utf8', start, start + bytes);
    };
    const kept = new KeptBodies(path);
    for (const [id, body] of texts) expect(textIn(kept, id)).toBe(body.text);
    kept.set('da-nang-metro', asKept({ digest: 'c4', text: 'Đà Nẵng opens its metro.', words: 5, html: '<p>Đà Nẵng opens its metro.</p>' }));
    expect(kept.textAt('da-nang-metro', textDigest('Đà Nẵng opens its metro.'))).toBeUndefined();
    kept.save();
    expect(textIn(kept, 'da-nang-metro')).toBe('Đà Nẵng opens its metro.');
    expect(textIn(kept, 'hoi-an-lanterns')).toBe(texts.get('hoi-an-lanterns')!.text);
    expect(textIn(new KeptBodies(path), 'da-nang-metro')).toBe('Đà Nẵng opens its metro.');
  });

  it('take an edit and a deletion as records added to the file, not the whole file written again', () => {
    const path = keptFile();
    const size = statSync(path).size;
    const kept = new KeptBodies(path);
    const edited = asKept({ digest: 'a2', text: 'Hội An dims its lanterns.', words: 5, html: '<p>Hội An dims its lanterns.</p>' });
    kept.set('hoi-an-lanterns', edited);
    kept.delete('empty-ish');
    kept.save();
    expect(readFileSync(path).subarray(0, size).equals(readFileSync(keptFile()).subarray(0, size))).toBe(true);
    expect(loadBodyTexts(path)).toEqual(new Map([['hoi-an-lanterns', edited], ['da-nang-metro', texts.get('da-nang-metro')]]));
  });

  it('are written afresh once the file holds more than twice as many records as stories', () => {
    const path = keptFile();
    const fresh = statSync(path).size;
    const sizes: number[] = [];
    for (let i = 0; i < 110; i++) {
      const kept = new KeptBodies(path);
      kept.set('empty-ish', { digest: `e${String(i).padStart(3, '0')}`, text: '', words: 0, html: '' });
      kept.save();
      sizes.push(statSync(path).size);
    }
    const record = sizes[1]! - sizes[0]!;
    // Appended while at most 2 × 3 + 100 records: 103 edits, then written afresh with the 3 stories, then 6 more.
    expect(sizes[102]).toBe(fresh + 103 * record);
    expect(sizes[103]).toBeLessThan(fresh + record);
    expect(sizes[109]).toBe(sizes[103]! + 6 * record);
    expect(loadBodyTexts(path).get('empty-ish')?.digest).toBe('e109');
  });

  it('keep the records before one cut short at the end, and write the file afresh on the next save', () => {
    const path = keptFile();
    const whole = readFileSync(path);
    appendFileSync(path, Buffer.from([40, 0, 0, 0, 0x5b]));
    expect(loadBodyTexts(path)).toEqual(texts);
    const kept = new KeptBodies(path);
    kept.save();
    expect(readFileSync(path).equals(whole)).toBe(true);
    // Each body's text and HTML were read from the old file to write the new one, and are kept.
    expect(kept.bodies).toEqual(texts);
  });

  it("read a body's text and HTML from the file only when asked for, each checked against its digest", () => {
    const path = keptFile();
    const kept = new KeptBodies(path);
    // A byte of one text changed in place after the file was read: that text fails, naming the story; the rest hold.
    const data = readFileSync(path);
    data[data.indexOf('lights its lanterns')] = 'L'.charCodeAt(0);
    writeFileSync(path, data);
    expect(() => kept.bodies.get('hoi-an-lanterns')!.text).toThrow(/^hoi-an-lanterns: its body's text in .* is not the one kept/);
    expect(kept.bodies.get('hoi-an-lanterns')!.html).toBe(texts.get('hoi-an-lanterns')!.html);
    expect(kept.bodies.get('da-nang-metro')).toEqual(texts.get('da-nang-metro'));
  });

  it('leave out the fields named without reading them', () => {
    const story = Object.defineProperty<{ id: string; textDigest: string; text?: string }>({ id: 'a', textDigest: 'd' }, 'text', { enumerable: true, get: () => expect.unreachable('the text was read') });
    expect(fieldsBut(story, 'text')).toEqual({ id: 'a', textDigest: 'd' });
    expect(fieldsBut(story, 'text', 'textDigest')).toEqual({ id: 'a' });
  });

  it('are none when the file is missing, damaged, or of the layout without HTML', () => {
    const path = file();
    expect(loadBodyTexts(path).size).toBe(0);
    // The layout before the HTML was kept here: one header for all stories (id, digest, words, text bytes), then the texts.
    const text = Buffer.from('Hội An lights its lanterns.');
    const header = Buffer.from(JSON.stringify([['hoi-an-lanterns', 'a1', 5, text.length]]));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    writeFileSync(path, Buffer.concat([length, header, text]));
    expect(loadBodyTexts(path).size).toBe(0);
    const whole = readFileSync(keptFile());
    writeFileSync(path, Buffer.concat([whole.subarray(0, 4), Buffer.from('{not json'), whole.subarray(13)]));
    expect(loadBodyTexts(path).size).toBe(0);
  });

  it('are none when other code rendered them, so a change to the Markdown steps reaches every story', () => {
    const path = file();
    const kept = new KeptBodies(path, 'markdown-steps-1');
    for (const [id, body] of texts) kept.set(id, body);
    kept.save();
    expect(new KeptBodies(path, 'markdown-steps-1').bodies).toEqual(texts);
    const changed = new KeptBodies(path, 'markdown-steps-2');
    expect(changed.bodies.size).toBe(0);
    changed.set('da-nang-metro', texts.get('da-nang-metro')!);
    changed.save();
    expect(new KeptBodies(path, 'markdown-steps-2').bodies).toEqual(new Map([['da-nang-metro', texts.get('da-nang-metro')]]));
    expect(new KeptBodies(path, 'markdown-steps-1').bodies.size).toBe(0);
  });

  it('are none when the content checks changed, so a new content rule reaches the stories already published', () => {
    // A story whose body is kept is not read again; a rule added to these files reached only the stories edited after it.
    for (const file of ['src/lib/content/article-file.ts', 'src/lib/content/article-schema.ts', 'src/lib/content/image-file.ts', 'src/lib/content/article-loader.ts']) {
      expect(BODY_CODE.some((dir) => file.startsWith(`${dir}/`)), file).toBe(true);
    }
  });

  it("give a page a story's body only for the file it was rendered from", () => {
    shareBodyTexts(texts);
    expect(bodyTextOf('hoi-an-lanterns', 'a1')?.words).toBe(9);
    expect(bodyTextOf('hoi-an-lanterns', 'edited')).toBeUndefined();
    expect(bodyTextOf('unknown', 'a1')).toBeUndefined();
  });
});
