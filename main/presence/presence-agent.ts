import type { MyPresence, WatcherAuthorization } from '../../shared/ipc';
import type { ContactsRepository } from '../store';
import type { BodyInit, SipRequest } from '../sip/message';
import type { Authorization, Notifier, NotifierPackage, ServerSubscription } from './events';
import { buildPidf, PIDF_TYPE } from './pidf-build';
import { resourceKey } from './resource-key';

export interface PresenceAgentDelegate {
  /** A watcher we have not decided on subscribed (RFC 3856 §6.6). */
  watcherRequest(uri: string, displayName: string): void;
  /** Someone subscribed to us: they are online (a hint to subscribe back now). */
  watcherSeen(uri: string): void;
}

/**
 * Our own presence agent (RFC 3856 §6, RFC 5638 §3: the endpoint is its presence agent).
 * New watchers wait in `pending` until the user accepts them; blocked watchers get an
 * active subscription that always reads offline (polite blocking).
 */
export class PresenceAgent implements NotifierPackage {
  readonly event = 'presence';
  readonly bodyTypes = [PIDF_TYPE];
  /** RFC 3856 §6.4: one hour by default. */
  readonly defaultExpires = 3600;
  readonly minExpires = 60;
  readonly maxExpires = 3600;
  private me: MyPresence;

  constructor(
    private readonly notifier: Notifier,
    private readonly contacts: ContactsRepository,
    private readonly entity: string,
    private readonly delegate: PresenceAgentDelegate,
    initial: MyPresence = { status: 'available', note: '' },
  ) {
    this.me = { ...initial };
  }

  get current(): MyPresence {
    return { ...this.me };
  }

  authorize(request: SipRequest): Authorization {
    const uri = resourceKey(request.from.uri);
    let authorization: WatcherAuthorization | undefined = this.contacts.get(uri)?.authorization;
    if (authorization === undefined) {
      this.contacts.addPendingWatcher(uri, request.from.displayName ?? '');
      authorization = 'pending';
    }
    this.delegate.watcherSeen(uri);
    if (authorization === 'pending') {
      this.delegate.watcherRequest(uri, this.contacts.get(uri)?.displayName ?? '');
      return { state: 'pending' };
    }
    // Blocked watchers are accepted and see us offline (polite blocking).
    return { state: 'active' };
  }

  body(subscription: ServerSubscription): BodyInit {
    const blocked = this.contacts.get(resourceKey(subscription.subscriber.uri))?.authorization === 'blocked';
    const shown: MyPresence = blocked ? { status: 'offline', note: '' } : this.me;
    return { data: buildPidf(this.entity, shown.status, shown.note), contentType: PIDF_TYPE };
  }

  /** Our state changed: every watcher hears it (RFC 3856 §6.7). */
  set(presence: MyPresence): Promise<void> {
    this.me = { ...presence };
    return Promise.all(this.notifier.list(this.event).map((s) => s.notify())).then(() => undefined);
  }

  /** The user decided about `uri`: its pending subscriptions become active (allowed or politely blocked). */
  reauthorize(uri: string): Promise<void> {
    const authorization = this.contacts.get(uri)?.authorization;
    const subs = this.subscriptionsOf(uri);
    if (authorization === undefined) return Promise.all(subs.map((s) => s.terminate('deactivated'))).then(() => undefined);
    if (authorization === 'pending') return Promise.resolve();
    return Promise.all(subs.map((s) => s.setState('active'))).then(() => undefined);
  }

  private subscriptionsOf(uri: string): ServerSubscription[] {
    return this.notifier.list(this.event).filter((s) => resourceKey(s.subscriber.uri) === uri);
  }
}
