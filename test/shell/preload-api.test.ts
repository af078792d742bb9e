import { describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../preload/build-api';
import { contract } from '../../shared/ipc';

describe('preload API', () => {
  it('exposes named verbs from the contract that invoke their channel', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
    const api = buildApi({ invoke, subscribe: vi.fn() });
    await api.app.getStatus();
    await api.settings.update({ theme: 'dark' });
    expect(invoke.mock.calls).toEqual([
      ['app:get-status', undefined],
      ['settings:update', { theme: 'dark' }],
    ]);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on'].sort());
  });

  it('subscribes only to contract event channels', () => {
    const off = vi.fn();
    const subscribe = vi.fn(() => off);
    const api = buildApi({ invoke: vi.fn(), subscribe });
    const listener = vi.fn();
    expect(api.on('app:status', listener)).toBe(off);
    expect(subscribe).toHaveBeenCalledWith('app:status', listener);
    expect(() => api.on('ipc:anything' as never, listener)).toThrow(/Unknown event channel/);
    expect(() => api.on('app:status', 'x' as never)).toThrow(/function/);
  });
});
