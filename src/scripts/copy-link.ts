/**
 * "Copy link" beside the share links: copies the page's canonical URL to the
 * clipboard. Progressive enhancement: the button stays hidden where the
 * Clipboard API is missing (or JavaScript is off); the plain share links work
 * regardless.
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy-link]')) {
  const status = button.parentElement?.querySelector<HTMLElement>('[data-copy-status]');
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const url = button.dataset.copyLink ?? location.href;
    try {
      await navigator.clipboard.writeText(url);
      if (status) status.textContent = 'Link copied';
    } catch {
      if (status) status.textContent = 'Could not copy; copy the address from the address bar';
    }
  });
}
