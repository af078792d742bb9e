import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { FakeBrowserWindow } from './fake-electron';
import { requestsByChannel } from '../../shared/ipc';
import type { SecretCipher } from '../../main/store';

// The whole main process wired against fakes: the pieces meet as intended.
const userData = tempDir('litesip-userdata-');
const calls = vi.hoisted(() => ({ order: [] as string[], ipc: new Map<string, unknown>(), protocols: new Map<string, unknown>(), cipher: '' }));

vi.mock('electron', async () => {
  const { FakeBrowserWindow } = await import('./fake-electron');
  const { EventEmitter } = await import('node:events');
  class App extends EventEmitter {
    isPackaged = false;
    requestSingleInstanceLock = () => true;
    whenReady = () => {
      calls.order.push('ready');
      return Promise.resolve();
    };
    getPath = () => userData;
    quit = vi.fn();
    setLoginItemSettings = vi.fn();
  }
  const session = {
    protocol: { handle: (scheme: string, fn: unknown) => calls.protocols.set(scheme, fn) },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  class Tray extends EventEmitter {
    setToolTip = vi.fn();
    setContextMenu = vi.fn();
    destroy = vi.fn();
  }
  class Notification extends EventEmitter {
    static isSupported = () => true;
    show = vi.fn();
  }
  return {
    app: new App(),
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: () => calls.order.push('register-scheme') },
    session: { defaultSession: session },
    ipcMain: { handle: (c: string, fn: unknown) => calls.ipc.set(c, fn), removeHandler: vi.fn(), on: (c: string) => calls.order.push(`on:${c}`), removeListener: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromPath: (p: string) => ({ path: p }) },
    nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
    Notification,
    Tray,
    dialog: { showMessageBox: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8'),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
});
vi.mock('electron-updater', () => ({ default: { autoUpdater: { on: vi.fn(), checkForUpdates: vi.fn() } } }));
vi.mock('../../build/tray-icon.png?asset', () => ({ default: '/app/tray-icon.png' }));
vi.mock('../../main/shell/start-engine', () => ({
  startEngine: async (dataDir: string, _listen: unknown, secretCipher: SecretCipher) => {
    const { Communicator } = await import('../../main/engine');
    calls.cipher = secretCipher.name;
    const engine = new Communicator({ dataDir, listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], secretCipher });
    await engine.start();
    return engine;
  },
}));

describe('main process wiring', () => {
  it('registers the scheme before ready, then serves, guards and opens the window', async () => {
    await import('../../main/shell/index');
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 30_000 });
    expect(calls.order.slice(0, 2)).toEqual(['register-scheme', 'ready']);
    expect(calls.protocols.has('app')).toBe(true);
    expect([...calls.ipc.keys()].sort()).toEqual([...requestsByChannel.keys()].sort());
    // Stored passwords are sealed by the OS keychain (safeStorage), not the headless key file.
    expect(calls.cipher).toBe('electron-safe-storage');
    // The renderer's audio port is accepted (audio-port.ts).
    expect(calls.order).toContain('on:litesip:audio-port');

    const win = FakeBrowserWindow.created[0]!;
    expect(win.loadedUrl).toBe('app://litesip/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.sandbox).toBe(true);
    expect(String(prefs.preload)).toMatch(/out[/\\]preload[/\\]index\.cjs$|[/\\]preload[/\\]index\.cjs$/);

    // A request from our page reaches the running engine; its events reach the window.
    const handler = calls.ipc.get('settings:update') as (e: unknown, p: unknown) => Promise<unknown>;
    const frame = { senderFrame: { parent: null, url: 'app://litesip/index.html' } };
    expect(await handler(frame, { displayName: 'Alice' })).toMatchObject({ ok: true, value: { displayName: 'Alice' } });
    expect(win.webContents.sent.some(([channel]) => channel === 'settings:changed')).toBe(true);
    expect(await handler({ senderFrame: { parent: null, url: 'https://evil.example/' } }, { displayName: 'Mallory' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // A sip: link handed over by a second launch starts a call in this one.
    const { app } = (await import('electron')) as unknown as { app: EventEmitter & { quit: ReturnType<typeof vi.fn> } };
    app.emit('second-instance', {}, ['litesip', '--flag', 'sip:bob@127.0.0.1:9']);
    const list = calls.ipc.get('calls:list') as (e: unknown, p: unknown) => Promise<{ ok: boolean; value: { peer: string; direction: string }[] }>;
    await vi.waitFor(async () => expect((await list(frame, undefined)).value).toEqual([expect.objectContaining({ peer: 'sip:bob@127.0.0.1:9', direction: 'outgoing' })]));
    expect(win.visible && win.focused).toBe(true);

    // Quitting stops the engine first, then really quits; the window may close now.
    const quitEvent = { preventDefault: vi.fn() };
    app.emit('before-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(win.fire('close').defaultPrevented).toBe(false);
  });
});
