/**
 * Puts search results on the page. Everything from the index and the query
 * goes in as text nodes or attributes set one by one: nothing is parsed as
 * HTML, so a headline such as `<img src=x onerror=…>` shows as written.
 */
import type { Entity, EntityKind } from '../../lib/search/entities.ts';
import type { SearchHit, SearchResult } from '../../lib/search/engine.ts';
import type { Segment } from '../../lib/search/snippet.ts';

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
export function searchUrl(query: string, section = '', order = ''): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (section) params.set('section', section);
  if (order) params.set('order', order);
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
    const large = hit.thumbnail.large && safePath(hit.thumbnail.large.src);
    if (large && hit.thumbnail.large) {
      img.srcset = `${thumb} ${hit.thumbnail.width}w, ${large} ${hit.thumbnail.large.width}w`;
      // The slot's width in src/styles/search.css.
      img.sizes = compact ? '4rem' : '6rem';
    }
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

/**
 * Replaces (or extends) the list with the result's hits. When some stories
 * hold every word, those holding only some follow a plain divider.
 */
export function renderHits(list: HTMLOListElement, result: Pick<SearchResult, 'hits' | 'total'>, options: { append?: boolean; compact?: boolean } = {}): void {
  const items: HTMLLIElement[] = [];
  let divided = !!options.append && !!list.querySelector('.search-divider');
  for (const hit of result.hits) {
    if (hit.partial && result.total > 0 && !divided) {
      const divider = element('li', 'search-divider');
      divider.textContent = 'Stories with some of the words';
      items.push(divider);
      divided = true;
    }
    const li = hitItem(hit, options.compact ?? false);
    if (li) items.push(li);
  }
  if (options.append) list.append(...items);
  else list.replaceChildren(...items);
}

const stories = (n: number) => `${n} ${n === 1 ? 'story' : 'stories'}`;

/** Longest query quoted back, in characters: a pasted paragraph is cut at a space before it, with "…". */
const QUOTED_LENGTH = 60;
function quoted(query: string): string {
  // By code point, so an emoji is never cut in half.
  const chars = [...query];
  if (chars.length <= QUOTED_LENGTH) return query;
  const cut = chars.slice(0, QUOTED_LENGTH).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTED_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * "12 stories for “hanoi” in Travel", said by the live region: the stories
 * holding every word. When none does, how many hold some of them; when
 * none holds any and the query named a place of the aliases table, which
 * ("No stories about Hạ Long"); when none holds quoted words side by side,
 * how many hold them apart; for one letter, that a search needs another;
 * for words all too common to search for ("the"), that one more is needed.
 */
export function countText(result: SearchResult, sectionName?: string): string {
  const where = sectionName ? ` in ${sectionName}` : '';
  const query = quoted(result.query.trim());
  // The first letter typed is no search yet: "No stories for “h”" would flash on every search.
  if (result.oneLetter) return 'Type another letter to search.';
  if (result.tooCommon) return `Words as common as “${result.tooCommon}” are left out of search: add one that says what the story is about.`;
  if (result.total === 0 && result.partialTotal === 0) return result.readAs ? `No stories about ${result.readAs}${where}.` : `No stories for “${query}”${where}.`;
  if (result.apart) {
    const n = result.total || result.partialTotal;
    return `No story has the quoted words side by side${where}; ${stories(n)} ${n === 1 ? 'has' : 'have'} ${result.total > 0 ? 'them apart' : 'some of them'}.`;
  }
  if (result.total === 0) {
    const have = result.partialTotal === 1 ? 'has' : 'have';
    return `No story has every word of “${query}”${where}; ${stories(result.partialTotal)} ${have} some of them.`;
  }
  const used = result.corrections.map((c) => `“${c.shown ?? c.used}”`);
  const including = used.length > 0 ? `, including ${used.join(', ')}` : '';
  return `${stories(result.total)} for “${query}”${where}${including}${result.newest ? ', newest first' : ''}.`;
}

const KIND_NAMES: Record<EntityKind, string> = {
  section: 'Section', tag: 'Topic', source: 'Agency', place: 'Place', person: 'Reporter', alias: 'Also known as',
};

/**
 * An empty, hidden suggestions listbox. Made by script, as it only ever
 * holds what script puts in it (and a static one reads to validators as a
 * <select> that should have been).
 */
export function suggestionsBox(id: string): HTMLUListElement {
  const box = element('ul', 'search-suggestions');
  box.id = id;
  box.setAttribute('role', 'listbox');
  box.setAttribute('aria-label', 'Suggestions');
  box.hidden = true;
  return box;
}

/** The suggestions listbox: one option per entity, its kind beside its name. */
export function renderSuggestions(box: HTMLUListElement, entities: readonly Entity[]): void {
  const options = entities.flatMap((entity, i) => {
    const url = entity.url === undefined ? undefined : safePath(entity.url);
    if (entity.url !== undefined && !url) return [];
    const li = element('li', 'search-suggestion');
    li.id = `${box.id}-${i}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.tabIndex = -1;
    if (url) li.dataset.url = url;
    else li.dataset.query = entity.name;
    const name = element('span', 'search-suggestion-name');
    name.textContent = entity.name;
    const kind = element('span', 'search-suggestion-kind');
    // An alias says whose page it opens ("Saigon  Topic · Hồ Chí Minh City").
    kind.textContent = entity.kind === 'alias' ? 'Search' : KIND_NAMES[entity.kind] + (entity.leadsTo ? ` · ${entity.leadsTo}` : '');
    li.append(name, ' ', kind);
    return [li];
  });
  // The same suggestions again (the next keystroke's search often finds them):
  // keep the ones shown, so an option the reader has moved to keeps its focus.
  const shown = options.map((li) => `${li.dataset.url ?? li.dataset.query}\t${li.textContent}`).join('\n');
  if (box.dataset.shown === shown && box.children.length === options.length) return;
  box.dataset.shown = shown;
  box.replaceChildren(...options);
  box.hidden = options.length === 0;
}
