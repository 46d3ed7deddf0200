/**
 * Incremental publish (README: "Publishing fast"): a build over the previous
 * site renders only the pages whose content changed, and leaves the site
 * folder exactly as a cold build of the same content would, file for file and
 * byte for byte. Nothing is left out of the comparison: no file of a build
 * is random (DISPATCH_NOW pins the build time).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroCli, buildSite, childProcessEnv, projectRoot, withBuildLock, type BuildResult } from '../../harness/build-site';
import { filesUnder } from '../../src/lib/build/sync-site';
import { loadBodyTexts } from '../../src/lib/content/body-texts';
import { differences, snapshot } from '../helpers/site-files';

const FIXTURE = join(projectRoot, 'tests/fixtures/site/articles');
const LIVE = join(projectRoot, 'tests/.tmp/sites/incremental-live');
const LIVE_CACHE = join(projectRoot, 'tests/.tmp/cache', basename(LIVE));
// Astro's own line per page, saying whether it was rendered or restored.
const PAGE_LOG = { DISPATCH_BUILD_LOG: 'pages' };

const SECTIONS = ['politics', 'business', 'environment', 'travel'];
const TAGS = ['Hà Nội', 'Climate', 'Transport', 'Budget', 'Tourism', 'Agriculture', 'Exports', 'Festivals'];
const SENTENCES = [
  'Officials said the work would go on through the rainy season.',
  'Residents gathered at the ward office to hear the plan read aloud.',
  'The provincial committee will publish its figures next month.',
  'Farmers along the river said prices had held steady since spring.',
  'A second meeting is planned for the week after the holiday.',
  'Traders at the night market said visitors had returned in numbers.',
];

/** A story of our own: section, tags and words drawn in turn, a day apart. */
function story(i: number, title = `Ward ${i} report: what changed this month`): string {
  const tags = [TAGS[i % TAGS.length], TAGS[(i * 3 + 1) % TAGS.length]];
  const body = [0, 1, 2].map((k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ');
  const date = new Date(Date.UTC(2025, 0, 5 + i * 9, 8)).toISOString().replace('.000Z', '+00:00');
  return `---\ntitle: ${JSON.stringify(title)}\nsummary: Notes from ward ${i}, in brief.\ndate: ${date}\nsection: ${SECTIONS[i % SECTIONS.length]}\ntags: [${tags.join(', ')}]\n---\n${body}\n\n${SENTENCES[(i + 3) % SENTENCES.length]}\n`;
}

/** Text without terminal colours (Astro colours its lines where CI is set). */
const uncoloured = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const plain = (build: BuildResult) => uncoloured(build.output);
/** The build's line saying what it rendered by kind of page, or its output's end when it has none (for the failure message). */
const renderedLine = (build: BuildResult) => plain(build).split('\n').find((line) => / keyed pages, restored /.test(line)) ?? `no "rendered … keyed pages" line in:\n${plain(build).slice(-4000)}`;

/** The files Astro rendered (not restored from its cache), from its line per page. */
function rendered(build: BuildResult): Set<string> {
  return new Set([...plain(build).matchAll(/[├└]─ (\S+) \((restored|cached|\+[^)]*)\)/g)].filter((m) => !/restored|cached/.test(m[2]!)).map((m) => m[1]!));
}

/** The search index's content-named files of a site folder, with their bytes and inode numbers. */
function searchFiles(dir: string): Map<string, { bytes: Buffer; ino: number }> {
  const folder = join(dir, 'search/f');
  return new Map(readdirSync(folder).map((name) => [name, { bytes: readFileSync(join(folder, name)), ino: statSync(join(folder, name)).ino }]));
}

/** The "See more" section of an article page, as built. */
const seeMore = (html: Buffer | undefined) => /<section[^>]*id="related"[\s\S]*?<\/section>/.exec(html?.toString() ?? '')?.[0] ?? '';

async function cold(content: string): Promise<BuildResult> {
  const build = await buildSite(content, { env: PAGE_LOG, log: true });
  expect(build.ok, build.output).toBe(true);
  return build;
}

async function incremental(content: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const build = await buildSite(content, { outDir: LIVE, env: { ...PAGE_LOG, ...env }, log: true });
  expect(build.ok, build.output).toBe(true);
  return build;
}

describe('incremental publish', () => {
  let content: string;
  let first: BuildResult;
  const compileCache = mkdtempSync(join(tmpdir(), 'dispatch-compile-cache-'));

  beforeAll(async () => {
    content = mkdtempSync(join(tmpdir(), 'dispatch-incremental-'));
    cpSync(FIXTURE, content, { recursive: true });
    for (let i = 1; i <= 24; i++) writeFileSync(join(content, `ward-${i}.md`), story(i));
    rmSync(LIVE, { recursive: true, force: true });
    rmSync(LIVE_CACHE, { recursive: true, force: true });
    first = await incremental(content);
  }, 600_000);

  afterAll(() => {
    rmSync(content, { recursive: true, force: true });
    rmSync(compileCache, { recursive: true, force: true });
  });

  it('says why the first build renders every page: there is no manifest yet', () => {
    expect(plain(first)).toMatch(/full build: no build manifest \(.*incremental-build\.json\)/);
    expect(plain(first)).toMatch(/rendered (\d+) of \1 keyed pages, restored 0/);
  });

  it('reuses the related lists and the search index when no story changed, and makes them again, to the same site, from damaged kept copies', async () => {
    const before = snapshot(LIVE);
    // A staging folder a stopped build left behind, besides the last build's.
    const leftover = join(LIVE_CACHE, 'site-staging-old-1');
    cpSync(join(LIVE_CACHE, 'site-staging'), leftover, { recursive: true });
    const staged = join(LIVE_CACHE, 'site-staging/index.html');
    const stagedPage = join(LIVE_CACHE, 'site-staging/articles/ward-3/index.html');
    const [front, page] = [statSync(staged), statSync(stagedPage)];
    const again = await incremental(content);
    // The last build's staging folder was kept: the page Astro skipped is the same file, untouched, and
    // the front page, rendered every build, was written over in place. The site holds copies of both,
    // never links (writing in place would change the live site); the stopped build's leftover went.
    expect(readdirSync(LIVE_CACHE).filter((n) => n.startsWith('site-staging-old'))).toEqual([]);
    expect(statSync(stagedPage)).toMatchObject({ ino: page.ino, mtimeMs: page.mtimeMs });
    expect(statSync(staged).ino).toBe(front.ino);
    expect(plain(again)).toMatch(/articles 0 of \d+/);
    expect(plain(again)).not.toMatch(/staging folder: /);
    expect(rendered(again)).not.toContain('/articles/ward-3/index.html');
    for (const path of ['index.html', 'articles/ward-3/index.html']) expect(statSync(join(LIVE, path)).ino).not.toBe(statSync(join(LIVE_CACHE, 'site-staging', path)).ino);
    expect(plain(again)).toMatch(/related lists: the same as the last build's, reused from the build cache/);
    expect(plain(again)).toMatch(/search index: the same as the last build's, reused from the build cache/);
    expect(snapshot(LIVE)).toEqual(before);
    // The kept related lists cut short, and the kept search index's files cut short behind its whole header.
    const related = join(LIVE_CACHE, 'steps/related-lists.json');
    writeFileSync(related, readFileSync(related, 'utf8').slice(0, 200));
    const search = join(LIVE_CACHE, 'steps/search-index.json');
    const kept = readFileSync(search);
    expect(kept.indexOf(0x0a)).toBeLessThan(kept.length - 100);
    writeFileSync(search, kept.subarray(0, kept.length - 100));
    // And the bodies kept beside the content store gone, with the store as an older build left it
    // (each text in its entry's frontmatter): rendered again, and the entries stored without them.
    const textsFile = join(LIVE_CACHE, 'body-texts.bin');
    // Read whole before the file goes (a kept body's text and HTML are read from it when asked for).
    const keptTexts = new Map([...loadBodyTexts(textsFile)].map(([id, body]) => [id, { ...body }]));
    rmSync(textsFile);
    const store = join(LIVE_CACHE, 'data-store.json');
    const values = JSON.parse(readFileSync(store, 'utf8')) as unknown[];
    const record = (v: unknown): v is Record<string, number> => typeof v === 'object' && v !== null && !Array.isArray(v);
    for (const entry of values.filter((v) => record(v) && 'rendered' in v && 'id' in v) as Record<string, number>[]) {
      const metadata = values[(values[entry.rendered!] as Record<string, number>).metadata!] as Record<string, number>;
      const text = keptTexts.get(values[entry.id!] as string)!.text;
      (values[metadata.frontmatter!] as Record<string, number>).bodyText = values.push(text) - 1;
    }
    writeFileSync(store, JSON.stringify(values));
    const mended = await incremental(content);
    expect(readFileSync(store, 'utf8')).not.toContain('"bodyText"');
    expect(loadBodyTexts(textsFile)).toEqual(keptTexts);
    expect(plain(mended)).not.toMatch(/related lists: the same/);
    expect(plain(mended)).not.toMatch(/search index: the same/);
    expect(snapshot(LIVE)).toEqual(before);
  }, 600_000);

  it('adds a story: renders its page and the pages that now show it, and the site equals a cold build', async () => {
    const before = snapshot(LIVE);
    // Filed into the newest month the site has, October 2025.
    writeFileSync(join(content, 'breaking.md'), story(40, 'Breaking: Hà Nội heat closes schools as records fall again').replace(/^date: .*$/m, 'date: 2025-10-30T08:00:00+00:00'));
    const next = await incremental(content);
    const reference = await cold(content);
    expect(differences(LIVE, reference.outDir)).toEqual([]);
    expect(rendered(next).size).toBeLessThan(rendered(reference).size);
    expect(rendered(next)).toContain('/articles/breaking/index.html');
    // The lists were begun while the content was read, from the stories the pages publish.
    expect(plain(next)).toMatch(/related lists: begun while the content was read, taken/);
    const after = snapshot(LIVE);
    const seeMoreChanged = [...after.keys()].filter((f) => /^articles\/[^/]+\/index\.html$/.test(f) && before.has(f) && seeMore(before.get(f)) !== seeMore(after.get(f)));
    expect(seeMoreChanged.length).toBeGreaterThan(0);
    for (const page of seeMoreChanged) expect(rendered(next)).toContain(`/${page}`);
    expect(renderedLine(next)).toMatch(/articles \d+ of \d+ \(1 new[,)]/);
    // The complete feed: this month's document only; the earlier months' are restored as they were.
    expect(renderedLine(next)).toMatch(/archive feeds 1 of \d+ \(1 changed\)/);
    expect([...rendered(next)].filter((path) => path.endsWith('/rss.xml') && path.startsWith('/archive/'))).toEqual(['/archive/rss.xml']);
    // September's page links to October by name only, so it is restored.
    expect(rendered(next)).toContain('/archive/2025/10/index.html');
    expect(rendered(next)).not.toContain('/archive/2025/09/index.html');
    expect(plain(next)).toMatch(/search index: updated from the last build's \(1 of \d+ stories touched\)/);
  }, 600_000);

  it("edits a story's body: renders its page, restores the pages whose cards did not change, and the site equals a cold build", async () => {
    const file = join(content, 'mekong-salinity.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA late paragraph: the salt line moved *two kilometres* further inland overnight.\n`);
    const before = snapshot(LIVE);
    const searchFilesBefore = searchFiles(LIVE);
    const next = await incremental(content, { NODE_COMPILE_CACHE: compileCache });
    // The search files the edit left as they were are the very files the last build made (the
    // staged file is the site's), not made again and found equal by the site folder's update.
    const searchFilesAfter = searchFiles(LIVE);
    const staged = searchFiles(join(LIVE_CACHE, 'site-staging'));
    const kept = [...searchFilesAfter].filter(([name, { bytes }]) => searchFilesBefore.get(name)?.bytes.equals(bytes));
    expect(kept.length).toBeGreaterThan(searchFilesAfter.size / 2);
    for (const [name, { ino }] of kept) expect(staged.get(name)?.ino, name).toBe(ino);
    const reference = await cold(content);
    expect(differences(LIVE, reference.outDir)).toEqual([]);
    expect(rendered(next)).toContain('/articles/mekong-salinity/index.html');
    expect(readFileSync(join(LIVE, 'articles/mekong-salinity/index.html'), 'utf8')).toContain('the salt line moved <em>two kilometres</em> further inland');
    expect(rendered(next).size).toBeLessThan(rendered(reference).size);
    // The body shows on its own page only: any other article page that changed got a new "See more".
    const after = snapshot(LIVE);
    const changed = [...after].filter(([f, bytes]) => /^articles\/.*\.html$/.test(f) && !before.get(f)?.equals(bytes)).map(([f]) => f);
    expect(changed).toContain('articles/mekong-salinity/index.html');
    for (const page of changed.filter((f) => !f.startsWith('articles/mekong-salinity/'))) expect(seeMore(after.get(page))).not.toBe(seeMore(before.get(page)));
    // The feeds carry no body: restored, not made again.
    expect(renderedLine(next)).toMatch(/archive feeds 0 of \d+[.;]/);
    expect(renderedLine(next)).toMatch(/section feeds 0 of \d+[.;]/);
    expect(plain(next)).toMatch(/search index: updated from the last build's \(1 of \d+ stories touched\)/);
  }, 600_000);

  it("reads again a story rewritten with its size and its time of modification kept, which a build otherwise takes as unchanged unread", async () => {
    const file = join(content, 'ward-5.md');
    // Written before the first build: the builds since took its digest by its look (src/lib/content/file-digests.ts).
    const digests = JSON.parse(readFileSync(join(LIVE_CACHE, 'file-digests.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(digests.files)).toContain(file);
    const text = readFileSync(file, 'utf8');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, text.replace('Notes from ward 5,', 'Notes from ward V,'));
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(Buffer.byteLength(text));
    try {
      await incremental(content);
      expect(readFileSync(join(LIVE, 'articles/ward-5/index.html'), 'utf8')).toContain('Notes from ward V,');
    } finally {
      writeFileSync(file, text);
    }
  }, 600_000);

  it('puts right a search file written into by hand in the site folder, which the build keeps for the next one', async () => {
    const [name, { bytes }] = [...searchFiles(LIVE)].find(([n]) => n.endsWith('.json'))!;
    const path = join(LIVE, 'search/f', name);
    // Written in place: the site's file and the kept staged one are one file. Its length is kept,
    // so only its modification time tells the build it is not the file it wrote.
    writeFileSync(path, ' '.repeat(bytes.length));
    await incremental(content);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(join(LIVE_CACHE, 'search-files-kept'))).toBe(false);
  }, 600_000);

  it('compares every compressed copy in a site folder the last build did not publish to, and puts right one replaced there', async () => {
    // The same build cache published into another folder: the copies there are not the ones the last sync left.
    const other = join(projectRoot, 'tests/.tmp/sites/incremental-other');
    rmSync(other, { recursive: true, force: true });
    const intoOther = async () => {
      const build = await buildSite(content, { outDir: other, env: { ...PAGE_LOG, DISPATCH_CACHE_DIR: LIVE_CACHE } });
      expect(build.ok, build.output).toBe(true);
    };
    await intoOther();
    // A copy of a search file: the file itself is the staged one in both folders, so only the folder tells.
    const copy = `search/f/${readdirSync(join(other, 'search/f')).find((name) => name.endsWith('.json.br'))}`;
    const bytes = readFileSync(join(other, copy));
    rmSync(join(other, copy));
    writeFileSync(join(other, copy), 'not the page in brotli');
    await incremental(content);
    await intoOther();
    expect(readFileSync(join(other, copy)).equals(bytes)).toBe(true);
    expect(differences(other, LIVE)).toEqual([]);
    rmSync(other, { recursive: true, force: true });
    // Published into the usual folder again, as the tests after this one expect.
    await incremental(content);
  }, 600_000);

  it('keeps each story in the content store without its Markdown, its text or its HTML, which are kept beside it', () => {
    // After the edit above: the edited story was stored afresh, the others kept from the first build.
    // Astro's store file: JSON, a flat list of values (devalue's format) with each entry an object among them.
    const values = JSON.parse(readFileSync(join(LIVE_CACHE, 'data-store.json'), 'utf8')) as unknown[];
    const strings = values.filter((v): v is string => typeof v === 'string');
    const entries = values.filter((v): v is object => typeof v === 'object' && v !== null && !Array.isArray(v) && 'rendered' in v);
    expect(entries.length).toBeGreaterThan(24);
    expect(entries.filter((e) => 'body' in e)).toEqual([]);
    for (const phrase of ['*two kilometres*', 'the salt line moved <em>two kilometres</em> further inland', 'the salt line moved two kilometres further inland']) {
      expect(strings.filter((t) => t.includes(phrase)), phrase).toEqual([]);
    }
    // Beside the store (src/lib/content/body-texts.ts): the text and the HTML of the edited body.
    const kept = loadBodyTexts(join(LIVE_CACHE, 'body-texts.bin')).get('mekong-salinity');
    expect(kept?.text).toContain('the salt line moved two kilometres further inland');
    expect(kept?.html).toContain('the salt line moved <em>two kilometres</em> further inland');
  });

  it("reads the content store from its file, never compiling the stories' text as code (which Node did afresh after every change)", () => {
    // The edit's build ran with Node's compile cache in a folder of its own: every module it compiled is there.
    const compiled = filesUnder(compileCache).map((f) => readFileSync(join(compileCache, f)));
    expect(compiled.length).toBeGreaterThan(0);
    const phrase = 'the salt line moved';
    // V8 keeps a string in one byte a character, or two when it holds any character past U+00FF.
    const stored = [Buffer.from(phrase, 'latin1'), Buffer.from(phrase, 'utf16le')];
    expect(compiled.filter((bytes) => stored.some((s) => bytes.includes(s)))).toEqual([]);
  });

  it("deletes a story: its page and card go, the pages that showed it are rendered again, and the site equals a cold build", async () => {
    unlinkSync(join(content, 'breaking.md'));
    const next = await incremental(content);
    const reference = await cold(content);
    expect(existsSync(join(LIVE, 'articles/breaking/index.html'))).toBe(false);
    // The staged page and card of the deleted story went before the other steps read the staged site.
    expect(existsSync(join(LIVE_CACHE, 'site-staging/articles/breaking'))).toBe(false);
    expect(plain(next)).toMatch(/staging folder: \d+ files this build no longer makes removed/);
    expect(differences(LIVE, reference.outDir)).toEqual([]);
    expect(rendered(next).size).toBeLessThan(rendered(reference).size);
    expect(plain(next)).toMatch(/articles \d+ of \d+ \([^)]*1 removed\)/);
    expect(plain(next)).toMatch(/search index: updated from the last build's \(1 of \d+ stories touched\)/);
  }, 600_000);

  it('reports a story edited into bad frontmatter by name, although the build before read it without a problem', async () => {
    const file = join(content, 'ward-3.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(/^section: .*$/m, 'section: [politics'));
    try {
      const failed = await buildSite(content, { outDir: LIVE, log: true });
      expect(failed.ok).toBe(false);
      expect(plain(failed)).toMatch(/ward-3\.md: frontmatter is not valid YAML/);
    } finally {
      writeFileSync(file, good);
    }
  }, 600_000);

  describe('faults', () => {
    let reference: BuildResult | undefined;

    it('leaves the previous site whole when a build is killed while it writes pages, and the next build equals a cold build', async () => {
      const before = snapshot(LIVE);
      writeFileSync(join(content, 'late-story.md'), story(41, 'Late story: the ferry timetable changes on Monday'));
      const killed = await withBuildLock(() => killDuringPages(content));
      expect(killed).toMatch(/[├└]─ /);
      const after = snapshot(LIVE);
      expect([...after.keys()]).toEqual([...before.keys()]);
      expect([...after].filter(([f, bytes]) => !before.get(f)!.equals(bytes)).map(([f]) => f)).toEqual([]);

      const next = await incremental(content);
      expect(plain(next)).toMatch(/the build started \S+ did not finish; .*incremental-live\/? was left as it was/);
      reference = await cold(content);
      expect(differences(LIVE, reference.outDir)).toEqual([]);
    }, 600_000);

    it('builds everything again when the manifest is corrupt, with one line saying why', async () => {
      writeFileSync(join(LIVE_CACHE, 'incremental-build.json'), '{"version": 1, "routes": {');
      const next = await incremental(content);
      const why = plain(next).split('\n').filter((l) => /full build:/.test(l));
      expect(why).toHaveLength(1);
      expect(why[0]).toMatch(/full build: the build manifest .*incremental-build\.json is unreadable \(.+\)/);
      expect(plain(next)).toMatch(/rendered (\d+) of \1 keyed pages, restored 0/);
      reference ??= await cold(content);
      expect(differences(LIVE, reference.outDir)).toEqual([]);
    }, 600_000);
  });
});

/** Starts a build of the live site and kills it (SIGKILL) once it has written its first page; resolves with its output. */
function killDuringPages(content: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [astroCli, 'build', '--outDir', LIVE], {
      cwd: projectRoot,
      env: {
        ...childProcessEnv(), ...PAGE_LOG, DISPATCH_CACHE_DIR: LIVE_CACHE, CONTENT_DIR: content,
        DISPATCH_NOW: '2026-01-01T00:00:00Z', NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const read = (data: Buffer) => {
      output += data.toString();
      if (/[├└]─ \S+ \(/.test(uncoloured(output))) child.kill('SIGKILL');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', fail);
    child.on('close', () => done(uncoloured(output)));
  });
}
