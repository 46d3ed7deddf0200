import { describe, expect, it } from 'vitest';
import { DESKTOP, mediaMatches, pageResources, pickCandidate, resolvePath, slotWidth, staticImports } from '../../bench/lib/page-weight';

describe('slotWidth', () => {
  it('takes the first entry whose media condition holds, with rem as 16 px', () => {
    const sizes = '(min-width: 60rem) 22rem, (min-width: 40rem) 12rem, 100vw';
    expect(slotWidth(sizes, 1280)).toBe(352);
    expect(slotWidth(sizes, 700)).toBe(192);
    expect(slotWidth(sizes, 375)).toBe(375);
  });

  it('is the viewport width when there is no sizes attribute', () => {
    expect(slotWidth(undefined, 1280)).toBe(1280);
  });

  it('understands max-width and conditions joined by "and"', () => {
    expect(mediaMatches('(max-width: 600px)', 375)).toBe(true);
    expect(mediaMatches('(min-width: 300px) and (max-width: 600px)', 700)).toBe(false);
  });
});

describe('pickCandidate', () => {
  const srcset = '/a-320.avif 320w, /a-640.avif 640w, /a-960.avif 960w';

  it('picks the smallest candidate that covers the slot at the device pixel ratio', () => {
    expect(pickCandidate(srcset, '(min-width: 60rem) 22rem, 100vw', DESKTOP)).toBe('/a-640.avif');
    expect(pickCandidate(srcset, '(min-width: 60rem) 28rem, 100vw', { width: 1280, dpr: 2 })).toBe('/a-960.avif');
  });

  it('falls back to the largest candidate when none is large enough', () => {
    expect(pickCandidate(srcset, '100vw', DESKTOP)).toBe('/a-960.avif');
  });

  it('reads density descriptors too', () => {
    expect(pickCandidate('/x-1.png 1x, /x-2.png 2x', undefined, { width: 400, dpr: 2 })).toBe('/x-2.png');
  });
});

describe('pageResources', () => {
  const html = `<!doctype html><html><head>
    <script src="/theme-init.js"></script>
    <link rel="stylesheet" href="/_astro/site.css">
    <link rel="modulepreload" href="/_astro/chunk.js">
    <link rel="icon" href="/favicon.svg">
  </head><body>
    <picture>
      <source type="image/avif" srcset="/_astro/lead-320.avif 320w, /_astro/lead-640.avif 640w" sizes="(min-width: 60rem) 28rem, 100vw">
      <source type="image/webp" srcset="/_astro/lead-320.webp 320w, /_astro/lead-640.webp 640w" sizes="(min-width: 60rem) 28rem, 100vw">
      <img src="/_astro/lead.jpg" alt="" loading="eager" fetchpriority="high" width="960" height="540">
    </picture>
    <picture>
      <source type="image/avif" srcset="/_astro/teaser-320.avif 320w">
      <img src="/_astro/teaser.jpg" alt="" loading="lazy">
    </picture>
    <img src="/logo.svg" alt="Dispatch">
    <script type="module" src="/_astro/page.js"></script>
  </body></html>`;
  const resources = pageResources(html);

  it('lists stylesheets, scripts and modulepreloads, but not icons', () => {
    expect(resources.stylesheets).toEqual(['/_astro/site.css']);
    expect(resources.scripts).toEqual(['/theme-init.js', '/_astro/page.js']);
    expect(resources.modulepreloads).toEqual(['/_astro/chunk.js']);
  });

  it('counts only eager images, taking the first source the browser supports and the candidate the viewport picks', () => {
    expect(resources.eagerImages.map((i) => i.url)).toEqual(['/_astro/lead-640.avif', '/logo.svg']);
    expect(resources.eagerImages[0]!.candidates).toEqual(['/_astro/lead-320.avif', '/_astro/lead-640.avif']);
  });
});

describe('staticImports', () => {
  it('finds static imports and re-exports in minified code', () => {
    const code = 'import{a as b}from"./chunk.A1.js";import"./side.js";export{c}from"./c.js";const x=1;';
    expect(staticImports(code)).toEqual(['./chunk.A1.js', './side.js', './c.js']);
  });

  it('finds them in formatted code across lines', () => {
    const code = `import {\n  one,\n  two,\n} from './one.js';\nimport * as all from "./all.js";\n`;
    expect(staticImports(code)).toEqual(['./one.js', './all.js']);
  });

  it('leaves out dynamic imports and workers, which load on interaction', () => {
    const code = 'const m=()=>import("./index.js");new Worker(new URL("./worker.js",import.meta.url));import("./lazy.js")';
    expect(staticImports(code)).toEqual([]);
  });
});

describe('resolvePath', () => {
  it('resolves references against the page or module that makes them', () => {
    expect(resolvePath('./chunk.js', '/_astro/page.js')).toBe('/_astro/chunk.js');
    expect(resolvePath('/theme-init.js', '/articles/x/')).toBe('/theme-init.js');
  });

  it('leaves out other origins', () => {
    expect(resolvePath('https://cdn.example/x.js', '/')).toBeUndefined();
  });
});
