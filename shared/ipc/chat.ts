import { z } from 'zod';
import { contactUriSchema } from './contacts';
import { event, request } from './define';

/** RFC 3428 §7: larger bodies need TCP; this bounds what the UI may ask for at all. */
export const MAX_MESSAGE_CHARS = 16_000;

export type MessageDirection = 'in' | 'out';
/** Outgoing: sending → delivered | failed, or queued until the peer is online. Incoming: received → read. */
export type MessageState = 'sending' | 'queued' | 'delivered' | 'failed' | 'received' | 'read';

export interface ChatMessage {
  id: number;
  peer: string;
  direction: MessageDirection;
  body: string;
  contentType: string;
  state: MessageState;
  /** Why it failed or is queued (the response's status and reason). */
  reason?: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface ConversationPage {
  messages: ChatMessage[];
  /** Pass as `beforeId` for the next (older) page; absent when this was the oldest. */
  nextBeforeId?: number;
}

export interface DeliveryChange {
  id: number;
  peer: string;
  state: MessageState;
  reason?: string;
}

/** One conversation in the list: its newest message and how many received ones are unread. */
export interface ConversationSummary {
  peer: string;
  last: ChatMessage;
  unread: number;
}

export const MAX_CONVERSATIONS = 200;

export interface PeerTyping {
  peer: string;
  /** RFC 3994 §3: `active` while they type, `idle` once they stopped or sent. */
  state: 'active' | 'idle';
}

export const chatRequests = {
  send: request<ChatMessage>()('chat:send', z.object({ to: contactUriSchema, body: z.string().min(1).max(MAX_MESSAGE_CHARS) }).strict()),
  list: request<ConversationPage>()(
    'chat:list',
    z.object({ peer: contactUriSchema, beforeId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
  ),
  /** Conversations, the one with the newest message first. */
  conversations: request<ConversationSummary[]>()('chat:conversations', z.undefined()),
  markRead: request<{ marked: number }>()('chat:mark-read', z.object({ peer: contactUriSchema }).strict()),
  /** The user is typing to `to` (RFC 3994); `active: false` when they stopped. */
  typing: request<void>()('chat:typing', z.object({ to: contactUriSchema, active: z.boolean() }).strict()),
};

export const chatEvents = {
  messageReceived: event<ChatMessage>()('chat:message-received'),
  deliveryChanged: event<DeliveryChange>()('chat:delivery-changed'),
  peerTyping: event<PeerTyping>()('chat:peer-typing'),
  /** Received messages of a conversation were marked read (by any window), so unread counts drop. */
  read: event<{ peer: string; marked: number }>()('chat:read'),
};
