import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, Notification, safeStorage, session, Tray } from 'electron';
import electronUpdater from 'electron-updater';
import trayIconPath from '../../build/tray-icon.png?asset';
import { systemClock } from '../lib/clock';
import { AudioDevice } from '../engine';
import { APP_ENTRY_URL, APP_ORIGIN, originOf, trustOrigins } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { contentSecurityPolicy } from './content-security-policy';
import { AttentionCounter } from './attention-counter';
import { registerAudioPorts } from './audio-port';
import { forwardEvents } from './event-forwarder';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow, revealWindow } from './main-window';
import { NotificationService } from './notification-service';
import { installPermissionPolicy } from './permission-policy';
import { LinkHandler, linkFromArgv, registerProtocolClients } from './protocol-links';
import { applySettings } from './settings-effects';
import { ShellNotifier } from './shell-notifier';
import { claimSingleInstance } from './single-instance';
import { startEngine } from './start-engine';
import { desktopSecretCipher } from './safe-storage-cipher';
import { shellStrings } from './strings';
import { TrayService } from './tray-service';
import { UpdaterService } from './updater-service';
import { WindowStateFile } from './window-state';
import { fail, type MyPresence, type PresenceStatus, type Settings } from '../../shared/ipc';

// Wiring only: every piece lives in its own module with its own tests.
registerAppScheme();

let window: BrowserWindow | undefined;
let quitting = false;
let engine: Awaited<ReturnType<typeof startEngine>> | undefined;
let notifications: NotificationService | undefined;

// sip:, sips: and tel: links start a call; they may arrive before the engine is up.
const links = new LinkHandler({
  dial: (target) => engine?.request('calls:dial', { target }) ?? Promise.resolve(fail('engine-stopped', 'LiteSIP is still starting.')),
  showWindow: () => revealWindow(window),
  notifyError: (title, body) => notifications?.notify(title, body),
});

if (!claimSingleInstance(app, (argv) => {
  revealWindow(window);
  const link = linkFromArgv(argv);
  if (link) void links.open(link);
})) {
  app.quit();
} else {
  // macOS hands links to the running app as open-url, also at launch (before ready).
  app.on('open-url', (event, url) => {
    event.preventDefault();
    void links.open(url);
  });
  const launchLink = linkFromArgv(process.argv.slice(1));
  if (launchLink) void links.open(launchLink);
  void app.whenReady().then(launch);
}

function setEngine(started: Awaited<ReturnType<typeof startEngine>>): void {
  engine = started;
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
  // Calls talk through the renderer's microphone and speaker (audio-port.ts).
  const device = new AudioDevice();
  const engine = await startEngine(dataDir, [{ transport: 'udp', host: '0.0.0.0', port: 5060 }], desktopSecretCipher(safeStorage, dataDir), { calls: { device } });
  device.follow(engine.events);
  registerAudioPorts(ipcMain, device, trusted);
  setEngine(engine);
  let settings: Settings | undefined;
  const loaded = await engine.request('settings:get', undefined);
  if (loaded.ok) {
    settings = loaded.value as Settings;
    applySettings(settings, app, nativeTheme);
  }

  let myPresence: MyPresence | undefined;
  // The renderer's own presence changes reach the tray as they pass.
  registerIpcHandlers(
    ipcMain,
    {
      request: async (channel, payload) => {
        const result = await engine.request(channel, payload);
        if (channel === 'presence:set-status' && result.ok) {
          myPresence = result.value as MyPresence;
          tray.updatePresence(myPresence.status);
        }
        return result;
      },
    },
    trusted,
  );
  window = createMainWindow({
    url: devUrl ?? APP_ENTRY_URL,
    preload: path.join(here, '../preload/index.cjs'),
    stateFile: new WindowStateFile(path.join(app.getPath('userData'), 'window-state.json')),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121417' : '#f7f8fa',
    isQuitting: () => quitting,
  });
  forwardEvents(engine.events, () => window?.webContents);

  const shown = new NotificationService({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onClick: () => revealWindow(window),
  });
  notifications = shown;
  const isWindowFocused = (): boolean => (window?.isVisible() ?? false) && (window?.isFocused() ?? false);
  const notifier = new ShellNotifier({
    events: engine.events,
    notifications: shown,
    request: (channel, payload) => engine.request(channel, payload),
    isWindowFocused,
    showWindow: () => revealWindow(window),
  });
  notifier.start();

  const setPresence = async (status: PresenceStatus): Promise<void> => {
    const result = await engine.request('presence:set-status', { status, note: myPresence?.note ?? '' });
    if (!result.ok) return;
    myPresence = result.value as MyPresence;
    tray.updatePresence(myPresence.status);
  };
  const tray = new TrayService({
    setPresence: (status) => void setPresence(status),
    setDnd: (enabled) => {
      if (settings?.dnd) void engine.request('settings:update', { dnd: { ...settings.dnd, enabled } });
    },
    setBadge: (count) => app.setBadgeCount(count),
    createTray: () => new Tray(nativeImage.createFromPath(trayIconPath)),
    buildMenu: (items) => Menu.buildFromTemplate(items),
    isWindowVisible: () => window?.isVisible() ?? false,
    showWindow: () => revealWindow(window),
    hideWindow: () => window?.hide(),
    quit: () => app.quit(),
  });
  tray.start();
  tray.update(engine.status());
  tray.updateDnd(settings?.dnd?.enabled);
  const presence = await engine.request('presence:get', undefined);
  if (presence.ok) {
    myPresence = (presence.value as { me: MyPresence }).me;
    tray.updatePresence(myPresence.status);
  }
  const attention = new AttentionCounter({
    events: engine.events,
    request: (channel, payload) => engine.request(channel, payload),
    isWindowFocused,
    onChange: (counts) => tray.updateAttention(counts),
  });
  await attention.start();
  window.on('focus', () => attention.windowFocused());
  window.on('show', () => tray.refresh());
  window.on('hide', () => tray.refresh());

  engine.events.on('app:status', (status) => {
    tray.update(status);
    if (status.engine === 'failed') shown.notify(shellStrings.engineFailedTitle, status.error ?? '');
  });
  engine.events.on('settings:changed', (next) => {
    settings = next;
    applySettings(next, app, nativeTheme);
    tray.updateDnd(next.dnd?.enabled);
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
  // Only packaged builds carry the update feed configuration, and only they register as the
  // system's handler for sip:, sips: and tel: links (a development run would take them over).
  if (app.isPackaged) {
    updater.start();
    registerProtocolClients(app, { defaultApp: Boolean(process.defaultApp), execPath: process.execPath });
  }
  await links.start();

  app.on('activate', () => revealWindow(window));
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    updater.stop();
    notifier.stop();
    attention.stop();
    tray.destroy();
    void engine.stop().finally(() => app.quit());
  });
}
