import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const { createMainWindow } = await import('../../main/shell/main-window');
const { windowOptions } = await import('../../main/shell/window-options');
const { DEFAULT_WINDOW_STATE, WindowStateFile } = await import('../../main/shell/window-state');

function open(quitting = false): { win: FakeBrowserWindow; stateFile: string } {
  const stateFile = path.join(tempDir(), 'window-state.json');
  createMainWindow({
    url: 'app://litesip/index.html',
    preload: '/app/out/preload/index.cjs',
    stateFile: new WindowStateFile(stateFile),
    backgroundColor: '#ffffff',
    isQuitting: () => quitting,
  });
  return { win: FakeBrowserWindow.created.at(-1)!, stateFile };
}

beforeEach(() => {
  FakeBrowserWindow.created = [];
});

describe('the main window', () => {
  it('is sandboxed and isolated, without Node, with web security', () => {
    const prefs = windowOptions(DEFAULT_WINDOW_STATE, '/p.cjs', '#fff').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/p.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('is created with those options and loads the app:// entry', () => {
    const { win } = open();
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(win.options.show).toBe(false);
    expect(win.loadedUrl).toBe('app://litesip/index.html');
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('denies navigation, redirects, webviews and new windows', () => {
    const { win } = open();
    expect(win.webContents.fire('will-navigate', { url: 'https://evil.example/' }).defaultPrevented).toBe(true);
    expect(win.webContents.fire('will-redirect', { url: 'https://evil.example/' }).defaultPrevented).toBe(true);
    expect(win.webContents.fire('will-attach-webview').defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('hides instead of closing until the app quits, and saves its bounds', () => {
    const { win, stateFile } = open(false);
    win.show();
    expect(win.fire('close').defaultPrevented).toBe(true);
    expect(win.visible).toBe(false);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: false });

    const quitting = open(true).win;
    expect(quitting.fire('close').defaultPrevented).toBe(false);
  });

  it('reopens with the saved bounds and maximized state', () => {
    const dir = tempDir();
    const file = path.join(dir, 'window-state.json');
    new WindowStateFile(file).save({ x: 100, y: 80, width: 1000, height: 640, maximized: true });
    createMainWindow({ url: 'app://litesip/index.html', preload: '/p.cjs', stateFile: new WindowStateFile(file), backgroundColor: '#fff', isQuitting: () => false });
    const win = FakeBrowserWindow.created.at(-1)!;
    expect(win.options).toMatchObject({ x: 100, y: 80, width: 1000, height: 640 });
    expect(win.maximized).toBe(true);
  });
});
