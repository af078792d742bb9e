import type { Settings } from '../../shared/ipc';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Applies the theme to the document as `data-theme="light|dark"`; "system" follows the OS
 * and keeps following it. Returns a function that stops following.
 */
export function applyTheme(theme: Settings['theme'], root: HTMLElement = document.documentElement, media: MediaQueryList | undefined = window.matchMedia?.(DARK_QUERY)): () => void {
  const set = (dark: boolean): void => {
    root.dataset.theme = dark ? 'dark' : 'light';
  };
  if (theme !== 'system') {
    set(theme === 'dark');
    return () => {};
  }
  set(media?.matches ?? false);
  if (!media) return () => {};
  const onChange = (e: MediaQueryListEvent): void => set(e.matches);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}
