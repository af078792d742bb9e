import { MAX_CONVERSATIONS, type ChatMessage, type ConversationPage, type ConversationSummary } from '../../shared/ipc';
import { ChatAddressError, ChatService } from '../im';
import { EngineError, type Handler } from './dispatch';
import type { EngineFeature, FeatureContext } from './feature';

/** Instant messaging (RFC 3428) as an engine feature: the chat:* contract and the MESSAGE handler. */
export class ChatFeature implements EngineFeature {
  readonly name = 'chat';
  readonly handlers: ReadonlyMap<string, Handler>;
  private service: ChatService | undefined;
  private context: FeatureContext | undefined;

  constructor() {
    this.handlers = new Map<string, Handler>([
      ['chat:send', (p) => this.send(p as { to: string; body: string })],
      ['chat:list', (p) => this.list(p as { peer: string; beforeId?: number; limit?: number })],
      ['chat:conversations', () => this.conversations()],
      ['chat:mark-read', (p) => this.markRead((p as { peer: string }).peer)],
      ['chat:typing', (p) => this.call((s) => s.typing((p as { to: string }).to, (p as { active: boolean }).active))],
    ]);
  }

  start(context: FeatureContext): void {
    this.context = context;
    this.service = new ChatService({
      ua: context.ua,
      store: context.store,
      clock: context.clock,
      identity: context.identity,
      delegate: {
        messageReceived: (m) => context.emit('chat:message-received', m),
        deliveryChanged: (c) => context.emit('chat:delivery-changed', c),
        peerTyping: (t) => context.emit('chat:peer-typing', t),
      },
    });
    this.service.start();
  }

  stop(): void {
    this.service?.stop();
    this.service = undefined;
    this.context = undefined;
  }

  /** A buddy's presence turned open: what waited for them goes out now. */
  peerOnline(uri: string): void {
    void this.service?.peerOnline(uri).catch(() => undefined);
  }

  /** A buddy went offline: new messages for them wait in the queue. */
  peerOffline(uri: string): void {
    this.service?.peerOffline(uri);
  }

  /** Newest message per peer and the count of received, unread ones, newest conversation first. */
  private conversations(): ConversationSummary[] {
    const store = this.call(() => this.context!.store);
    const rows = store.db
      .prepare<[number], { id: number; unread: number }>(
        "SELECT MAX(id) AS id, SUM(direction = 'in' AND state = 'received') AS unread FROM messages GROUP BY peer ORDER BY MAX(id) DESC LIMIT ?",
      )
      .all(MAX_CONVERSATIONS);
    return rows.flatMap((r) => {
      const last = store.messages.get(r.id);
      return last ? [{ peer: last.peer, last, unread: r.unread }] : [];
    });
  }

  private markRead(peer: string): { marked: number } {
    const marked = this.call((s) => s.markRead(peer));
    if (marked === 0) return { marked };
    // The conversation's own key (the UI may have written the address differently).
    const key = this.call((s) => s.list(peer, undefined, 1)).messages[0]?.peer;
    if (key) this.context?.emit('chat:read', { peer: key, marked });
    return { marked };
  }

  private send(p: { to: string; body: string }): Promise<ChatMessage> {
    return this.call((s) => s.send(p.to, p.body));
  }

  private list(p: { peer: string; beforeId?: number; limit?: number }): ConversationPage {
    return this.call((s) => s.list(p.peer, p.beforeId, p.limit));
  }

  private call<T>(fn: (service: ChatService) => T): T {
    const service = this.service;
    if (!service) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    const translate = (err: unknown): never => {
      if (err instanceof ChatAddressError) throw new EngineError('bad-uri', err.message);
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

export function createChatFeature(): ChatFeature {
  return new ChatFeature();
}
