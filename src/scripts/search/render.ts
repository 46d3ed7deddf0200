/**
 * Puts search results on the page. Everything from the index and the query
 * goes in as text nodes or attributes set one by one: nothing is parsed as
 * HTML, so a headline such as `<img src=x onerror=…>` shows as written.
 */
import type { SearchHit, SearchResult } from '../../lib/search/engine';
import type { Segment } from '../../lib/search/snippet';

/** Appends text segments, matched words in <mark>. */
export function appendSegments(parent: HTMLElement, segments: readonly Segment[]): void {
  for (const s of segments) {
    if (s.mark) {
      const mark = document.createElement('mark');
      mark.textContent = s.text;
      parent.append(mark);
    } else parent.append(document.createTextNode(s.text));
  }
}

/** Only same-site paths become links; anything else (javascript:, //host) is refused. */
export function safePath(url: string): string | undefined {
  return /^\/(?!\/)[^\s\\]*$/.test(url) ? url : undefined;
}

/** Builds the search-page or drop-down URL for a query. */
export function searchUrl(query: string, section = ''): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (section) params.set('section', section);
  const search = params.toString();
  return `/search/${search ? `?${search}` : ''}`;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}

/** One result: headline link, snippet, section and date, thumbnail. */
export function hitItem(hit: SearchHit, compact: boolean): HTMLLIElement | undefined {
  const href = safePath(hit.url);
  if (!href) return undefined;
  const li = element('li', 'search-hit');
  li.dataset.doc = String(hit.doc);
  const title = element(compact ? 'p' : 'h2', 'search-hit-title');
  const link = element('a', 'search-hit-link');
  link.href = href;
  appendSegments(link, hit.title);
  title.append(link);
  li.append(title);
  if (!compact) {
    const snippet = element('p', 'search-hit-snippet');
    appendSegments(snippet, hit.snippet);
    li.append(snippet);
  }
  const meta = element('p', 'search-hit-meta');
  const section = element('span', 'section-label');
  section.textContent = hit.section.name;
  const time = document.createElement('time');
  time.dateTime = hit.date;
  time.textContent = hit.dateText;
  meta.append(section, ' ', time);
  li.append(meta);
  const thumb = hit.thumbnail && safePath(hit.thumbnail.src);
  if (thumb && hit.thumbnail) {
    const img = element('img', 'search-hit-thumb');
    img.src = thumb;
    img.alt = '';
    img.width = hit.thumbnail.width;
    img.height = hit.thumbnail.height;
    img.loading = 'lazy';
    img.decoding = 'async';
    li.classList.add('has-thumb');
    li.append(img);
  }
  return li;
}

/** Replaces (or extends) the list with the result's hits. */
export function renderHits(list: HTMLOListElement, hits: readonly SearchHit[], options: { append?: boolean; compact?: boolean } = {}): void {
  const items = hits.map((h) => hitItem(h, options.compact ?? false)).filter((li): li is HTMLLIElement => !!li);
  if (options.append) list.append(...items);
  else list.replaceChildren(...items);
}

/** "12 results for “hanoi” in Travel", said by the live region. */
export function countText(result: SearchResult, sectionName?: string): string {
  const where = sectionName ? ` in ${sectionName}` : '';
  if (result.total === 0) return `No results for “${result.query.trim()}”${where}.`;
  const count = `${result.total}`;
  const noun = result.total === 1 ? 'result' : 'results';
  const used = result.corrections.map((c) => `“${c.used}”`);
  const including = used.length > 0 ? `, including ${used.join(', ')}` : '';
  return `${count} ${noun} for “${result.query.trim()}”${where}${including}.`;
}
