/*
 * Dispatch theme: runs in <head> before the first paint and applies the theme
 * the reader chose with the toggle (saved in localStorage), so a dark page
 * never flashes light. Without a saved choice the page follows the system
 * (CSS `color-scheme: light dark`). The `js` class lets CSS show the toggle
 * button from the first paint, so it does not shift the header when its
 * script arrives. A file rather than an inline script, so a
 * Content-Security-Policy of script-src 'self' allows it without a hash.
 * The key and values are shared with src/scripts/theme-toggle.ts.
 */
document.documentElement.classList.add('js');
try {
  var theme = localStorage.getItem('dispatch-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) {
  /* storage blocked: follow the system */
}
