import type { App, NativeTheme } from 'electron';
import type { Settings } from '../../shared/ipc';

/** Settings that the operating system carries out: theme of native UI, start at login. */
export function applySettings(settings: Settings, app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>, theme: Pick<NativeTheme, 'themeSource'>): void {
  theme.themeSource = settings.theme;
  // A development build must not register itself to start at login.
  if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
}
