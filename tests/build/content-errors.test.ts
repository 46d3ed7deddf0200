import { describe, expect, it } from 'vitest';
import { buildSite } from '../../harness/build-site';
import { article, contentFolder } from '../helpers/content-folder';

/** Astro prints a thrown error's stack under its message; an editor's problem lines need none. */
const expectNoStackTrace = (output: string) => expect(output).not.toMatch(/Stack trace:|Location:|^\s+at /m);

describe('bad frontmatter stops the build with the file and field named', () => {
  it('reports every problem in one run, one line each, with no stack trace', async () => {
    const dir = contentFolder({
      'articles/no-title.md': article({ title: null }),
      'articles/bad-date.md': article({ date: '18/05/2025' }),
      'articles/bad-section.md': article({ section: 'gossip' }),
      'articles/typo.md': article({ tittle: 'Oops' }),
      'articles/no-image/index.md': article({ image: '\n  src: ./missing.jpg\n  alt: A photo' }),
      'articles/one/same-name.md': article(),
      'articles/two/same-name.md': article(),
      'articles/fine.md': article(),
    });
    const result = await buildSite(dir);
    expect(result.ok).toBe(false);
    const lines = result.output.split('\n').map((l) => l.trim());
    const expectLine = (start: string, rest: RegExp) =>
      expect(lines.some((l) => l.startsWith(`${dir}/${start}`) && rest.test(l)), `${start} ${rest}`).toBe(true);
    expectLine('articles/no-title.md: title:', /is required/);
    expectLine('articles/bad-date.md: date:', /"18\/05\/2025" is not a date and time/);
    expectLine('articles/bad-section.md: section:', /unknown section "gossip"; known sections: news, politics/);
    expectLine('articles/typo.md: tittle:', /unknown field/);
    expectLine('articles/no-image/index.md: image.src:', /\.\/missing\.jpg does not exist/);
    expectLine('articles/two/same-name.md:', new RegExp(`same article id "same-name" as ${dir}/articles/one/same-name.md`));
    expect(lines.filter((l) => l.startsWith(`${dir}/articles/fine.md`))).toEqual([]);
    expect(result.output).toMatch(/6 content problems stopped the build/);
    expectNoStackTrace(result.output);
  });

  it('reports a pinned related story that does not exist, with no stack trace', async () => {
    const dir = contentFolder({
      'articles/pinning.md': article({ related: '[no-such-story]' }),
    });
    const result = await buildSite(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(`${dir}/articles/pinning.md: related: "no-such-story" is not the id of any article`);
    expectNoStackTrace(result.output);
  });
});
