import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, Notification, safeStorage, session, Tray } from 'electron';
import electronUpdater from 'electron-updater';
import trayIconPath from '../../build/tray-icon.png?asset';
import { systemClock } from '../lib/clock';
import { APP_ENTRY_URL, APP_ORIGIN, originOf, trustOrigins } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { contentSecurityPolicy } from './content-security-policy';
import { forwardEvents } from './event-forwarder';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow, revealWindow } from './main-window';
import { NotificationService } from './notification-service';
import { installPermissionPolicy } from './permission-policy';
import { applySettings } from './settings-effects';
import { claimSingleInstance } from './single-instance';
import { startEngine } from './start-engine';
import { desktopSecretCipher } from './safe-storage-cipher';
import { shellStrings } from './strings';
import { TrayService } from './tray-service';
import { UpdaterService } from './updater-service';
import { WindowStateFile } from './window-state';
import type { Settings } from '../../shared/ipc';

// Wiring only: every piece lives in its own module with its own tests.
registerAppScheme();

let window: BrowserWindow | undefined;
let quitting = false;

if (!claimSingleInstance(app, () => revealWindow(window))) {
  app.quit();
} else {
  void app.whenReady().then(launch);
}

async function launch(): Promise<void> {
  const here = import.meta.dirname;
  // electron-vite dev serves the renderer over http; a packaged or previewed app uses app://.
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const devOrigin = devUrl ? originOf(devUrl) : undefined;
  const trusted = trustOrigins(devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]);

  serveAppProtocol(session.defaultSession, path.join(here, '../renderer'), contentSecurityPolicy());
  installPermissionPolicy(session.defaultSession, trusted);
  Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null);

  const dataDir = app.getPath('userData');
  const engine = await startEngine(dataDir, [{ transport: 'udp', host: '0.0.0.0', port: 5060 }], desktopSecretCipher(safeStorage, dataDir));
  let settings: Settings | undefined;
  const loaded = await engine.request('settings:get', undefined);
  if (loaded.ok) {
    settings = loaded.value as Settings;
    applySettings(settings, app, nativeTheme);
  }

  registerIpcHandlers(ipcMain, engine, trusted);
  window = createMainWindow({
    url: devUrl ?? APP_ENTRY_URL,
    preload: path.join(here, '../preload/index.cjs'),
    stateFile: new WindowStateFile(path.join(app.getPath('userData'), 'window-state.json')),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121417' : '#f7f8fa',
    isQuitting: () => quitting,
  });
  forwardEvents(engine.events, () => window?.webContents);

  const notifications = new NotificationService({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onClick: () => revealWindow(window),
  });
  const tray = new TrayService({
    createTray: () => new Tray(nativeImage.createFromPath(trayIconPath)),
    buildMenu: (items) => Menu.buildFromTemplate(items),
    isWindowVisible: () => window?.isVisible() ?? false,
    showWindow: () => revealWindow(window),
    hideWindow: () => window?.hide(),
    quit: () => app.quit(),
  });
  tray.start();
  tray.update(engine.status());
  window.on('show', () => tray.refresh());
  window.on('hide', () => tray.refresh());

  engine.events.on('app:status', (status) => {
    tray.update(status);
    if (status.engine === 'failed') notifications.notify(shellStrings.engineFailedTitle, status.error ?? '');
  });
  engine.events.on('settings:changed', (next) => {
    settings = next;
    applySettings(next, app, nativeTheme);
  });

  const updater = new UpdaterService({
    updater: electronUpdater.autoUpdater,
    clock: systemClock,
    random: Math.random,
    isEnabled: () => settings?.autoUpdate ?? true,
    // Never restart while a call is up (the updater asks again later).
    isCallActive: () => engine.activeCallCount() > 0,
    askToRestart: async (version) => {
      const answer = await dialog.showMessageBox({
        type: 'info',
        title: shellStrings.updateReadyTitle,
        message: shellStrings.updateReadyMessage(version),
        detail: shellStrings.updateReadyDetail,
        buttons: [shellStrings.updateRestart, shellStrings.updateLater],
        defaultId: 0,
        cancelId: 1,
      });
      return answer.response === 0;
    },
    log: (message) => console.warn(message),
  });
  // Only packaged builds carry the update feed configuration.
  if (app.isPackaged) updater.start();

  app.on('activate', () => revealWindow(window));
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    updater.stop();
    tray.destroy();
    void engine.stop().finally(() => app.quit());
  });
}
