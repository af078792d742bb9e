import { describe, expect, it, vi } from 'vitest';
import { TrayService, type MenuItemSpec } from '../../main/shell/tray-service';
import type { AppStatus } from '../../shared/ipc';

function setUp() {
  let visible = true;
  const tray = { setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
  const deps = {
    createTray: vi.fn(() => tray),
    buildMenu: (items: MenuItemSpec[]) => items,
    isWindowVisible: () => visible,
    showWindow: vi.fn(() => (visible = true)),
    hideWindow: vi.fn(() => (visible = false)),
    quit: vi.fn(),
  };
  const service = new TrayService(deps);
  const menu = (): MenuItemSpec[] => tray.setContextMenu.mock.calls.at(-1)![0] as MenuItemSpec[];
  return { tray, deps, service, menu };
}

const running: AppStatus = { version: '0.1.0', engine: 'running', identity: 'sip:alice@127.0.0.1:5060', listening: [], registrations: [] };

describe('tray', () => {
  it('shows the engine state and identity as a disabled first line and in the tooltip', () => {
    const { tray, service, menu } = setUp();
    service.start();
    service.update(running);
    expect(menu()[0]).toEqual({ label: 'Online — sip:alice@127.0.0.1:5060', enabled: false });
    expect(tray.setToolTip).toHaveBeenLastCalledWith('LiteSIP — Online — sip:alice@127.0.0.1:5060');
    service.update({ ...running, engine: 'failed' });
    expect(menu()[0]!.label).toBe('Not working');
  });

  it('offers hide or show to match the window, and quit', () => {
    const { deps, service, menu } = setUp();
    service.start();
    const labels = (): (string | undefined)[] => menu().map((i) => i.label);
    expect(labels()).toContain('Hide LiteSIP');
    menu().find((i) => i.label === 'Hide LiteSIP')!.click!();
    expect(deps.hideWindow).toHaveBeenCalled();
    expect(labels()).toContain('Show LiteSIP');
    menu().find((i) => i.label === 'Show LiteSIP')!.click!();
    expect(deps.showWindow).toHaveBeenCalled();
    menu().find((i) => i.label === 'Quit LiteSIP')!.click!();
    expect(deps.quit).toHaveBeenCalled();
  });

  it('toggles the window on click and is created once', () => {
    const { tray, deps, service } = setUp();
    service.start();
    service.start();
    expect(deps.createTray).toHaveBeenCalledTimes(1);
    const click = tray.on.mock.calls.find(([e]) => e === 'click')![1] as () => void;
    click();
    expect(deps.hideWindow).toHaveBeenCalledTimes(1);
    click();
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    service.destroy();
    expect(tray.destroy).toHaveBeenCalled();
  });
});
