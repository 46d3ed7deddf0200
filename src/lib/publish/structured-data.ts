/**
 * JSON-LD (schema.org) for search engines and aggregators, built from the
 * `Article` model: NewsArticle and BreadcrumbList on article pages, WebSite
 * with a SearchAction on the front page. Plain functions of plain data; the
 * StructuredData component renders them.
 */
import type { Article } from '../model/article.ts';
import { absoluteUrl, sectionUrl } from '../model/urls.ts';

export interface SiteIdentity {
  name: string;
  /** Absolute, without trailing slash. */
  url: string;
  lang: string;
}

export interface LdImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
}

type Ld = Record<string, unknown>;

/** The newsroom as a schema.org Organization, with its logo. */
function publisherLd(site: SiteIdentity, logo: LdImage): Ld {
  return {
    '@type': 'Organization',
    name: site.name,
    url: `${site.url}/`,
    logo: { '@type': 'ImageObject', ...logo },
  };
}

/**
 * Who wrote it: each byline name as a Person; with no byline, the agency as
 * an Organization; with neither, the newsroom itself. An agency beside a
 * byline is the story's `sourceOrganization` (newsArticleLd).
 */
function authorLd(article: Article, publisher: Ld): Ld[] {
  if (article.authors.length > 0) return article.authors.map((name) => ({ '@type': 'Person', name }));
  if (article.source) return [{ '@type': 'Organization', name: article.source }];
  return [publisher];
}

/** A NewsArticle describing `article`; `image` is its social card. */
export function newsArticleLd(article: Article, site: SiteIdentity, image: LdImage, logo: LdImage): Ld {
  const url = absoluteUrl(site.url, article.url);
  const publisher = publisherLd(site, logo);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    image: [{ '@type': 'ImageObject', ...image }],
    datePublished: article.date.toISOString(),
    dateModified: article.modified.toISOString(),
    author: authorLd(article, publisher),
    // The agency the bylined reporters file for, as the page's dateline says ("Huế (VNA) –").
    ...(article.source && article.authors.length > 0 ? { sourceOrganization: { '@type': 'Organization', name: article.source } } : {}),
    publisher,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    articleSection: article.section.name,
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name) } : {}),
    inLanguage: site.lang,
    wordCount: article.wordCount,
    ...(article.dateline ? { locationCreated: { '@type': 'Place', name: article.dateline } } : {}),
  };
}

/** Home › Section › Article. */
export function breadcrumbLd(article: Article, site: SiteIdentity): Ld {
  const crumbs = [
    { name: site.name, path: '/' },
    { name: article.section.name, path: sectionUrl(article.section.id) },
    { name: article.title, path: article.url },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: absoluteUrl(site.url, c.path) })),
  };
}

/** The site, with the search box search engines may offer in their results. */
export function websiteLd(site: SiteIdentity, description: string): Ld {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    description,
    url: `${site.url}/`,
    inLanguage: site.lang,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${site.url}/search/?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/**
 * JSON for a `<script type="application/ld+json">` element. `<`, `>` and `&`
 * become \u escapes, so a headline containing `</script>` or `<!--` cannot
 * end the element early; JSON parsers read the escapes back as the same text.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
