import type { ChatMessage, ConversationPage } from '../../shared/ipc';
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import type { UserAgent } from '../sip/ua';
import type { ChatDelegate } from './chat-delegate';
import { ComposingReceiver } from './composing-receiver';
import { ComposingSender } from './composing-sender';
import { ChatAddressError } from './errors';
import { GroupCommit } from './group-commit';
import { ACCEPTED_TYPES } from './incoming-body';
import { buildIsComposing, IS_COMPOSING_TYPE } from './is-composing';
import { MessageReceiver } from './message-receiver';
import { sendMessage, type SendOutcome } from './message-sender';
import { parseSipUri, peerKey } from './peer-uri';

export interface ChatServiceOptions {
  ua: UserAgent;
  store: Store;
  clock: Clock;
  /** Our address of record, for From. */
  identity: string;
  delegate: ChatDelegate;
}

const TEXT_PLAIN = 'text/plain;charset=UTF-8';

/**
 * Instant messaging in the endpoint (RFC 3428): sends and receives MESSAGE, keeps the history,
 * queues messages for peers that are offline and sends them when they come back, and carries
 * composing indications (RFC 3994).
 */
export class ChatService {
  private readonly composingOut: ComposingSender;
  private readonly composingIn: ComposingReceiver;
  private readonly receiver: MessageReceiver;
  private readonly commits: GroupCommit;
  /** Peers whose queue is being flushed, so two flushes never send the same message. */
  private readonly flushing = new Set<string>();
  /** Peers whose presence says they are offline: their messages wait instead of timing out. */
  private readonly offline = new Set<string>();
  private stopped = false;

  constructor(private readonly options: ChatServiceOptions) {
    const { clock, delegate } = options;
    this.composingOut = new ComposingSender(clock, (peer, state, refresh) => this.sendComposing(peer, state, refresh));
    this.composingIn = new ComposingReceiver(clock, (peer, state) => delegate.peerTyping({ peer, state }));
    const db = options.store.db;
    this.commits = new GroupCommit((fn) => db.transaction(fn)());
    this.receiver = new MessageReceiver(options.ua, options.store.messages, this.commits, {
      stored: (message) => {
        this.composingIn.messageArrived(message.peer);
        delegate.messageReceived(message);
      },
      composing: (peer, doc) => this.composingIn.indication(peer, doc),
    });
  }

  start(): void {
    const { ua, store } = this.options;
    // Sends cut short by the last shutdown are retried when their peer is next seen online.
    for (const m of store.messages.interrupted()) this.setState(m, 'queued', 'interrupted by shutdown');
    ua.handle('MESSAGE', (request, tx) => this.receiver.receive(request, tx));
    for (const type of ACCEPTED_TYPES) ua.advertise({ accept: type });
  }

  stop(): void {
    this.stopped = true;
    this.commits.flush();
    this.composingOut.dispose();
    this.composingIn.dispose();
  }

  /** Stores the message, sends it and resolves with its state once the peer answered. */
  async send(to: string, text: string): Promise<ChatMessage> {
    const uri = parseSipUri(to);
    if (!uri) throw new ChatAddressError(to);
    const peer = peerKey(uri);
    const messages = this.options.store.messages;
    const message = (await this.commits.run(() => messages.insert({ peer, direction: 'out', body: text, contentType: TEXT_PLAIN, state: 'sending' }))) as ChatMessage;
    // The UI learns the id at once; the outcome follows as another change.
    this.options.delegate.deliveryChanged({ id: message.id, peer, state: 'sending' });
    this.composingOut.messageSent(peer);
    if (this.offline.has(peer)) return this.setState(message, 'queued', 'peer is offline');
    return this.attempt(message);
  }

  /** The peer's presence says offline: hold new messages for them. */
  peerOffline(uri: string): void {
    const parsed = parseSipUri(uri);
    if (parsed) this.offline.add(peerKey(parsed));
  }

  /** The peer's presence turned open: sends what waited for it, oldest first. */
  async peerOnline(uri: string): Promise<void> {
    const parsed = parseSipUri(uri);
    if (!parsed) return;
    const peer = peerKey(parsed);
    this.offline.delete(peer);
    if (this.flushing.has(peer)) return;
    this.flushing.add(peer);
    try {
      for (const m of this.options.store.messages.queuedFor(peer)) {
        if (this.stopped) return;
        const after = await this.attempt(m);
        if (after.state === 'queued') return;
      }
    } finally {
      this.flushing.delete(peer);
    }
  }

  list(peer: string, beforeId?: number, limit?: number): ConversationPage {
    const uri = parseSipUri(peer);
    if (!uri) throw new ChatAddressError(peer);
    return this.options.store.messages.page(peerKey(uri), limit, beforeId);
  }

  markRead(peer: string): number {
    const uri = parseSipUri(peer);
    if (!uri) throw new ChatAddressError(peer);
    return this.options.store.messages.markRead(peerKey(uri));
  }

  /** The user types to `to` (or stopped): RFC 3994 indications, rate-limited. */
  typing(to: string, active: boolean): void {
    const uri = parseSipUri(to);
    if (!uri) throw new ChatAddressError(to);
    if (active) this.composingOut.typing(peerKey(uri));
    else this.composingOut.stopped(peerKey(uri));
  }

  private async attempt(message: ChatMessage): Promise<ChatMessage> {
    const uri = parseSipUri(message.peer);
    if (!uri) return this.setState(message, 'failed', 'not a SIP address');
    if (message.state !== 'sending') message = this.setState(message, 'sending');
    const outcome: SendOutcome = await sendMessage(this.options.ua, uri, { data: message.body, contentType: TEXT_PLAIN }, { from: this.fromHeader() });
    if (this.stopped && outcome.kind !== 'delivered') return this.setState(message, 'queued', 'interrupted by shutdown');
    switch (outcome.kind) {
      case 'delivered':
        return this.commitState(message, 'delivered');
      case 'unreachable':
        // Kept for when the peer's presence turns open.
        return this.setState(message, 'queued', outcome.reason);
      case 'failed':
        return this.setState(message, 'failed', outcome.reason);
    }
  }

  /** setState, sharing the commit with other messages settled at the same time. */
  private async commitState(message: ChatMessage, state: ChatMessage['state'], reason?: string): Promise<ChatMessage> {
    const messages = this.options.store.messages;
    const next = (await this.commits.run(() => messages.setState(message.id, state, reason))) ?? { ...message, state };
    this.options.delegate.deliveryChanged({ id: next.id, peer: next.peer, state, ...(reason !== undefined ? { reason } : {}) });
    return next;
  }

  private setState(message: ChatMessage, state: ChatMessage['state'], reason?: string): ChatMessage {
    const next = this.options.store.messages.setState(message.id, state, reason) ?? { ...message, state };
    this.options.delegate.deliveryChanged({ id: next.id, peer: next.peer, state, ...(reason !== undefined ? { reason } : {}) });
    return next;
  }

  private sendComposing(peer: string, state: 'active' | 'idle', refresh?: number): void {
    const uri = parseSipUri(peer);
    if (!uri || this.stopped || this.offline.has(peer)) return;
    void sendMessage(this.options.ua, uri, { data: buildIsComposing(state, refresh), contentType: IS_COMPOSING_TYPE }, { from: this.fromHeader() }).catch(() => undefined);
  }

  private fromHeader(): string {
    return `<${this.options.identity.replace(/;transport=\w+$/i, '')}>`;
  }
}
