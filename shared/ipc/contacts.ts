import { z } from 'zod';
import { event, request } from './define';

/**
 * A SIP or SIPS URI with a user and a host (`sip:bob@example.com`, `sip:bob@192.0.2.1:5070`).
 * The shape only; the engine parses it fully.
 */
export const contactUriSchema = z
  .string()
  .trim()
  .min(7)
  .max(256)
  .regex(/^sips?:[^\s@<>"]+@(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(;[^\s<>"]*)?$/, 'is not a SIP address (sip:user@host[:port])');

export const displayNameSchema = z.string().trim().max(64);

/** What we answer when this contact subscribes to our presence (RFC 3856 §6.6). */
export type WatcherAuthorization = 'allowed' | 'blocked' | 'pending';

export interface Contact {
  uri: string;
  displayName: string;
  /** We subscribe to their presence. */
  buddy: boolean;
  authorization: WatcherAuthorization;
}

const uriOnly = z.object({ uri: contactUriSchema }).strict();

export const contactsRequests = {
  list: request<Contact[]>()('contacts:list', z.undefined()),
  add: request<Contact>()('contacts:add', z.object({ uri: contactUriSchema, displayName: displayNameSchema.optional() }).strict()),
  remove: request<{ removed: boolean }>()('contacts:remove', uriOnly),
  rename: request<Contact>()('contacts:rename', z.object({ uri: contactUriSchema, displayName: displayNameSchema }).strict()),
  acceptWatcher: request<Contact>()('contacts:accept-watcher', uriOnly),
  blockWatcher: request<Contact>()('contacts:block-watcher', uriOnly),
};

export const contactsEvents = {
  changed: event<Contact[]>()('contacts:changed'),
};
