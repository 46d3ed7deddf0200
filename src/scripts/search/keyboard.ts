/**
 * Arrow keys between the search box, the suggestions (a listbox) and the
 * result links, in that order: Down from the box enters the suggestions (or
 * the results), Up and Down move through both, Up from the first goes back to
 * the box, Home and End jump, Escape returns to the box. Enter follows a
 * result link as usual, and chooses a suggestion (so does a click).
 */
export function arrowNavigation(
  input: HTMLInputElement,
  lists: readonly HTMLElement[],
  options: { onEscape?: () => void; onChoose?: (option: HTMLElement) => void } = {},
): void {
  const items = () => lists.flatMap((list) => (list.hidden ? [] : [...list.querySelectorAll<HTMLElement>('[role="option"], a.search-hit-link')]));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = items()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Escape' && options.onEscape) options.onEscape();
  });
  for (const list of lists) {
    list.addEventListener('keydown', (event) => {
      const all = items();
      const at = all.indexOf(document.activeElement as HTMLElement);
      if (at < 0) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = event.key === 'ArrowDown' ? all[Math.min(at + 1, all.length - 1)] : all[at - 1];
        (next ?? input).focus();
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        all[event.key === 'Home' ? 0 : all.length - 1]?.focus();
      } else if (event.key === 'Escape') {
        input.focus();
        options.onEscape?.();
      } else if ((event.key === 'Enter' || event.key === ' ') && all[at]!.getAttribute('role') === 'option') {
        event.preventDefault();
        options.onChoose?.(all[at]!);
      }
    });
    list.addEventListener('click', (event) => {
      const option = (event.target as Element | null)?.closest<HTMLElement>('[role="option"]');
      if (option && list.contains(option)) options.onChoose?.(option);
    });
    // The option with focus is the selected one; with focus out of the list, none is.
    list.addEventListener('focusin', (event) => {
      for (const o of list.querySelectorAll('[role="option"]')) o.setAttribute('aria-selected', String(o === event.target));
    });
    list.addEventListener('focusout', (event) => {
      if ((event.target as Element).getAttribute('role') === 'option') (event.target as Element).setAttribute('aria-selected', 'false');
    });
  }
}

/** True when a key press is going into a text field, where "/" is just a slash. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * What choosing a suggestion does: go to its page (section, tag, agency), or
 * put its name in the box and search for it.
 */
export function chooseSuggestion(option: HTMLElement, input: HTMLInputElement, search: () => void): void {
  const { url, query } = option.dataset;
  if (url) {
    location.assign(url);
    return;
  }
  input.value = query ?? '';
  input.focus();
  search();
}
