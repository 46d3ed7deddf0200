/**
 * The dark/light toggle: a button whose aria-pressed says whether the dark
 * theme is on. The choice is saved and applied before first paint on the next
 * page by public/theme-init.js (same key). Without JavaScript the button is
 * not shown (see global.css) and the page follows the system setting.
 */
const STORAGE_KEY = 'dispatch-theme';
const root = document.documentElement;
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function currentTheme(): 'light' | 'dark' {
  const chosen = root.getAttribute('data-theme');
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return systemDark.matches ? 'dark' : 'light';
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
  const show = () => button.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage blocked: the choice lasts for this page only.
    }
    show();
  });
  systemDark.addEventListener('change', show);
  show();
}
