/**
 * The only script on ordinary pages: a few hundred bytes that wait. The search
 * code and index load when the reader first focuses or types in the header
 * box (or presses "/"), never with the page.
 */
const input = document.getElementById('site-search');
if (input instanceof HTMLInputElement) {
  let loading: Promise<void> | undefined;
  const load = () => {
    loading ??= import('./panel.ts').then((m) => m.mountPanel(input));
  };
  input.addEventListener('focus', load, { once: true });
  input.addEventListener('keydown', load, { once: true });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
}
