/**
 * Renders the brand images (publisher logo, default social card) from their
 * SVG sources in src/assets/brand/ to the PNGs the site ships. Run it after
 * editing an SVG: `npm run brand-images`. The PNGs are committed, so a build
 * never depends on the fonts installed on the build machine.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const dir = resolve(import.meta.dirname, '../src/assets/brand');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
  const out = join(dir, name.replace(/\.svg$/, '.png'));
  const info = await sharp(join(dir, name), { density: 300 })
    .resize({ width: name.startsWith('logo') ? 512 : 1200 })
    .png({ compressionLevel: 9, palette: true })
    .toFile(out);
  console.log(`${out}: ${info.width}×${info.height}, ${info.size} bytes`);
}
