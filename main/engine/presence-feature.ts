import type { BuddyPresence, Contact, MyPresence, PresenceStatus } from '../../shared/ipc';
import { ContactNotFoundError, PresenceAddressError, PresenceService } from '../presence';
import { EngineError, type Handler } from './dispatch';
import type { EngineFeature, FeatureContext } from './feature';

/** Who hears when buddies come and go (the chat feature holds and sends queued messages). */
export interface BuddyObserver {
  peerOnline(uri: string): void;
  peerOffline(uri: string): void;
}

/** Whether a call is in progress, for the automatic on-the-phone state (RFC 4480 activity). */
export interface CallActivity {
  /** Calls `listener` with true when the first call starts and false when the last one ends; returns how to stop. */
  watchCalls(listener: (inCall: boolean) => void): () => void;
}

export interface PresenceFeatureOptions {
  observer?: BuddyObserver;
  calls?: CallActivity;
}

/** Presence and contacts (RFC 3856, RFC 3903) as an engine feature: the presence:* and contacts:* contract. */
export class PresenceFeature implements EngineFeature {
  readonly name = 'presence';
  readonly handlers: ReadonlyMap<string, Handler>;
  private service: PresenceService | undefined;
  private unwatchCalls: (() => void) | undefined;

  constructor(private readonly options: PresenceFeatureOptions = {}) {
    type P = { uri: string; displayName?: string };
    this.handlers = new Map<string, Handler>([
      ['presence:set-status', (p) => this.call((s) => s.setStatus({ status: (p as { status: PresenceStatus }).status, note: (p as { note?: string }).note ?? '' }))],
      ['presence:get', () => this.call((s): { me: MyPresence; buddies: BuddyPresence[] } => ({ me: s.me, buddies: s.buddyList() }))],
      ['presence:watch', (p) => this.call((s) => s.watch((p as P).uri))],
      ['contacts:list', () => this.call((s): Contact[] => s.contacts())],
      ['contacts:add', (p) => this.call((s) => s.addContact((p as P).uri, (p as P).displayName))],
      ['contacts:remove', (p) => this.call(async (s) => ({ removed: await s.removeContact((p as P).uri) }))],
      ['contacts:rename', (p) => this.call((s) => s.renameContact((p as P).uri, (p as P).displayName ?? ''))],
      ['contacts:accept-watcher', (p) => this.call((s) => s.acceptWatcher((p as P).uri))],
      ['contacts:block-watcher', (p) => this.call((s) => s.blockWatcher((p as P).uri))],
    ]);
  }

  start(context: FeatureContext): void {
    this.service = new PresenceService({
      ua: context.ua,
      clock: context.clock,
      store: context.store,
      identity: context.identity,
      // Server mode (RFC 3903) when an account gives us an address of record.
      publish: context.identity !== context.ua.localUri,
      delegate: {
        buddyChanged: (p) => {
          context.emit('presence:buddy-changed', p);
          // Any news from a buddy who is online retries what waits for them (a flush of nothing is cheap).
          if (p.status !== 'offline') this.options.observer?.peerOnline(p.uri);
          // Not knowing (a pending subscription) is not the same as offline.
          else if (p.subscription !== 'pending') this.options.observer?.peerOffline(p.uri);
        },
        watcherRequest: (r) => context.emit('presence:watcher-request', r),
        contactsChanged: (c) => context.emit('contacts:changed', c),
      },
    });
    this.service.start();
    const service = this.service;
    this.unwatchCalls = this.options.calls?.watchCalls((inCall) => void service.setInCall(inCall).catch(() => undefined));
  }

  /** Final NOTIFYs (noresource), unsubscribes and the PUBLISH removal, within the engine's stop budget. */
  async stop(): Promise<void> {
    const service = this.service;
    this.service = undefined;
    this.unwatchCalls?.();
    this.unwatchCalls = undefined;
    await service?.stop();
  }

  private call<T>(fn: (service: PresenceService) => T): T {
    const service = this.service;
    if (!service) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    const translate = (err: unknown): never => {
      if (err instanceof PresenceAddressError) throw new EngineError('bad-uri', err.message);
      if (err instanceof ContactNotFoundError) throw new EngineError('not-found', err.message);
      throw err;
    };
    try {
      const result = fn(service);
      return (result instanceof Promise ? result.catch(translate) : result) as T;
    } catch (err) {
      return translate(err);
    }
  }
}

export function createPresenceFeature(options: PresenceFeatureOptions = {}): PresenceFeature {
  return new PresenceFeature(options);
}
