/**
 * The typed IPC contract between the UI and the engine, one module per domain.
 * The Electron preload and the web bridge both carry exactly this.
 */
import type { EventDef, EventPayloadOf, PayloadOf, RequestDef, ResponseOf } from './define';
import type { Result } from './result';
import { appEvents, appRequests } from './app';
import { settingsEvents, settingsRequests } from './settings';
import { chatEvents, chatRequests } from './chat';
import { contactsEvents, contactsRequests } from './contacts';
import { presenceEvents, presenceRequests } from './presence';
import { callsEvents, callsRequests } from './calls';
import { accountsEvents, accountsRequests } from './accounts';
import { historyEvents, historyRequests } from './history';
import { voicemailEvents, voicemailRequests } from './voicemail';

export const contract = {
  app: { requests: appRequests, events: appEvents },
  settings: { requests: settingsRequests, events: settingsEvents },
  chat: { requests: chatRequests, events: chatEvents },
  contacts: { requests: contactsRequests, events: contactsEvents },
  presence: { requests: presenceRequests, events: presenceEvents },
  calls: { requests: callsRequests, events: callsEvents },
  accounts: { requests: accountsRequests, events: accountsEvents },
  history: { requests: historyRequests, events: historyEvents },
  voicemail: { requests: voicemailRequests, events: voicemailEvents },
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;

type RequestsOf<D extends Domain> = Contract[D]['requests'];
type EventsOf<D extends Domain> = Contract[D]['events'];

type AllRequestDefs = { [D in Domain]: RequestsOf<D>[keyof RequestsOf<D>] }[Domain];
type AllEventDefs = { [D in Domain]: EventsOf<D>[keyof EventsOf<D>] }[Domain];

export type RequestChannel = AllRequestDefs extends RequestDef<infer C> ? C : never;
export type EventChannel = AllEventDefs extends EventDef<infer C> ? C : never;

export type RequestByChannel<C extends RequestChannel> = Extract<AllRequestDefs, { channel: C }>;
export type EventByChannel<C extends EventChannel> = Extract<AllEventDefs, { channel: C }>;

export type RequestPayload<C extends RequestChannel> = PayloadOf<RequestByChannel<C>>;
export type RequestResponse<C extends RequestChannel> = ResponseOf<RequestByChannel<C>>;
export type EventPayload<C extends EventChannel> = EventPayloadOf<EventByChannel<C>>;

/** Every request definition keyed by channel, for carriers that dispatch by name. */
export const requestsByChannel: ReadonlyMap<string, RequestDef> = new Map(
  Object.values(contract).flatMap((d) => Object.values(d.requests).map((r) => [r.channel, r as RequestDef] as const)),
);

export const eventChannels: readonly string[] = Object.values(contract).flatMap((d) =>
  Object.values(d.events).map((e) => e.channel),
);

/** What the renderer calls: `api.app.getStatus()`, `api.on('app:status', fn)`. */
export type LiteSipApi = {
  [D in Domain]: {
    [K in keyof RequestsOf<D>]: (
      ...args: undefined extends PayloadOf<RequestsOf<D>[K]>
        ? [payload?: PayloadOf<RequestsOf<D>[K]>]
        : [payload: PayloadOf<RequestsOf<D>[K]>]
    ) => Promise<Result<ResponseOf<RequestsOf<D>[K]>>>;
  };
} & {
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
};

export * from './result';
export * from './define';
export * from './app';
export * from './settings';
export * from './chat';
export * from './contacts';
export * from './presence';
export * from './calls';
export * from './accounts';
export * from './history';
export * from './voicemail';
export * from './services-settings';
export * from './nat-settings';
export * from './sip-uri';
