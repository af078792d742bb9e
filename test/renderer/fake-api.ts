import { vi } from 'vitest';
import {
  applyNatPatch,
  defaultSettings,
  fail,
  ok,
  sipTargetSchema,
  contactUriSchema,
  type AccountInfo,
  type AppStatus,
  type BuddyPresence,
  type CallInfo,
  type ChatMessage,
  type Contact,
  type ConversationPage,
  type ConversationSummary,
  type HistoryEntry,
  type HistoryPage,
  type MyPresence,
  type NewAccount,
  type VoicemailAudio,
  type VoicemailEntry,
  type VoicemailPage,
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

export function contact(uri: string, fields: Partial<Contact> = {}): Contact {
  return { uri, displayName: '', buddy: true, authorization: 'allowed', ...fields };
}

export function message(fields: Partial<ChatMessage> & { id: number; peer: string }): ChatMessage {
  return { direction: 'in', body: `message ${fields.id}`, contentType: 'text/plain', state: 'received', createdAt: Date.now(), ...fields };
}

export function historyEntry(fields: Partial<HistoryEntry> & { id: number }): HistoryEntry {
  const t = Date.now() - fields.id * 60_000;
  return { direction: 'incoming', peer: 'sip:bob@192.0.2.20:5060', startedAt: t, answeredAt: t + 2000, endedAt: t + 62_000, outcome: 'answered', encryption: 'srtp', ...fields };
}

export function voicemailEntry(fields: Partial<VoicemailEntry> & { id: number }): VoicemailEntry {
  return { caller: 'sip:bob@192.0.2.20:5060', receivedAt: Date.now() - fields.id * 60_000, durationMs: 2000, heard: false, ...fields };
}

/** A 16-bit mono WAV: silence, then a loud half (so a waveform has a shape to check). */
export function wavBase64(ms = 2000, rate = 8000): string {
  const samples = Math.round((ms / 1000) * rate);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string): void => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = samples / 2; i < samples; i++) view.setInt16(44 + i * 2, Math.round(Math.sin(i / 3) * 30000), true);
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
}

/** An in-memory engine behind the contract, with a hook to refuse updates. */
export function fakeApi(
  options: {
    status?: AppStatus;
    settings?: Settings;
    calls?: CallInfo[];
    refuse?: (patch: SettingsPatch) => string | undefined;
    contacts?: Contact[];
    buddies?: BuddyPresence[];
    messages?: ChatMessage[];
    history?: HistoryEntry[];
    accounts?: AccountInfo[];
    voicemail?: VoicemailEntry[];
  } = {},
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
  const contacts = new Map((options.contacts ?? []).map((c) => [c.uri, c]));
  let me: MyPresence = { status: 'available', note: '' };
  const messages: ChatMessage[] = [...(options.messages ?? [])];
  let nextMessage = Math.max(0, ...messages.map((m) => m.id)) + 1;
  let history: HistoryEntry[] = [...(options.history ?? [])];
  let accounts: AccountInfo[] = [...(options.accounts ?? [])];
  const contactResult = (uri: string, patch: Partial<Contact>): Result<Contact> => {
    const c = contacts.get(uri) ?? contact(uri, { buddy: false, authorization: 'pending' });
    const next = { ...c, ...patch };
    contacts.set(uri, next);
    emit('contacts:changed', [...contacts.values()]);
    return ok(next);
  };
  /** Delivery the fake engine gives a sent message; a test may change it. */
  const delivery: { next: (to: string) => { state: ChatMessage['state']; reason?: string } } = { next: () => ({ state: 'delivered' }) };
  let voicemail: VoicemailEntry[] = [...(options.voicemail ?? [])];
  const unheard = (): number => voicemail.filter((v) => !v.heard).length;
  const api = {
    voicemail: {
      list: vi.fn(async (): Promise<Result<VoicemailPage>> => ok({ entries: voicemail, unheard: unheard() })),
      play: vi.fn(async ({ id }: { id: number }): Promise<Result<VoicemailAudio>> => {
        const v = voicemail.find((e) => e.id === id);
        return v ? ok({ id, mimeType: 'audio/wav', wavBase64: wavBase64(v.durationMs), sampleRate: 8000, durationMs: v.durationMs }) : fail('not-found', 'No such voicemail');
      }),
      markHeard: vi.fn(async ({ id, heard = true }: { id: number; heard?: boolean }): Promise<Result<VoicemailEntry>> => {
        const v = voicemail.find((e) => e.id === id);
        if (!v) return fail('not-found', 'No such voicemail');
        v.heard = heard;
        emit('voicemail:changed', { id, entry: { ...v }, unheard: unheard() });
        return ok({ ...v });
      }),
      delete: vi.fn(async ({ id }: { id: number }): Promise<Result<{ deleted: boolean }>> => {
        const before = voicemail.length;
        voicemail = voicemail.filter((e) => e.id !== id);
        emit('voicemail:changed', { id, unheard: unheard() });
        return ok({ deleted: voicemail.length < before });
      }),
      exportWav: vi.fn(),
      setGreeting: vi.fn(),
    },
    contacts: {
      list: vi.fn(async (): Promise<Result<Contact[]>> => ok([...contacts.values()])),
      add: vi.fn(async ({ uri, displayName }: { uri: string; displayName?: string }): Promise<Result<Contact>> => {
        if (!contactUriSchema.safeParse(uri).success) return fail('bad-request', 'Invalid payload for contacts:add at uri: is not a SIP address (sip:user@host[:port])');
        return contactResult(uri, { buddy: true, ...(displayName !== undefined ? { displayName } : {}) });
      }),
      remove: vi.fn(async ({ uri }: { uri: string }): Promise<Result<{ removed: boolean }>> => {
        const removed = contacts.delete(uri);
        emit('contacts:changed', [...contacts.values()]);
        return ok({ removed });
      }),
      rename: vi.fn(async ({ uri, displayName }: { uri: string; displayName: string }): Promise<Result<Contact>> =>
        contacts.has(uri) ? contactResult(uri, { displayName }) : fail('not-found', `${uri} is not a contact`),
      ),
      acceptWatcher: vi.fn(async ({ uri }: { uri: string }) => contactResult(uri, { authorization: 'allowed' })),
      blockWatcher: vi.fn(async ({ uri }: { uri: string }) => contactResult(uri, { authorization: 'blocked' })),
    },
    presence: {
      get: vi.fn(async (): Promise<Result<{ me: MyPresence; buddies: BuddyPresence[] }>> => ok({ me, buddies: options.buddies ?? [] })),
      setStatus: vi.fn(async ({ status, note }: MyPresence): Promise<Result<MyPresence>> => ok((me = { status, note: note ?? '' }))),
      watch: vi.fn(),
    },
    chat: {
      conversations: vi.fn(async (): Promise<Result<ConversationSummary[]>> => {
        const peers = [...new Set([...messages].sort((a, b) => b.id - a.id).map((m) => m.peer))];
        return ok(
          peers.map((peer) => {
            const mine = messages.filter((m) => m.peer === peer);
            return { peer, last: mine.reduce((a, b) => (b.id > a.id ? b : a)), unread: mine.filter((m) => m.state === 'received').length };
          }),
        );
      }),
      list: vi.fn(async ({ peer, beforeId, limit = 50 }: { peer: string; beforeId?: number; limit?: number }): Promise<Result<ConversationPage>> => {
        const all = messages.filter((m) => m.peer === peer && (beforeId === undefined || m.id < beforeId)).sort((a, b) => b.id - a.id);
        const page = all.slice(0, limit);
        return ok(all.length > limit ? { messages: page, nextBeforeId: page.at(-1)!.id } : { messages: page });
      }),
      send: vi.fn(async ({ to, body }: { to: string; body: string }): Promise<Result<ChatMessage>> => {
        const m = message({ id: nextMessage++, peer: to, direction: 'out', body, state: 'sending' });
        messages.push(m);
        emit('chat:delivery-changed', { id: m.id, peer: to, state: 'sending' });
        const outcome = delivery.next(to);
        Object.assign(m, outcome);
        emit('chat:delivery-changed', { id: m.id, peer: to, ...outcome });
        return ok({ ...m });
      }),
      markRead: vi.fn(async ({ peer }: { peer: string }): Promise<Result<{ marked: number }>> => {
        let marked = 0;
        for (const m of messages) {
          if (m.peer !== peer || m.state !== 'received') continue;
          m.state = 'read';
          marked++;
        }
        return ok({ marked });
      }),
      typing: vi.fn(async (): Promise<Result<void>> => ok(undefined)),
    },
    history: {
      list: vi.fn(async (p?: { before?: string; limit?: number }): Promise<Result<HistoryPage>> => {
        const limit = p?.limit ?? 50;
        const sorted = [...history].sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
        const start = p?.before ? sorted.findIndex((e) => `${e.startedAt}.${e.id}` === p.before) + 1 : 0;
        const page = sorted.slice(start, start + limit);
        const last = page.at(-1);
        return ok(start + limit < sorted.length && last ? { entries: page, nextCursor: `${last.startedAt}.${last.id}` } : { entries: page });
      }),
      delete: vi.fn(async ({ id }: { id: number }): Promise<Result<{ deleted: boolean }>> => {
        const before = history.length;
        history = history.filter((e) => e.id !== id);
        return ok({ deleted: history.length < before });
      }),
      clear: vi.fn(async (): Promise<Result<{ deleted: number }>> => {
        const deleted = history.length;
        history = [];
        return ok({ deleted });
      }),
    },
    accounts: {
      list: vi.fn(async (): Promise<Result<AccountInfo[]>> => ok(accounts)),
      add: vi.fn(async (a: NewAccount): Promise<Result<AccountInfo>> => {
        if (!contactUriSchema.safeParse(a.aor).success) return fail('bad-request', 'Invalid payload for accounts:add at aor: is not a SIP address (sip:user@host[:port])');
        const info: AccountInfo = {
          id: accounts.length + 1,
          aor: a.aor,
          displayName: a.displayName ?? '',
          username: a.username ?? '',
          ...(a.proxy ? { proxy: a.proxy } : {}),
          enabled: true,
          hasPassword: a.password !== undefined,
          createdAt: Date.now(),
          updatedAt: Date.now(),
        };
        accounts = [...accounts, info];
        emit('accounts:changed', accounts);
        return ok(info);
      }),
      update: vi.fn(),
      remove: vi.fn(),
    },
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
        const { nat, ...rest } = patch;
        settings = { ...settings, ...rest, ...(nat ? { nat: applyNatPatch(settings.nat, nat) } : {}) };
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
  return { api: api as unknown as LiteSipApi & typeof api, emit, engine, messages, delivery, contacts };
}
