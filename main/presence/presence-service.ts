import type { BuddyPresence, Contact, MyPresence } from '../../shared/ipc';
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import type { UserAgent } from '../sip/ua';
import { BuddyList } from './buddy-list';
import { ContactNotFoundError, PresenceAddressError } from './errors';
import { Notifier } from './events';
import { PresenceAgent } from './presence-agent';
import type { PresenceDelegate } from './presence-delegate';
import { PresencePublisher } from './presence-publisher';
import { buildPidf, PIDF_TYPE } from './pidf-build';
import { parseResource, resourceKey } from './resource-key';
import { loadMyPresence, saveMyPresence } from './saved-presence';

export interface PresenceServiceOptions {
  ua: UserAgent;
  clock: Clock;
  store: Store;
  /** Our address of record (an account's AOR, or the local URI without a server). */
  identity: string;
  /** Publish to a presence server (RFC 3903); on when an account is configured. */
  publish: boolean;
  delegate: PresenceDelegate;
  /** Seconds between attempts to reach an offline buddy (default 60). */
  retrySeconds?: number;
  /** RFC 3856 §6.4: subscription and publication interval (default 3600). */
  expires?: number;
  /** How long shutdown may wait for final NOTIFYs and unsubscribes (ms). */
  stopBudgetMs?: number;
}

/**
 * Presence in the endpoint (RFC 3856, RFC 5638 §3): our own presence agent and its watcher
 * authorization, one subscription per buddy, and PUBLISH in server mode.
 */
export class PresenceService {
  private readonly notifier: Notifier;
  private readonly agent: PresenceAgent;
  private readonly buddies: BuddyList;
  private readonly publisher: PresencePublisher | undefined;
  /** The state the user chose (kept across restarts); calls show over it. */
  private chosen: MyPresence;
  private inCall = false;

  constructor(private readonly options: PresenceServiceOptions) {
    const { ua, clock, store, delegate } = options;
    const identity = options.identity.replace(/;transport=\w+$/i, '');
    this.chosen = loadMyPresence(store.meta);
    this.notifier = new Notifier(ua, clock);
    this.buddies = new BuddyList(
      ua,
      clock,
      { from: `<${identity}>`, retrySeconds: options.retrySeconds ?? 60, expires: options.expires ?? 3600 },
      { changed: (p) => delegate.buddyChanged(p), badDocument: (uri, message) => delegate.problem?.(`${uri}: ${message}`) },
    );
    this.agent = new PresenceAgent(this.notifier, store.contacts, identity, {
      watcherRequest: (uri, displayName) => {
        delegate.watcherRequest({ uri, displayName });
        delegate.contactsChanged(store.contacts.list());
      },
      watcherSeen: (uri) => this.buddies.seen(uri),
    }, this.chosen);
    const aor = parseResource(identity);
    this.publisher = options.publish && aor ? new PresencePublisher(ua, clock, { aor, from: `<${identity}>`, expires: options.expires ?? 3600 }) : undefined;
  }

  start(): void {
    const { ua, store } = this.options;
    this.notifier.register(this.agent);
    ua.advertise({ accept: PIDF_TYPE });
    // RFC 6665 §4.1.3: a NOTIFY that matches no subscription gets 481.
    ua.handle('NOTIFY', (_request, tx) => ua.respond(tx, 481));
    for (const c of store.contacts.list()) if (c.buddy) this.buddies.watch(c.uri);
    // The state kept from the last run goes out again (RFC 3903 §4.2: a new publication).
    if (this.publisher) void this.publisher.publish(this.pidf()).catch(() => undefined);
  }

  async stop(): Promise<void> {
    const budget = this.options.stopBudgetMs ?? 450;
    const all = Promise.allSettled([this.notifier.terminateAll('noresource'), this.buddies.stop(), this.publisher?.stop(budget - 100)]);
    await Promise.race([all, new Promise((r) => setTimeout(r, budget).unref())]);
  }

  get me(): MyPresence {
    return this.agent.current;
  }

  /** Sets our state and note, kept for the next start, and tells every watcher and the server. */
  async setStatus(presence: MyPresence): Promise<MyPresence> {
    this.chosen = { status: presence.status, note: presence.note };
    saveMyPresence(this.options.store.meta, this.chosen);
    await this.show();
    return this.agent.current;
  }

  /**
   * A call started (the first) or ended (the last): during calls we read on-the-phone (RFC 4480
   * activity), then the chosen state again. Someone who chose to look offline stays offline.
   */
  async setInCall(inCall: boolean): Promise<void> {
    if (inCall === this.inCall) return;
    this.inCall = inCall;
    await this.show();
  }

  private async show(): Promise<void> {
    const shown: MyPresence = this.inCall && this.chosen.status !== 'offline' ? { status: 'on-the-phone', note: this.chosen.note } : this.chosen;
    const now = this.agent.current;
    if (now.status === shown.status && now.note === shown.note) return;
    await Promise.all([this.agent.set(shown), this.publisher?.publish(this.pidf()).catch(() => undefined)]);
  }

  buddyList(): BuddyPresence[] {
    return this.buddies.list();
  }

  /** Subscribes to `uri` without making it a contact. */
  watch(uri: string): BuddyPresence {
    return this.buddies.watch(this.key(uri));
  }

  contacts(): Contact[] {
    return this.options.store.contacts.list();
  }

  addContact(uri: string, displayName?: string): Contact {
    const key = this.key(uri);
    const contact = this.options.store.contacts.addBuddy(key, displayName ?? '');
    this.buddies.watch(key);
    void this.agent.reauthorize(key);
    this.contactsChanged();
    return contact;
  }

  async removeContact(uri: string): Promise<boolean> {
    const key = this.key(uri);
    const removed = this.options.store.contacts.remove(key);
    await Promise.all([this.buddies.unwatch(key), this.agent.reauthorize(key)]);
    this.contactsChanged();
    return removed;
  }

  renameContact(uri: string, displayName: string): Contact {
    const contact = this.options.store.contacts.rename(this.key(uri), displayName);
    if (!contact) throw new ContactNotFoundError(uri);
    this.contactsChanged();
    return contact;
  }

  /** RFC 3856 §6.6: the user let this watcher see our presence. */
  acceptWatcher(uri: string): Contact {
    return this.authorize(uri, 'allowed');
  }

  /** Polite blocking: the watcher's subscription stays active and always reads offline. */
  blockWatcher(uri: string): Contact {
    return this.authorize(uri, 'blocked');
  }

  private authorize(uri: string, authorization: 'allowed' | 'blocked'): Contact {
    const key = this.key(uri);
    const store = this.options.store.contacts;
    if (!store.get(key)) store.addPendingWatcher(key);
    const contact = store.setAuthorization(key, authorization) as Contact;
    void this.agent.reauthorize(key);
    this.contactsChanged();
    return contact;
  }

  private pidf(): string {
    const me = this.agent.current;
    return buildPidf(this.options.identity.replace(/;transport=\w+$/i, ''), me.status, me.note);
  }

  private key(uri: string): string {
    const parsed = parseResource(uri);
    if (!parsed) throw new PresenceAddressError(uri);
    return resourceKey(parsed);
  }

  private contactsChanged(): void {
    this.options.delegate.contactsChanged(this.options.store.contacts.list());
  }
}
