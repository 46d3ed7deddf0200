/**
 * Astro's sharp image service with AVIF encoded at a lower effort. sharp's
 * default AVIF effort (4) makes a 1200-pixel photo in about four seconds;
 * effort 2 makes it eight times faster for files about 4% larger, which turns
 * a cold build of the sample newsroom from minutes of image encoding into
 * seconds. Astro's service has no encoder options, so the default is set on
 * sharp itself, once, before the service first encodes.
 */
import sharp from 'sharp';
import sharpService from 'astro/assets/services/sharp';
import { site } from '../site.config';

type AvifOptions = Parameters<sharp.Sharp['avif']>[0];
const encodeAvif = sharp.prototype.avif;
sharp.prototype.avif = function avifAtSiteEffort(this: sharp.Sharp, options: AvifOptions = {}) {
  return encodeAvif.call(this, { effort: site.images.avifEffort, ...options });
};

export default sharpService;
