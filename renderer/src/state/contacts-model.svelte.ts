import type { BuddyPresence, Contact, LiteSipApi, MyPresence, PresenceStatus } from '../../../shared/ipc';

/**
 * Contacts and their presence, kept live by `contacts:changed`, `presence:buddy-changed` and
 * `presence:watcher-request`. A watcher we have not answered yet is a contact whose
 * authorization is `pending` (RFC 3856 §6.6); it shows as a request, not in the list.
 */
export class ContactsModel {
  contacts = $state<Contact[]>([]);
  presence = $state<Record<string, BuddyPresence>>({});
  me = $state<MyPresence>({ status: 'available', note: '' });
  loaded = $state(false);
  loadError = $state<string | undefined>();
  /** The engine's answer to the last add, shown next to the address field. */
  addError = $state<string | undefined>();
  /** The last failed action on a contact, keyed by its address. */
  problems = $state<Record<string, string>>({});

  constructor(private readonly api: LiteSipApi) {}

  start(): () => void {
    const offs = [
      this.api.on('contacts:changed', (list) => (this.contacts = list)),
      this.api.on('presence:buddy-changed', (p) => (this.presence = { ...this.presence, [p.uri]: p })),
      // The request itself arrives as a pending contact with contacts:changed; reload in case it did not.
      this.api.on('presence:watcher-request', (r) => {
        if (!this.contacts.some((c) => c.uri === r.uri)) void this.refresh();
      }),
    ];
    void this.refresh();
    return () => offs.forEach((off) => off());
  }

  async refresh(): Promise<void> {
    const [list, presence] = await Promise.all([this.api.contacts.list(), this.api.presence.get()]);
    if (!list.ok) {
      this.loadError = list.error.message;
      return;
    }
    this.loadError = undefined;
    this.contacts = list.value;
    if (presence.ok) {
      this.me = presence.value.me;
      this.presence = Object.fromEntries(presence.value.buddies.map((b) => [b.uri, b]));
    }
    this.loaded = true;
  }

  /** Contacts we follow or have answered, sorted by name. */
  get people(): Contact[] {
    return this.contacts.filter((c) => c.buddy || c.authorization !== 'pending').sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  }

  /** Watchers waiting for an answer. */
  get requests(): Contact[] {
    return this.contacts.filter((c) => c.authorization === 'pending' && !c.buddy);
  }

  /** What we know of a contact's presence: absent until their first NOTIFY. */
  statusOf(uri: string): BuddyPresence | undefined {
    return this.presence[uri];
  }

  /** The contact's name for an address, if we have one. */
  nameFor(uri: string): string | undefined {
    const name = this.contacts.find((c) => c.uri === uri)?.displayName.trim();
    return name || undefined;
  }

  async add(uri: string, displayName: string): Promise<boolean> {
    const result = await this.api.contacts.add({ uri: uri.trim(), ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
    if (!result.ok) {
      this.addError = result.error.message;
      return false;
    }
    this.addError = undefined;
    this.upsert(result.value);
    return true;
  }

  clearAddError(): void {
    this.addError = undefined;
  }

  async rename(uri: string, displayName: string): Promise<boolean> {
    const result = await this.api.contacts.rename({ uri, displayName });
    return this.settle(uri, result, (c) => this.upsert(c));
  }

  async remove(uri: string): Promise<boolean> {
    const result = await this.api.contacts.remove({ uri });
    return this.settle(uri, result, () => (this.contacts = this.contacts.filter((c) => c.uri !== uri)));
  }

  /** Lets the watcher see our presence and follows theirs in return. */
  async allow(uri: string): Promise<boolean> {
    const accepted = await this.api.contacts.acceptWatcher({ uri });
    if (!(await this.settle(uri, accepted, (c) => this.upsert(c)))) return false;
    const added = await this.api.contacts.add({ uri, ...(accepted.ok && accepted.value.displayName ? { displayName: accepted.value.displayName } : {}) });
    return this.settle(uri, added, (c) => this.upsert(c));
  }

  async block(uri: string): Promise<boolean> {
    const result = await this.api.contacts.blockWatcher({ uri });
    return this.settle(uri, result, (c) => this.upsert(c));
  }

  async unblock(uri: string): Promise<boolean> {
    const result = await this.api.contacts.acceptWatcher({ uri });
    return this.settle(uri, result, (c) => this.upsert(c));
  }

  async setStatus(status: PresenceStatus, note = this.me.note): Promise<boolean> {
    const result = await this.api.presence.setStatus({ status, note });
    if (!result.ok) {
      this.problems = { ...this.problems, me: result.error.message };
      return false;
    }
    this.me = result.value;
    const { me: _gone, ...rest } = this.problems;
    this.problems = rest;
    return true;
  }

  private settle<T>(uri: string, result: { ok: true; value: T } | { ok: false; error: { message: string } }, apply: (value: T) => void): boolean {
    if (!result.ok) {
      this.problems = { ...this.problems, [uri]: result.error.message };
      return false;
    }
    const { [uri]: _gone, ...rest } = this.problems;
    this.problems = rest;
    apply(result.value);
    return true;
  }

  private upsert(contact: Contact): void {
    const i = this.contacts.findIndex((c) => c.uri === contact.uri);
    this.contacts = i === -1 ? [...this.contacts, contact] : this.contacts.map((c) => (c.uri === contact.uri ? contact : c));
  }
}

/** A contact's name, or the user part of their address. */
export function nameOf(contact: Pick<Contact, 'uri' | 'displayName'>): string {
  if (contact.displayName.trim()) return contact.displayName.trim();
  return addressName(contact.uri);
}

/** `sip:bob@host;x` → `bob`. */
export function addressName(uri: string): string {
  const bare = uri.replace(/^sips?:/i, '').replace(/;.*$/, '');
  return bare.split('@')[0] || bare;
}
