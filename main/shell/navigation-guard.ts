import type { WebContents } from 'electron';

/**
 * The renderer is a single page: it never navigates, opens windows or attaches webviews.
 * Anything that tries (a link, a redirect, injected content) is stopped here.
 */
export function guardNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
