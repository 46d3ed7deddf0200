import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../src/lib/search/entities';

let renderSuggestions: typeof import('../../src/scripts/search/render').renderSuggestions;
let doc: Document;

beforeAll(async () => {
  // render.ts builds elements with the page's `document`.
  doc = parseHTML('<!doctype html><html><body><ul id="search-suggestions" hidden></ul></body></html>').document as unknown as Document;
  (globalThis as { document?: Document }).document = doc;
  ({ renderSuggestions } = await import('../../src/scripts/search/render'));
});

const daNang: Entity = { name: 'Đà Nẵng', kind: 'tag', url: '/tag/da-nang/' };
const travel: Entity = { name: 'Travel', kind: 'section', url: '/section/travel/' };

describe('the suggestions listbox', () => {
  it('keeps the options it shows when the next search suggests the same, so the one a reader moved to stays selected', () => {
    const box = doc.getElementById('search-suggestions') as HTMLUListElement;
    renderSuggestions(box, [daNang, travel]);
    const first = box.firstElementChild!;
    first.setAttribute('aria-selected', 'true');
    renderSuggestions(box, [daNang, travel]);
    expect(box.firstElementChild).toBe(first);
    expect(box.firstElementChild!.getAttribute('aria-selected')).toBe('true');
    expect(box.hidden).toBe(false);
  });

  it('replaces them when the suggestions change, and hides an empty list', () => {
    const box = doc.getElementById('search-suggestions') as HTMLUListElement;
    renderSuggestions(box, [daNang, travel]);
    renderSuggestions(box, [travel]);
    expect([...box.children].map((li) => li.getAttribute('data-url'))).toEqual(['/section/travel/']);
    renderSuggestions(box, []);
    expect(box.children).toHaveLength(0);
    expect(box.hidden).toBe(true);
  });

  it('names the page an alias opens beside its kind, and only for an alias', () => {
    const box = doc.getElementById('search-suggestions') as HTMLUListElement;
    renderSuggestions(box, [{ name: 'Saigon', kind: 'tag', url: '/tag/ho-chi-minh-city/', leadsTo: 'Hồ Chí Minh City' }, daNang]);
    const kinds = [...box.querySelectorAll('.search-suggestion-kind')].map((k) => k.textContent);
    expect(kinds).toEqual(['Topic · Hồ Chí Minh City', 'Topic']);
    expect(box.firstElementChild!.getAttribute('data-url')).toBe('/tag/ho-chi-minh-city/');
  });
});
