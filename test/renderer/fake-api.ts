import { vi } from 'vitest';
import { defaultSettings, fail, ok, type AppStatus, type LiteSipApi, type Result, type Settings, type SettingsPatch } from '../../shared/ipc';

export const runningStatus: AppStatus = {
  version: '0.1.0',
  engine: 'running',
  identity: 'sip:alice@192.0.2.10:5060',
  listening: [
    { transport: 'udp', host: '192.0.2.10', port: 5060 },
    { transport: 'tls', host: '::1', port: 5061 },
  ],
  registrations: [],
};

/** An in-memory engine behind the contract, with a hook to refuse updates. */
export function fakeApi(options: { status?: AppStatus; settings?: Settings; refuse?: (patch: SettingsPatch) => string | undefined } = {}) {
  let settings: Settings = { ...(options.settings ?? defaultSettings) };
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const emit = (channel: string, payload: unknown): void => {
    for (const l of listeners.get(channel) ?? []) (l as (p: unknown) => void)(payload);
  };
  const api = {
    app: { getStatus: vi.fn(async (): Promise<Result<AppStatus>> => ok(options.status ?? runningStatus)) },
    settings: {
      get: vi.fn(async (): Promise<Result<Settings>> => ok(settings)),
      update: vi.fn(async (patch: SettingsPatch): Promise<Result<Settings>> => {
        const refused = options.refuse?.(patch);
        if (refused) return fail('bad-request', refused);
        settings = { ...settings, ...patch };
        emit('settings:changed', settings);
        return ok(settings);
      }),
    },
    on: vi.fn((channel: string, listener: (payload: never) => void) => {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    }),
  };
  return { api: api as unknown as LiteSipApi & typeof api, emit };
}
