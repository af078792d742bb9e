import { describe, expect, it, vi } from 'vitest';
import { originOf, trustOrigins } from '../../main/shell/app-origin';
import { NotificationService } from '../../main/shell/notification-service';
import { applySettings } from '../../main/shell/settings-effects';
import { claimSingleInstance } from '../../main/shell/single-instance';
import { defaultSettings } from '../../shared/ipc';

describe('single instance', () => {
  it('quits the second instance', () => {
    const app = { requestSingleInstanceLock: () => false, on: vi.fn() };
    expect(claimSingleInstance(app as never, vi.fn())).toBe(false);
    expect(app.on).not.toHaveBeenCalled();
  });

  it('hands the second launch’s command line to the first', () => {
    const app = { requestSingleInstanceLock: () => true, on: vi.fn() };
    const onSecond = vi.fn();
    expect(claimSingleInstance(app as never, onSecond)).toBe(true);
    const [event, listener] = app.on.mock.calls[0]! as [string, (e: unknown, argv: string[]) => void];
    expect(event).toBe('second-instance');
    listener({}, ['litesip', 'sip:bob@example.com']);
    expect(onSecond).toHaveBeenCalledWith(['litesip', 'sip:bob@example.com']);
  });
});

describe('notifications', () => {
  it('shows one and brings the window forward on click', () => {
    const handlers = new Map<string, () => void>();
    const n = { show: vi.fn(), on: (e: string, l: (event: unknown, index: number) => void) => handlers.set(e, () => l(undefined, 0)) };
    const onClick = vi.fn();
    const service = new NotificationService({ isSupported: () => true, create: vi.fn(() => n), onClick });
    expect(service.notify('Title', 'Body')).toBe(true);
    expect(n.show).toHaveBeenCalled();
    handlers.get('click')!();
    expect(onClick).toHaveBeenCalled();
  });

  it('does nothing where the system has none', () => {
    const create = vi.fn();
    expect(new NotificationService({ isSupported: () => false, create, onClick: vi.fn() }).notify('a', 'b')).toBe(false);
    expect(create).not.toHaveBeenCalled();
  });
});

describe('settings effects', () => {
  it('sets the native theme and, when packaged, the login item', () => {
    const theme = { themeSource: 'system' as 'system' | 'light' | 'dark' };
    const app = { isPackaged: true, setLoginItemSettings: vi.fn() };
    applySettings({ ...defaultSettings, theme: 'dark', startAtLogin: true }, app as never, theme as never);
    expect(theme.themeSource).toBe('dark');
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    const dev = { isPackaged: false, setLoginItemSettings: vi.fn() };
    applySettings(defaultSettings, dev as never, theme as never);
    expect(dev.setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('origins', () => {
  it('rebuilds origins of custom schemes and trusts only the listed ones', () => {
    expect(originOf('app://litesip/index.html')).toBe('app://litesip');
    expect(originOf('not a url')).toBeUndefined();
    const trusted = trustOrigins(['app://litesip', 'http://localhost:5173']);
    expect(trusted('app://litesip/x')).toBe(true);
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('app://litesip.evil.com/')).toBe(false);
    expect(trusted('file:///index.html')).toBe(false);
  });
});
