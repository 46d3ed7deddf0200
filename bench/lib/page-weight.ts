/**
 * What a reader downloads for a page before any interaction, read from the
 * built HTML: the page, its stylesheets, its scripts with their static
 * imports and modulepreloads (dynamic `import()` and workers load on
 * interaction and are left out), and the images it loads eagerly, counted
 * apart. Pure functions over text; bench/weight.ts reads the files.
 */
import { parseHTML } from 'linkedom';

/** The viewport the eager images are chosen for: 1280 CSS px wide at DPR 1. */
export interface Viewport {
  width: number;
  dpr: number;
}

export const DESKTOP: Viewport = { width: 1280, dpr: 1 };
const ROOT_FONT_PX = 16;

export interface EagerImage {
  /** The candidate the viewport picks. */
  url: string;
  /** Every candidate of the chosen source, for the record. */
  candidates: string[];
}

export interface PageResources {
  stylesheets: string[];
  /** Script files in document order (classic and module). */
  scripts: string[];
  modulepreloads: string[];
  eagerImages: EagerImage[];
}

/** A CSS length in `sizes` (px, em, rem, vw) in CSS pixels; NaN when not understood. */
export function cssLength(value: string, viewportWidth: number): number {
  const m = /^\s*(\d+(?:\.\d+)?)(px|r?em|vw)\s*$/.exec(value);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'px' ? n : m[2] === 'vw' ? (n * viewportWidth) / 100 : n * ROOT_FONT_PX;
}

/** Whether a media condition of the form `(min-width: X)` / `(max-width: X)` (joined by `and`) holds. */
export function mediaMatches(condition: string, viewportWidth: number): boolean {
  const parts = condition.split(/\band\b/).map((p) => p.trim()).filter(Boolean);
  return parts.every((part) => {
    const m = /^\(\s*(min|max)-width\s*:\s*([^)]+)\)$/.exec(part);
    if (!m) return false;
    const limit = cssLength(m[2]!, viewportWidth);
    return m[1] === 'min' ? viewportWidth >= limit : viewportWidth <= limit;
  });
}

/** The slot width `sizes` gives at this viewport width (100vw when absent). */
export function slotWidth(sizes: string | null | undefined, viewportWidth: number): number {
  if (!sizes) return viewportWidth;
  for (const entry of sizes.split(',')) {
    const m = /^\s*(\(.*\))?\s*(\S+)\s*$/.exec(entry);
    if (!m) continue;
    if (!m[1] || mediaMatches(m[1], viewportWidth)) {
      const width = cssLength(m[2]!, viewportWidth);
      if (!Number.isNaN(width)) return width;
    }
  }
  return viewportWidth;
}

interface Candidate {
  url: string;
  /** Pixel density this candidate gives in the slot. */
  density: number;
}

function parseSrcset(srcset: string, slot: number): Candidate[] {
  return srcset
    .split(/,\s+/)
    .map((c) => c.trim().split(/\s+/))
    .filter((parts) => parts[0])
    .map(([url, descriptor = '1x']) => ({
      url: url!,
      density: descriptor.endsWith('w') ? parseFloat(descriptor) / slot : parseFloat(descriptor),
    }));
}

/**
 * The candidate a browser picks from `srcset` + `sizes`: the lowest density
 * that still covers the device pixel ratio, else the densest there is
 * (Chromium's rule, without its cache preferences).
 */
export function pickCandidate(srcset: string, sizes: string | null | undefined, viewport: Viewport): string | undefined {
  const candidates = parseSrcset(srcset, slotWidth(sizes, viewport.width)).sort((a, b) => a.density - b.density);
  return (candidates.find((c) => c.density >= viewport.dpr) ?? candidates[candidates.length - 1])?.url;
}

/** Image formats Chromium decodes, for `<source type>`. */
const SUPPORTED_TYPES = /^image\/(avif|webp|jpeg|png|gif|svg\+xml)$/;

function eagerImage(img: Element, viewport: Viewport): EagerImage | undefined {
  const picture = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : undefined;
  const source = picture
    ? [...picture.querySelectorAll('source')].find((s) => {
        const type = s.getAttribute('type');
        const media = s.getAttribute('media');
        return (!type || SUPPORTED_TYPES.test(type)) && (!media || mediaMatches(media, viewport.width));
      })
    : undefined;
  const chosen = source ?? img;
  const srcset = chosen.getAttribute('srcset');
  if (srcset) {
    const url = pickCandidate(srcset, chosen.getAttribute('sizes') ?? img.getAttribute('sizes'), viewport);
    const candidates = parseSrcset(srcset, 1).map((c) => c.url);
    return url ? { url, candidates } : undefined;
  }
  const src = img.getAttribute('src');
  return src ? { url: src, candidates: [src] } : undefined;
}

/** The resources a page's HTML asks for before any interaction. */
export function pageResources(html: string, viewport: Viewport = DESKTOP): PageResources {
  const { document } = parseHTML(html);
  const attr = (selector: string, name: string) =>
    [...document.querySelectorAll(selector)].map((e) => e.getAttribute(name)).filter((v): v is string => !!v);
  return {
    stylesheets: attr('link[rel~="stylesheet"]', 'href'),
    scripts: attr('script[src]', 'src'),
    modulepreloads: attr('link[rel~="modulepreload"]', 'href'),
    eagerImages: [...document.querySelectorAll('img')]
      .filter((img) => img.getAttribute('loading') !== 'lazy')
      .flatMap((img) => eagerImage(img as unknown as Element, viewport) ?? []),
  };
}

/**
 * Specifiers a module imports statically (`import … from "x"`, `import "x"`,
 * `export … from "x"`), in minified or plain code. Dynamic `import("x")` is
 * left out: it loads later, on the code's own terms.
 */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?(["'])([^"'\n]+)\1/g;
  for (const m of code.matchAll(re)) found.push(m[2]!);
  return [...new Set(found)];
}

/** Resolves a reference from a page or module URL path to a site URL path (`/a/b.js`); undefined for other origins. */
export function resolvePath(reference: string, from: string): string | undefined {
  const url = new URL(reference, new URL(from, 'http://site.invalid'));
  return url.origin === 'http://site.invalid' ? decodeURI(url.pathname) : undefined;
}
