/**
 * Muted flat-illustration palettes, one per light or mood. Each article's
 * palette is turned a few degrees round the colour wheel by a hash of its
 * slug, so two pictures with the same mood still differ.
 */
import type { Palette } from './shapes';

export const palettes = {
  morning: {
    skyTop: '#9cc7dd', skyBottom: '#f2e6c9', sun: '#f7cf7a', far: '#a9c3a6', mid: '#7aa27a', near: '#3f6a4e',
    water: '#86aebb', ground: '#c8b085', accent: '#d2674c', accent2: '#eeb94f', ink: '#26343a', light: '#fbf7ec',
  },
  noon: {
    skyTop: '#6fa8cf', skyBottom: '#d5e8ee', sun: '#fbe3a0', far: '#9dbfb0', mid: '#6d9a78', near: '#355f4a',
    water: '#4f8ea8', ground: '#dcc79a', accent: '#cf5a42', accent2: '#f0bd55', ink: '#1f2e38', light: '#fafaf4',
  },
  dusk: {
    skyTop: '#3d4a6d', skyBottom: '#eea777', sun: '#f8d490', far: '#7b6f8e', mid: '#58557a', near: '#2f2f49',
    water: '#6a7a9c', ground: '#8d6e5b', accent: '#e2704f', accent2: '#f2c25c', ink: '#1c1e31', light: '#fde9cf',
  },
  night: {
    skyTop: '#101b34', skyBottom: '#2d3f68', sun: '#f3e5b3', far: '#2b3658', mid: '#222d4b', near: '#151d35',
    water: '#1e3258', ground: '#54423b', accent: '#e9813f', accent2: '#f3c559', ink: '#0a1022', light: '#ffe7b0',
  },
  overcast: {
    skyTop: '#78868f', skyBottom: '#b7c0c2', sun: '#e0e4e2', far: '#8fa39a', mid: '#63807a', near: '#3d5a54',
    water: '#6d878b', ground: '#8f8775', accent: '#bf6448', accent2: '#d7b05b', ink: '#27323a', light: '#eef0ee',
  },
  heat: {
    skyTop: '#ec9a55', skyBottom: '#f7d9a0', sun: '#fff0c6', far: '#d49a6c', mid: '#b5724f', near: '#7a4a3a',
    water: '#c68d6a', ground: '#d6ad78', accent: '#bf452f', accent2: '#f4c25c', ink: '#4a2a22', light: '#fff5e0',
  },
  haze: {
    skyTop: '#aeaca4', skyBottom: '#d8d3c6', sun: '#f0e8d2', far: '#a5a29a', mid: '#8a8781', near: '#696763',
    water: '#97a0a1', ground: '#a39b8a', accent: '#b2654e', accent2: '#c8a65d', ink: '#3b3936', light: '#f2efe7',
  },
  tech: {
    skyTop: '#13233b', skyBottom: '#1e3a5b', sun: '#5ecfc3', far: '#23466a', mid: '#2d5a84', near: '#3b74a4',
    water: '#1a3150', ground: '#0f1c30', accent: '#5ecfc3', accent2: '#f1b64b', ink: '#0a1424', light: '#d8f3ee',
  },
  stage: {
    skyTop: '#3a1521', skyBottom: '#5c1f2d', sun: '#f7d48c', far: '#7c2434', mid: '#9b3142', near: '#2a1018',
    water: '#4a1a24', ground: '#6d4126', accent: '#dfa23c', accent2: '#e6c27a', ink: '#1a080e', light: '#fff2d6',
  },
} satisfies Record<string, Palette>;

export type PaletteName = keyof typeof palettes;

function rotateHue(hex: string, degrees: number): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b), min = Math.min(r, g, b), l = (max + min) / 2, d = max - min;
  if (d === 0) return hex;
  const s = d / (1 - Math.abs(2 * l - 1));
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h = (h * 60 + degrees + 360) % 360;
  const chroma = s * (1 - Math.abs(2 * l - 1)), x = chroma * (1 - Math.abs(((h / 60) % 2) - 1)), m = l - chroma / 2;
  const [r1, g1, b1] = h < 60 ? [chroma, x, 0] : h < 120 ? [x, chroma, 0] : h < 180 ? [0, chroma, x] : h < 240 ? [0, x, chroma] : h < 300 ? [x, 0, chroma] : [chroma, 0, x];
  return '#' + [r1, g1, b1].map((v) => Math.round((v + m) * 255).toString(16).padStart(2, '0')).join('');
}

/** The named palette, turned by up to ±9 degrees according to `seed` (0..1). */
export function paletteFor(name: PaletteName, seed: number): Palette {
  const turn = (seed - 0.5) * 18;
  const base: Palette = palettes[name];
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, rotateHue(v, turn)])) as unknown as Palette;
}
