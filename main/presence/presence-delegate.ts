import type { BuddyPresence, Contact, WatcherRequest } from '../../shared/ipc';

/** What the presence service reports upward (to the engine, which turns it into contract events). */
export interface PresenceDelegate {
  buddyChanged(presence: BuddyPresence): void;
  watcherRequest(request: WatcherRequest): void;
  contactsChanged(contacts: Contact[]): void;
  /** A buddy's document could not be read; their last good state is kept. */
  problem?(message: string): void;
}
