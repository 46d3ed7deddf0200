/**
 * Draws the hero image of every sample article in content/articles/ as a flat
 * SVG illustration and writes it beside the article as a 1600×900 hero.jpg.
 *
 *   npx tsx scripts/draw-hero-images.ts            # every article in the table
 *   npx tsx scripts/draw-hero-images.ts slug ...   # only these
 *
 * The scene table below is the only place that says what each picture shows:
 * keep an article's `image.alt` in step with its row. Shapes are placed with a
 * random generator seeded from the slug, so every run draws the same pictures.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { paletteFor, type PaletteName } from './hero-art/palettes';
import {
  H, W, apartments, beach, boats, bridge, building, circuit, citadelGate, clouds, coastRoad, crane, dryGround, emblem,
  fields, fireworks, flowers, ground, haze, hills, houses, lanterns, market, moonAndStars, mountains, palms, plane,
  pylons, railViaduct, rain, river, shophouses, skyline, sky, sluice, solarPanels, stage, sun, treeline, trees,
  water, waveform, type Canvas, type Layer,
} from './hero-art/shapes';

export interface Scene {
  palette: PaletteName;
  layers: Layer[];
  /** y of the horizon; 560 unless the scene needs more sky or more ground. */
  horizon?: number;
}

export const scenes: Record<string, Scene> = {
  // Mekong Delta
  'salinity-reaches-ben-tre-early': { palette: 'noon', layers: [sky, sun(), clouds(2), treeline, river, palms(3, { from: 900 }), boats(2)] },
  'ben-tre-rainwater-tanks': { palette: 'overcast', layers: [sky, clouds(6, 'dark'), treeline, ground(), houses(5, { jars: true }), rain()] },
  'shrimp-rice-rotation-soc-trang': { palette: 'morning', layers: [sky, sun(), clouds(2), treeline, fields, palms(2, { from: 1150, y: 880 })], horizon: 480 },
  'mekong-rice-exports-first-half': { palette: 'morning', layers: [sky, sun(), clouds(3), treeline, river, boats(3, 'cargo')] },
  'vinh-long-sluice-gates': { palette: 'noon', layers: [sky, clouds(3), treeline, river, sluice] },
  'sa-dec-flower-village-tet': { palette: 'morning', layers: [sky, sun(), treeline, ground(), flowers('warm'), houses(3)], horizon: 470 },
  'can-tho-floating-market-mornings': { palette: 'morning', layers: [sky, sun({ x: 300 }), treeline, river, boats(5, 'fruit'), palms(2, { from: 1100 })] },
  'ngo-boat-races-soc-trang': { palette: 'noon', layers: [sky, clouds(3), treeline, river, boats(3, 'race')] },
  // Đà Nẵng and the central coast
  'da-nang-airport-new-routes': { palette: 'noon', layers: [sky, clouds(3), mountains({ top: 360 }), water, plane], horizon: 600 },
  'da-nang-fireworks-festival': { palette: 'night', layers: [sky, fireworks(6), skyline({ lit: true, base: 600 }), water, bridge({ y: 650 })], horizon: 600 },
  'da-nang-lifeguards-my-khe': { palette: 'noon', layers: [sky, sun(), clouds(2), mountains({ top: 380 }), water, beach({ umbrellas: 9, lifeguardTower: true })], horizon: 520 },
  'da-nang-light-rail-study': { palette: 'morning', layers: [sky, clouds(2), skyline(), ground({ y: 600, tone: 'earth' }), railViaduct, trees(7, { y: 900, size: 55 })] },
  'son-tra-peninsula-visitor-limits': { palette: 'morning', layers: [sky, clouds(3), mountains({ top: 300 }), water], horizon: 640 },
  'da-nang-marathon-coast-road': { palette: 'dusk', layers: [sky, sun({ x: 1250, y: 560, r: 90 }), water, coastRoad, palms(3, { from: 0, to: 330, y: 900 })], horizon: 560 },
  'hoi-an-mid-autumn-lanterns': { palette: 'night', layers: [sky, moonAndStars, treeline, water, boats(3), lanterns(2)], horizon: 520 },
  'central-coast-autumn-rain': { palette: 'overcast', layers: [sky, clouds(6, 'dark'), mountains({ top: 340 }), river, boats(2), rain()] },
  'hue-citadel-night-tours': { palette: 'night', layers: [sky, moonAndStars, citadelGate, lanterns(1)] },
  // National Assembly and law-making
  'na-autumn-session-opens': { palette: 'noon', layers: [sky, clouds(2), trees(7, { y: 700 }), building('hall')] },
  'na-child-online-protection-debate': { palette: 'tech', layers: [sky, circuit, emblem('shield')] },
  'na-social-housing-rules': { palette: 'morning', layers: [sky, sun(), clouds(2), ground(), apartments, trees(7, { y: 900, size: 60 })] },
  'schools-online-safety-lessons': { palette: 'noon', layers: [sky, clouds(3), trees(6, { y: 700 }), building('school')] },
  'personal-data-rules-draft': { palette: 'tech', layers: [sky, circuit, emblem('padlock')] },
  // Digital economy and technology
  'hcmc-startup-funding-half-year': { palette: 'dusk', layers: [sky, sun({ x: 420, y: 470 }), skyline({ tower: true, base: 620 }), water], horizon: 620 },
  'hanoi-market-qr-payments': { palette: 'morning', layers: [sky, market({ qr: true })] },
  'dak-lak-coffee-online-sales': { palette: 'morning', layers: [sky, sun(), clouds(2), hills({ rows: true })], horizon: 470 },
  'da-nang-chip-design-training': { palette: 'tech', layers: [sky, circuit, emblem('chip')] },
  'vietnamese-speech-dataset': { palette: 'tech', layers: [sky, waveform] },
  'can-tho-hospital-electronic-records': { palette: 'noon', layers: [sky, clouds(3), trees(6, { y: 700 }), building('hospital')] },
  // Heat, climate and air
  'hanoi-heatwave-june': { palette: 'heat', layers: [sky, sun({ x: 800, y: 230, r: 110, blazing: true }), skyline({ base: 700 }), ground({ y: 700, tone: 'earth' }), haze(0.3)], horizon: 700 },
  'electricity-demand-record': { palette: 'noon', layers: [sky, sun({ blazing: true }), pylons, solarPanels] },
  'hcmc-outdoor-workers-heat': { palette: 'heat', layers: [sky, sun({ x: 300, y: 200, blazing: true }), skyline({ base: 720 }), crane, haze(0.2)] },
  'dak-lak-drought-coffee': { palette: 'heat', layers: [sky, sun({ blazing: true }), hills({ rows: true }), dryGround], horizon: 470 },
  'hcmc-shade-trees': { palette: 'noon', layers: [sky, sun(), skyline({ base: 640 }), ground({ y: 640, tone: 'earth' }), trees(6, { y: 880, size: 95 })], horizon: 560 },
  'hanoi-winter-air-quality': { palette: 'haze', layers: [sky, sun({ r: 50 }), skyline({ base: 680 }), ground({ y: 680 }), haze(0.6)], horizon: 600 },
  // Culture and travel
  'cai-luong-theatre-revival': { palette: 'stage', layers: [stage] },
  'ha-giang-buckwheat-season': { palette: 'morning', layers: [sky, clouds(3), mountains(), flowers('pink')] },
  'hanoi-old-quarter-walking-streets': { palette: 'dusk', layers: [sky, shophouses, lanterns(1)] },
  // Public health
  'dengue-cases-rise-south': { palette: 'overcast', layers: [sky, clouds(6, 'dark'), ground(), houses(6), rain(300)] },
};

/** FNV-1a hash of the slug feeding a mulberry32 generator: same slug, same picture. */
function seededRandom(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), h | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The SVG source of one article's picture. */
export function drawScene(slug: string, scene: Scene): string {
  const rand = seededRandom(slug);
  let ids = 0;
  const canvas: Canvas = { p: paletteFor(scene.palette, rand()), rand, horizon: scene.horizon ?? 560, uid: (name) => `${name}${ids++}` };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${scene.layers.map((layer) => layer(canvas)).join('')}</svg>`;
}

export const articlesDir = fileURLToPath(new URL('../content/articles/', import.meta.url));

async function main(only: string[]): Promise<void> {
  const folders = readdirSync(articlesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const problems = [
    ...Object.keys(scenes).filter((slug) => !folders.includes(slug)).map((slug) => `${slug}: in the scene table but there is no content/articles/${slug}/`),
    ...folders
      .filter((slug) => /^image:/m.test(readFileSync(join(articlesDir, slug, 'index.md'), 'utf8')) && !scenes[slug])
      .map((slug) => `${slug}: the article has an image but no row in the scene table`),
    ...only.filter((slug) => !scenes[slug]).map((slug) => `${slug}: no such scene`),
  ];
  if (problems.length > 0) throw new Error(problems.join('\n'));

  for (const [slug, scene] of Object.entries(scenes)) {
    if (only.length > 0 && !only.includes(slug)) continue;
    const file = join(articlesDir, slug, 'hero.jpg');
    const jpeg = await sharp(Buffer.from(drawScene(slug, scene))).jpeg({ quality: 78, mozjpeg: true, chromaSubsampling: '4:2:0' }).toBuffer();
    writeFileSync(file, jpeg);
    console.log(`${(jpeg.length / 1024).toFixed(0).padStart(4)} KB  ${slug}/hero.jpg`);
  }
}

// Run only when called as a script, so tests can import the table and drawScene.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(articlesDir)) throw new Error(`no folder ${articlesDir}`);
  await main(process.argv.slice(2));
}
