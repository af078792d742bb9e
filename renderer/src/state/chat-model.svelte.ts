import type { ChatMessage, ConversationSummary, DeliveryChange, LiteSipApi } from '../../../shared/ipc';

export const CHAT_PAGE = 30;
/** RFC 3994 §3: `active` is refreshed while typing; we tell the engine at most this often. */
const TYPING_REFRESH_MS = 3000;
/** No keystroke for this long: the user stopped typing. */
const TYPING_IDLE_MS = 5000;
/** A peer's `active` without a refresh for this long is stale (RFC 3994 §4: refresh default 90 s). */
const PEER_TYPING_STALE_MS = 120_000;

export interface Thread {
  /** Oldest first, as shown. */
  messages: ChatMessage[];
  /** More (older) messages exist before the first one shown. */
  nextBeforeId?: number;
  loadingOlder: boolean;
}

/**
 * The key the engine files a conversation under: scheme, user and host:port, host in lower
 * case, no parameters (the same rule as RFC 3261 §19.1.4 comparison).
 */
export function conversationKey(uri: string): string {
  const m = /^(sips?):([^@;?]+)@([^;?]+)/i.exec(uri.trim());
  if (!m) return uri.trim();
  return `${m[1]!.toLowerCase()}:${m[2]}@${m[3]!.toLowerCase()}`;
}

/**
 * Conversations and their messages, kept live by `chat:*` events. A message being sent shows
 * at once; the engine's `sending` report gives it its id, `delivered`/`failed` its end.
 */
export class ChatModel {
  conversations = $state<ConversationSummary[]>([]);
  threads = $state<Record<string, Thread>>({});
  openPeer = $state<string | undefined>();
  /** Peers typing to us right now. */
  typing = $state<Record<string, boolean>>({});
  /** True while the open conversation is on screen (read marks are sent only then). */
  viewing = $state(false);
  loaded = $state(false);
  loadError = $state<string | undefined>();
  sendError = $state<string | undefined>();
  private nextLocalId = -1;
  private typingSentAt = 0;
  private typingTo: string | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Not state: timers that end a peer's stale `active` (never shown). */
  private staleTimers: Record<string, ReturnType<typeof setTimeout>> = {};

  constructor(
    private readonly api: LiteSipApi,
    private readonly now: () => number = Date.now,
  ) {}

  start(): () => void {
    const offs = [
      this.api.on('chat:message-received', (m) => this.received(m)),
      this.api.on('chat:delivery-changed', (d) => this.delivery(d)),
      this.api.on('chat:peer-typing', (t) => this.setTyping(t.peer, t.state === 'active')),
      this.api.on('chat:read', (r) => this.patchSummary(r.peer, (c) => ({ ...c, unread: 0 }))),
    ];
    void this.refresh();
    return () => {
      offs.forEach((off) => off());
      clearTimeout(this.idleTimer);
      for (const t of Object.values(this.staleTimers)) clearTimeout(t);
    };
  }

  async refresh(): Promise<void> {
    const result = await this.api.chat.conversations();
    if (!result.ok) {
      this.loadError = result.error.message;
      return;
    }
    this.loadError = undefined;
    this.conversations = result.value;
    this.loaded = true;
    if (this.openPeer) await this.loadThread(this.openPeer);
  }

  get unreadTotal(): number {
    return this.conversations.reduce((n, c) => n + c.unread, 0);
  }

  get thread(): Thread | undefined {
    return this.openPeer ? this.threads[this.openPeer] : undefined;
  }

  /** Opens a conversation (a new one when there is none with this address yet). */
  async open(uri: string): Promise<void> {
    const peer = conversationKey(uri);
    if (this.openPeer !== peer) this.stopTyping();
    this.openPeer = peer;
    this.sendError = undefined;
    if (!this.threads[peer]) await this.loadThread(peer);
    await this.markReadIfSeen();
  }

  close(): void {
    this.stopTyping();
    this.openPeer = undefined;
  }

  /** Called when the chat screen shows or hides, so messages on screen count as read. */
  async setViewing(viewing: boolean): Promise<void> {
    this.viewing = viewing;
    if (viewing) await this.markReadIfSeen();
    else this.stopTyping();
  }

  async loadOlder(): Promise<void> {
    const peer = this.openPeer;
    const thread = peer ? this.threads[peer] : undefined;
    if (!peer || !thread || thread.nextBeforeId === undefined || thread.loadingOlder) return;
    this.threads = { ...this.threads, [peer]: { ...thread, loadingOlder: true } };
    const result = await this.api.chat.list({ peer, beforeId: thread.nextBeforeId, limit: CHAT_PAGE });
    const now = this.threads[peer]!;
    if (!result.ok) {
      this.loadError = result.error.message;
      this.threads = { ...this.threads, [peer]: { ...now, loadingOlder: false } };
      return;
    }
    const older = [...result.value.messages].reverse().filter((m) => !now.messages.some((x) => x.id === m.id));
    this.threads = {
      ...this.threads,
      [peer]: { messages: [...older, ...now.messages], loadingOlder: false, ...(result.value.nextBeforeId !== undefined ? { nextBeforeId: result.value.nextBeforeId } : {}) },
    };
  }

  /** Sends to the open conversation; the message shows at once as `sending`. */
  async send(body: string): Promise<boolean> {
    const peer = this.openPeer;
    const text = body.trim();
    if (!peer || !text) return false;
    this.clearIdleTimer();
    this.typingTo = undefined;
    this.typingSentAt = 0;
    const local: ChatMessage = { id: this.nextLocalId--, peer, direction: 'out', body: text, contentType: 'text/plain', state: 'sending', createdAt: this.now() };
    this.appendTo(peer, local);
    this.summarize(local, this.unreadOf(peer));
    const result = await this.api.chat.send({ to: peer, body: text });
    if (!result.ok) {
      this.sendError = result.error.message;
      const failed: ChatMessage = { ...local, state: 'failed', reason: result.error.message };
      this.replace(peer, local.id, failed);
      this.summarize(failed, this.unreadOf(peer));
      return false;
    }
    this.sendError = undefined;
    const sent = result.value;
    // The engine's `sending` report may already have given the local message its id.
    this.replace(peer, local.id, sent);
    this.replace(peer, sent.id, sent);
    this.summarize(sent, this.unreadOf(peer));
    return true;
  }

  /** Sends the same text again as a new message (a failed one stays as it was). */
  async retry(message: ChatMessage): Promise<boolean> {
    return this.send(message.body);
  }

  /** The user typed in the composer: RFC 3994 `active`, refreshed, then `idle` after a pause. */
  composing(hasText: boolean): void {
    const peer = this.openPeer;
    if (!peer) return;
    if (!hasText) return this.stopTyping();
    const now = this.now();
    if (this.typingTo !== peer || now - this.typingSentAt >= TYPING_REFRESH_MS) {
      this.typingTo = peer;
      this.typingSentAt = now;
      void this.api.chat.typing({ to: peer, active: true });
    }
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  dismissSendError(): void {
    this.sendError = undefined;
  }

  private stopTyping(): void {
    this.clearIdleTimer();
    const to = this.typingTo;
    this.typingTo = undefined;
    this.typingSentAt = 0;
    if (to) void this.api.chat.typing({ to, active: false });
  }

  private clearIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private async loadThread(peer: string): Promise<void> {
    const result = await this.api.chat.list({ peer, limit: CHAT_PAGE });
    if (!result.ok) {
      this.loadError = result.error.message;
      return;
    }
    // Messages that arrived or were sent while the page was on its way stay.
    const newest = result.value.messages[0]?.id ?? 0;
    const pending = (this.threads[peer]?.messages ?? []).filter((m) => m.id < 0 || m.id > newest);
    this.threads = {
      ...this.threads,
      [peer]: {
        messages: [...[...result.value.messages].reverse(), ...pending],
        loadingOlder: false,
        ...(result.value.nextBeforeId !== undefined ? { nextBeforeId: result.value.nextBeforeId } : {}),
      },
    };
  }

  private async markReadIfSeen(): Promise<void> {
    const peer = this.openPeer;
    if (!peer || !this.viewing) return;
    const summary = this.conversations.find((c) => c.peer === peer);
    if (!summary || summary.unread === 0) return;
    this.patchSummary(peer, (c) => ({ ...c, unread: 0 }));
    await this.api.chat.markRead({ peer });
  }

  private received(m: ChatMessage): void {
    this.setTyping(m.peer, false);
    if (this.threads[m.peer]) this.appendTo(m.peer, m);
    const seen = this.viewing && this.openPeer === m.peer;
    const unread = this.unreadOf(m.peer) + (seen ? 0 : 1);
    this.summarize(m, unread);
    if (seen) void this.api.chat.markRead({ peer: m.peer });
  }

  private delivery(d: DeliveryChange): void {
    const thread = this.threads[d.peer];
    if (thread) {
      let found = thread.messages.some((m) => m.id === d.id);
      if (!found && d.state === 'sending') {
        // The engine's first report names the id of the message we are showing as local.
        const local = thread.messages.find((m) => m.id < 0 && m.state === 'sending');
        if (local) {
          this.replace(d.peer, local.id, { ...local, id: d.id });
          found = true;
        }
      }
      if (found) this.patchMessage(d.peer, d.id, d);
    }
    const summary = this.conversations.find((c) => c.peer === d.peer);
    if (summary?.last.id === d.id) this.patchSummary(d.peer, (c) => ({ ...c, last: withDelivery(c.last, d) }));
  }

  private setTyping(peer: string, active: boolean): void {
    clearTimeout(this.staleTimers[peer]);
    delete this.staleTimers[peer];
    if (active) this.staleTimers[peer] = setTimeout(() => this.setTyping(peer, false), PEER_TYPING_STALE_MS);
    if (!!this.typing[peer] === active) return;
    const { [peer]: _gone, ...rest } = this.typing;
    this.typing = active ? { ...rest, [peer]: true } : rest;
  }

  private appendTo(peer: string, m: ChatMessage): void {
    const thread = this.threads[peer] ?? { messages: [], loadingOlder: false };
    if (thread.messages.some((x) => x.id === m.id)) return;
    this.threads = { ...this.threads, [peer]: { ...thread, messages: [...thread.messages, m] } };
  }

  private replace(peer: string, id: number, m: ChatMessage): void {
    const thread = this.threads[peer];
    if (!thread || !thread.messages.some((x) => x.id === id)) return;
    // Never two rows with one id: the replacement wins.
    const messages = thread.messages.filter((x) => x.id !== m.id || x.id === id).map((x) => (x.id === id ? m : x));
    this.threads = { ...this.threads, [peer]: { ...thread, messages } };
  }

  private patchMessage(peer: string, id: number, d: DeliveryChange): void {
    const thread = this.threads[peer];
    if (!thread) return;
    this.threads = { ...this.threads, [peer]: { ...thread, messages: thread.messages.map((m) => (m.id === id ? withDelivery(m, d) : m)) } };
  }

  private unreadOf(peer: string): number {
    return this.conversations.find((c) => c.peer === peer)?.unread ?? 0;
  }

  private summarize(last: ChatMessage, unread: number): void {
    const rest = this.conversations.filter((c) => c.peer !== last.peer);
    this.conversations = [{ peer: last.peer, last, unread }, ...rest];
  }

  private patchSummary(peer: string, fn: (c: ConversationSummary) => ConversationSummary): void {
    this.conversations = this.conversations.map((c) => (c.peer === peer ? fn(c) : c));
  }
}

function withDelivery(m: ChatMessage, d: DeliveryChange): ChatMessage {
  const { reason: _old, ...rest } = m;
  return { ...rest, state: d.state, ...(d.reason !== undefined ? { reason: d.reason } : {}) };
}
