/**
 * The phone header: the search button shows and hides the search box (and
 * puts the cursor in it), and the current section, and a section reached by
 * Tab, are scrolled into view in the sideways-scrolling row of sections. From
 * 40rem the box is always shown and the button hidden (global.css), so this
 * does nothing visible there.
 */
const toggle = document.querySelector<HTMLButtonElement>('[data-search-toggle]');
const box = document.getElementById('header-search');
if (toggle && box) {
  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    box.classList.toggle('open', open);
  };
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    setOpen(open);
    if (open) box.querySelector('input')?.focus();
  });
  box.addEventListener('keydown', (event) => {
    // Escape in an empty box closes it and hands focus back to the button.
    const input = event.target as HTMLInputElement;
    if (event.key === 'Escape' && input.value === '' && getComputedStyle(toggle).display !== 'none') {
      setOpen(false);
      toggle.focus();
    }
  });
}

const sections = document.querySelector<HTMLElement>('.section-nav ul');
const current = sections?.querySelector<HTMLElement>('[aria-current]');
if (sections && current && sections.scrollWidth > sections.clientWidth) {
  // Centre the current section; scrolling the row never moves the page.
  const item = current.parentElement!;
  sections.scrollLeft = item.offsetLeft - (sections.clientWidth - item.offsetWidth) / 2;
}
// A link reached by Tab comes wholly into the row, clear of its faded edge
// (scroll-padding in global.css): Chromium leaves one that already shows in
// part where it is, its name and focus ring cut at the edge. The link is on
// screen by then, so this moves only the row.
sections?.addEventListener('focusin', (event) => {
  (event.target as HTMLElement).scrollIntoView({ block: 'nearest', inline: 'nearest' });
});
