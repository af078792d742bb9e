import { BrowserWindow, screen } from 'electron';
import { guardNavigation } from './navigation-guard';
import { windowOptions } from './window-options';
import type { WindowStateFile } from './window-state';

export interface MainWindowOptions {
  url: string;
  preload: string;
  stateFile: WindowStateFile;
  backgroundColor: string;
  /** True once the app is quitting; until then closing only hides the window (calls keep ringing). */
  isQuitting(): boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = options.stateFile.load(screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow(windowOptions(state, options.preload, options.backgroundColor));
  if (state.maximized) win.maximize();
  guardNavigation(win.webContents);

  const save = (): void => {
    const b = win.getNormalBounds();
    options.stateFile.save({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  win.on('resized', save);
  win.on('moved', save);
  win.on('close', (event) => {
    save();
    if (!options.isQuitting()) {
      event.preventDefault();
      win.hide();
    }
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}

export function revealWindow(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
