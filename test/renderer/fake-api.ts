import { vi } from 'vitest';
import {
  defaultSettings,
  fail,
  ok,
  sipTargetSchema,
  type AppStatus,
  type CallInfo,
  type LiteSipApi,
  type Result,
  type Settings,
  type SettingsPatch,
} from '../../shared/ipc';

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

/** A call as the engine reports it; fields overridden per test. */
export function callInfo(fields: Partial<CallInfo> = {}): CallInfo {
  return {
    id: 'call-1',
    direction: 'outgoing',
    state: 'dialing',
    peer: 'sip:bob@192.0.2.20:5060',
    startedAt: Date.now(),
    held: false,
    remoteHeld: false,
    muted: false,
    encryption: 'none',
    ...fields,
  };
}

/** An in-memory engine behind the contract, with a hook to refuse updates. */
export function fakeApi(
  options: { status?: AppStatus; settings?: Settings; calls?: CallInfo[]; refuse?: (patch: SettingsPatch) => string | undefined } = {},
) {
  let settings: Settings = { ...(options.settings ?? defaultSettings) };
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const emit = (channel: string, payload: unknown): void => {
    for (const l of listeners.get(channel) ?? []) (l as (p: unknown) => void)(payload);
  };
  const calls = new Map((options.calls ?? []).map((c) => [c.id, c]));
  let nextCall = 1;
  /** Applies a change to a call the way the engine does: answers with it and emits calls:changed. */
  const change = (callId: string, patch: Partial<CallInfo>): Result<CallInfo> => {
    const call = calls.get(callId);
    if (!call) return fail('not-found', 'No such call (it may have ended)');
    const next = { ...call, ...patch };
    if (next.state === 'ended') calls.delete(callId);
    else calls.set(callId, next);
    emit('calls:changed', next);
    return ok(next);
  };
  const api = {
    calls: {
      list: vi.fn(async (): Promise<Result<CallInfo[]>> => ok([...calls.values()])),
      dial: vi.fn(async ({ target }: { target: string }): Promise<Result<CallInfo>> => {
        const parsed = sipTargetSchema.safeParse(target);
        if (!parsed.success) return fail('bad-request', `Invalid payload for calls:dial at target: ${parsed.error.issues[0]?.message}`);
        if (/^\+?[0-9]/.test(parsed.data)) return fail('bad-target', `"${parsed.data}" is a phone number; calling numbers needs an account with a server`);
        const peer = parsed.data.startsWith('sip') ? parsed.data : `sip:${parsed.data}`;
        const call = callInfo({ id: `out-${nextCall++}`, peer });
        calls.set(call.id, call);
        emit('calls:changed', call);
        return ok(call);
      }),
      answer: vi.fn(async ({ callId }: { callId: string }) => change(callId, { state: 'connected', answeredAt: Date.now() })),
      decline: vi.fn(async ({ callId }: { callId: string }) => change(callId, { state: 'ended', endedAt: Date.now(), endReason: 'declined', endStatus: 603 })),
      hangup: vi.fn(async ({ callId }: { callId: string }) => change(callId, { state: 'ended', endedAt: Date.now(), endReason: 'hung up' })),
      hold: vi.fn(async ({ callId }: { callId: string }) => change(callId, { held: true })),
      resume: vi.fn(async ({ callId }: { callId: string }) => change(callId, { held: false })),
      mute: vi.fn(async ({ callId, muted }: { callId: string; muted: boolean }) => change(callId, { muted })),
      sendDtmf: vi.fn(async ({ callId }: { callId: string; digits: string }): Promise<Result<CallInfo>> => {
        const call = calls.get(callId);
        return call ? ok(call) : fail('not-found', 'No such call (it may have ended)');
      }),
    },
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
  /** The engine's side of a call: the peer answers, rings, hangs up, or calls us. */
  const engine = {
    add(call: CallInfo): void {
      calls.set(call.id, call);
      emit('calls:changed', call);
    },
    change,
  };
  return { api: api as unknown as LiteSipApi & typeof api, emit, engine };
}
