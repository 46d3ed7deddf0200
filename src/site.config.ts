/**
 * The one typed configuration file: site identity, sections, and the tuning
 * knobs of the engines. Environment variables override what a deployment or a
 * benchmark needs to change without editing code.
 */
import { isAbsolute, resolve } from 'node:path';
import type { RelatedTuning } from './lib/related/index.ts';
import type { IndexShape } from './lib/search/build-index.ts';
import type { SearchTuning } from './lib/search/index-format.ts';

export interface SectionConfig {
  /** URL segment and the value used in frontmatter (`section: politics`). */
  id: string;
  /** Name shown to readers. */
  name: string;
  /** Other spellings accepted in frontmatter and by the importer (folder names). */
  aliases: readonly string[];
}

export interface SiteConfig {
  name: string;
  tagline: string;
  /** Absolute site URL, without trailing slash; from `SITE_URL` when set. */
  url: string;
  /** BCP 47 language of the content. */
  lang: string;
  /** IANA time zone used to show dates. */
  timeZone: string;
  /** Folder holding the articles; from `CONTENT_DIR` when set. */
  contentDir: string;
  sections: readonly SectionConfig[];
  /** Items per page on section, tag and other listings. */
  pageSize: number;
  /**
   * Pages of the "Latest stories" listing; older stories are in the archive
   * by month (README "URL scheme"). From `LATEST_PAGES` when set.
   */
  latestPages: number;
  /** Newest stories in each RSS feed. */
  feedSize: number;
  /** Words per minute used for reading time. */
  wordsPerMinute: number;
  /**
   * "See more": list length and the related engine's tuning. README's
   * "How related stories are chosen" explains each knob.
   */
  related: RelatedTuning;
  images: {
    /** sharp's AVIF encoder effort, 0 (fastest) to 9 (smallest); passed to Astro's sharp image service in astro.config.mjs. */
    avifEffort: number;
  };
  /** Search tuning: what the index holds and how the client ranks. */
  search: SearchConfig;
  /** How hosts serve the built site (README "Deploying"; src/lib/publish/server-config.ts). */
  serving: {
    /**
     * Cache-Control for content-hashed files (`/_astro/`: scripts, styles,
     * images; the search index's build folder) and for everything else
     * (pages, feeds, sitemaps, robots.txt, the search manifest, social cards).
     */
    cacheControl: { immutable: string; revalidate: string };
    /** Write `.br` and `.gz` copies of text files at build time; `DISPATCH_PRECOMPRESS=0` turns it off. */
    precompress: boolean;
    /**
     * Brotli quality for those copies, 0–11. Up to 8 it is fast; 10 and 11
     * make pages about 10% smaller at 5 to 40 times the time
     * (`npm run bench -- serve` prints both).
     */
    brotliQuality: number;
  };
}

/**
 * Search knobs. The ranking ones (SearchTuning) travel in the index to the
 * browser; IndexShape cuts up the index; these shape the page.
 */
export interface SearchConfig extends SearchTuning, IndexShape {
  /** Results per page on /search/, and in the header's drop-down. */
  pageSize: number;
  panelSize: number;
  /** Pause after the last keystroke before searching, in ms. */
  debounceMs: number;
  /** Width in pixels of result thumbnails (their slot's width; a 3× file is made for sharp screens). */
  thumbnailWidth: number;
  /**
   * Names that mean one thing, one group a line: a search naming any of them
   * finds stories using any other (applied when a reader searches, so a
   * change needs only a rebuild). Each name is matched as a whole, accents
   * and case ignored. README's "Search" explains.
   */
  aliases: readonly (readonly string[])[];
}

function envOr(name: string, fallback: string): string {
  const value = process.env[name];
  return value !== undefined && value.trim() !== '' ? value.trim() : fallback;
}

const contentDirSetting = envOr('CONTENT_DIR', './content');

/** A whole number of at least 1 from the environment variable `name`, else `fallback`. */
function countOr(name: string, fallback: number): number {
  const value = envOr(name, String(fallback));
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  const error = new Error(`${name}: "${value}" is not a whole number of at least 1`);
  // The setting is the editor's to fix: printed alone, without a stack trace into this file.
  error.stack = '';
  throw error;
}

export const site: SiteConfig = {
  name: 'Dispatch',
  tagline: 'News from Vietnam and the region, read calmly',
  url: envOr('SITE_URL', 'http://localhost:4321').replace(/\/+$/, ''),
  lang: 'en',
  timeZone: 'Asia/Ho_Chi_Minh',
  contentDir: isAbsolute(contentDirSetting) ? contentDirSetting : resolve(process.cwd(), contentDirSetting),
  sections: [
    { id: 'news', name: 'News', aliases: ['general', 'world'] },
    { id: 'politics', name: 'Politics', aliases: [] },
    { id: 'society', name: 'Society', aliases: [] },
    { id: 'business', name: 'Business', aliases: ['economy'] },
    { id: 'environment', name: 'Environment', aliases: [] },
    { id: 'travel', name: 'Travel', aliases: ['tourism'] },
    { id: 'science-technology', name: 'Science & Technology', aliases: ['tech', 'technology', 'science'] },
    { id: 'culture', name: 'Culture', aliases: ['entertainment', 'arts'] },
    { id: 'sport', name: 'Sport', aliases: ['sports'] },
  ],
  pageSize: 20,
  latestPages: countOr('LATEST_PAGES', 20),
  feedSize: 50,
  wordsPerMinute: 230,
  related: {
    count: 6,
    // Headline and summary say what a story is about; the body adds detail.
    // Tags are an editor's explicit link; the section is a weak hint.
    weights: { title: 3, summary: 2, body: 1, tags: 2, section: 1 },
    recency: { halfLifeDays: 30, weight: 0.2 },
    floor: 0.05,
    duplicateSimilarity: 0.8,
    neighbourhood: { size: 100, weight: 1, candidates: 30, steps: 10 },
    pruning: {
      maxTermsPerArticle: 150,
      maxPostingsPerQuery: 5000,
    },
  },
  images: { avifEffort: 2 },
  search: {
    fieldWeights: { title: 4, summary: 2, tags: 3 },
    k1: 0.9,
    b: 0.75,
    typoMinLength: 4,
    twoTypoMinLength: 9,
    typoWeights: [0.6, 0.35],
    completionWeight: 0.7,
    formWeight: 0.8,
    maxExpansions: 8,
    knownWordRatio: 10,
    shardBytes: 4_000,
    positionsApartBytes: 4_000,
    vocabShardTerms: 1_000,
    suffixShardTerms: 1_500,
    headlineShardSize: 8,
    prefetchBytes: 8_000_000,
    snippetWords: 30,
    proximityWeight: 3,
    proximityScale: 8,
    proximityCandidates: 100,
    proximityRecords: 16,
    pageSize: 10,
    panelSize: 6,
    debounceMs: 120,
    thumbnailWidth: 96,
    aliases: [
      ['Hồ Chí Minh City', 'Saigon', 'Sài Gòn', 'HCMC', 'HCM City', 'HCM', 'TP HCM', 'Ho Chi Minh City', 'TP Hồ Chí Minh', 'Thành phố Hồ Chí Minh', 'SG'],
      ['National Assembly', 'Quốc hội', 'NA'],
      ['Tết', 'Lunar New Year'],
      ['Đà Nẵng', 'Danang', 'TP Đà Nẵng'],
      ['Hà Nội', 'Hanoi', 'TP Hà Nội', 'HN'],
      ['Cần Thơ', 'Cantho', 'TP Cần Thơ'],
      ['Huế', 'Hue City', 'TP Huế'],
      ['Mekong Delta', 'Cửu Long'],
      ['Đắk Lắk', 'Daklak', 'Dak Lak'],
      ['Vietnam', 'Việt Nam', 'VN'],
      ['Mid-Autumn', 'Trung Thu', 'Tết Trung Thu'],
      ['VNA', 'Vietnam News Agency'],
      // Places our readers look for, with the spellings they type: the table also
      // tells search that "ha long" is Hạ Long where no story holds it (README "Aliases").
      ['Hội An', 'Hoian'],
      ['Hạ Long', 'Halong'],
      ['Đà Lạt', 'Dalat'],
      ['Phú Quốc', 'Phuquoc'],
      ['Nha Trang', 'Nhatrang'],
      ['Hải Phòng', 'Haiphong', 'TP Hải Phòng'],
      ['Sa Pa', 'Sapa'],
      ['Vũng Tàu', 'Vungtau'],
      ['Quy Nhơn', 'Qui Nhơn', 'Quinhon'],
      ['Mũi Né', 'Muine'],
      ['Phan Thiết', 'Phanthiet'],
      ['Ninh Bình', 'Ninhbinh'],
      ['Buôn Ma Thuột', 'Buôn Mê Thuột', 'Ban Me Thuot', 'Buonmathuot'],
      ['Biên Hòa', 'Bienhoa'],
      ['Bình Dương', 'Binhduong'],
      ['Đồng Nai', 'Dongnai'],
      ['Khánh Hòa', 'Khanhhoa'],
      ['Quảng Ninh', 'Quangninh'],
      ['Quảng Nam', 'Quangnam'],
      ['Quảng Ngãi', 'Quangngai'],
      ['Quảng Bình', 'Quangbinh'],
      ['Quảng Trị', 'Quangtri'],
      ['Thanh Hóa', 'Thanhhoa'],
      ['Nghệ An', 'Nghean'],
      ['Hà Tĩnh', 'Hatinh'],
      ['Lào Cai', 'Laocai'],
      ['Hà Giang', 'Hagiang'],
      ['Điện Biên Phủ', 'Dienbienphu'],
      ['Lạng Sơn', 'Langson'],
      ['Cao Bằng', 'Caobang'],
      ['Thái Nguyên', 'Thainguyen'],
      ['Bắc Ninh', 'Bacninh'],
      ['Nam Định', 'Namdinh'],
      ['Gia Lai', 'Gialai'],
      ['Kon Tum', 'Kontum'],
      ['Lâm Đồng', 'Lamdong'],
      ['Bình Định', 'Binhdinh'],
      ['Phú Yên', 'Phuyen'],
      ['Tây Ninh', 'Tayninh'],
      ['Tiền Giang', 'Tiengiang'],
      ['Bến Tre', 'Bentre'],
      ['Vĩnh Long', 'Vinhlong'],
      ['Trà Vinh', 'Travinh'],
      ['Sóc Trăng', 'Soctrang'],
      ['An Giang', 'Angiang'],
      ['Kiên Giang', 'Kiengiang'],
      ['Cà Mau', 'Camau'],
      ['Bạc Liêu', 'Baclieu'],
      ['Đồng Tháp', 'Dongthap'],
      ['Châu Đốc', 'Chaudoc'],
      ['Rạch Giá', 'Rachgia'],
      ['Côn Đảo', 'Condao'],
      ['Cát Bà', 'Catba'],
      ['Phong Nha', 'Phongnha'],
      ['Hà Tiên', 'Hatien'],
      ['Mộc Châu', 'Mocchau'],
      ['Mỹ Tho', 'Mytho'],
      ['Đồ Sơn', 'Doson'],
      // Places with an English name of their own, which visitors type.
      ['Sơn Trà', 'Sontra', 'Monkey Mountain'],
      ['Ngũ Hành Sơn', 'Marble Mountains'],
      ['Mỹ Khê', 'Mykhe', 'China Beach'],
      ['Hoàn Kiếm', 'Hoan Kiem Lake', 'Sword Lake'],
    ],
  },
  serving: {
    cacheControl: {
      immutable: 'public, max-age=31536000, immutable',
      revalidate: 'public, max-age=60, must-revalidate',
    },
    precompress: envOr('DISPATCH_PRECOMPRESS', '1') !== '0',
    brotliQuality: 6,
  },
};

/** Finds the configured section for a frontmatter value or alias, ignoring case. */
export function findSection(value: string): SectionConfig | undefined {
  const wanted = value.trim().toLowerCase();
  return site.sections.find(
    (s) => s.id === wanted || s.name.toLowerCase() === wanted || s.aliases.includes(wanted),
  );
}
