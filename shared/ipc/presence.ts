import { z } from 'zod';
import { contactUriSchema } from './contacts';
import { event, request } from './define';

/** Our own states; mapped to PIDF basic status and RPID activities (RFC 3863, RFC 4480). */
export const presenceStatusSchema = z.enum(['available', 'away', 'busy', 'on-the-phone', 'offline']);
export type PresenceStatus = z.infer<typeof presenceStatusSchema>;

export const presenceNoteSchema = z.string().max(256);

export interface MyPresence {
  status: PresenceStatus;
  note: string;
}

export interface BuddyPresence {
  uri: string;
  status: PresenceStatus;
  note: string;
  /** `pending` while the buddy has not accepted us; `terminated` when they refused or went away. */
  subscription: 'active' | 'pending' | 'terminated';
}

export interface WatcherRequest {
  uri: string;
  displayName: string;
}

export const presenceRequests = {
  setStatus: request<MyPresence>()('presence:set-status', z.object({ status: presenceStatusSchema, note: presenceNoteSchema.optional() }).strict()),
  get: request<{ me: MyPresence; buddies: BuddyPresence[] }>()('presence:get', z.undefined()),
  /** Subscribes to a URI's presence without adding it as a contact (the CLI's `presence`). */
  watch: request<BuddyPresence>()('presence:watch', z.object({ uri: contactUriSchema }).strict()),
};

export const presenceEvents = {
  buddyChanged: event<BuddyPresence>()('presence:buddy-changed'),
  watcherRequest: event<WatcherRequest>()('presence:watcher-request'),
};
