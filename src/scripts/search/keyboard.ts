/**
 * Arrow keys between the search box and the result links: Down from the box
 * enters the list, Up and Down move through it, Up from the first result goes
 * back to the box. Enter follows the focused link as usual.
 */
export function arrowNavigation(input: HTMLInputElement, list: HTMLElement, onEscape?: () => void): void {
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a.search-hit-link')];
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Escape' && onEscape) onEscape();
  });
  list.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
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
      onEscape?.();
    }
  });
}

/** True when a key press is going into a text field, where "/" is just a slash. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}
