import { promises as fs } from 'node:fs';

// The formats Astro's image service can read, by their first bytes.
const SIGNATURES: { name: string; test: (b: Buffer) => boolean }[] = [
  { name: 'JPEG', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: 'PNG', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { name: 'GIF', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { name: 'WebP', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { name: 'AVIF', test: (b) => b.subarray(4, 12).toString('latin1').startsWith('ftypavi') },
  { name: 'SVG', test: (b) => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(b.toString('utf8')) },
];

/**
 * Checks that a local image file exists and is an image Astro can process.
 * Returns a reason when it is not, or undefined when it is fine.
 */
export async function checkImageFile(path: string): Promise<string | undefined> {
  let head: Buffer;
  try {
    const handle = await fs.open(path, 'r');
    try {
      head = Buffer.alloc(512);
      const { bytesRead } = await handle.read(head, 0, 512, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return 'does not exist (the path is relative to the article file)';
  }
  return SIGNATURES.some((s) => s.test(head)) ? undefined : 'is not an image (JPEG, PNG, GIF, WebP, AVIF or SVG)';
}
