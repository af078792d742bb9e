import type { ConversationSummary, HistoryEntry, Result, VoicemailChange, VoicemailEntry, VoicemailPage } from '../../shared/ipc';

export interface Attention {
  /** Calls missed since the window was last in front. */
  missedCalls: number;
  unreadMessages: number;
  unheardVoicemail: number;
}

interface AttentionEvents {
  on(name: 'history:added', listener: (entry: HistoryEntry) => void): () => void;
  on(name: 'chat:message-received' | 'chat:read', listener: (payload: unknown) => void): () => void;
  on(name: 'voicemail:new', listener: (entry: VoicemailEntry) => void): () => void;
  on(name: 'voicemail:changed', listener: (change: VoicemailChange) => void): () => void;
}

export interface AttentionDeps {
  events: AttentionEvents;
  request(channel: string, payload: unknown): Promise<Result<unknown>>;
  isWindowFocused(): boolean;
  onChange(attention: Attention): void;
}

/**
 * What waits for the user, for the tray and the dock/taskbar badge: missed calls (until the
 * window comes to the front), unread messages and new voicemail (as the engine counts them).
 */
export class AttentionCounter {
  private state: Attention = { missedCalls: 0, unreadMessages: 0, unheardVoicemail: 0 };
  private readonly offs: (() => void)[] = [];

  constructor(private readonly deps: AttentionDeps) {}

  get current(): Attention {
    return this.state;
  }

  get total(): number {
    return this.state.missedCalls + this.state.unreadMessages + this.state.unheardVoicemail;
  }

  async start(): Promise<void> {
    const { events } = this.deps;
    this.offs.push(
      events.on('history:added', (h) => {
        if (h.outcome === 'missed' && !this.deps.isWindowFocused()) this.set({ missedCalls: this.state.missedCalls + 1 });
      }),
      events.on('chat:message-received', () => void this.countUnread()),
      events.on('chat:read', () => void this.countUnread()),
      events.on('voicemail:new', (v) => {
        if (!v.heard) this.set({ unheardVoicemail: this.state.unheardVoicemail + 1 });
      }),
      events.on('voicemail:changed', (c) => this.set({ unheardVoicemail: c.unheard })),
    );
    await Promise.all([this.countUnread(), this.countVoicemail()]);
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** The window came to the front: missed calls have been seen. */
  windowFocused(): void {
    if (this.state.missedCalls > 0) this.set({ missedCalls: 0 });
  }

  private async countUnread(): Promise<void> {
    const r = await this.deps.request('chat:conversations', undefined);
    if (r.ok) this.set({ unreadMessages: (r.value as ConversationSummary[]).reduce((n, c) => n + c.unread, 0) });
  }

  private async countVoicemail(): Promise<void> {
    const r = await this.deps.request('voicemail:list', { unheardOnly: true, limit: 1 });
    if (r.ok) this.set({ unheardVoicemail: (r.value as VoicemailPage).unheard });
  }

  private set(patch: Partial<Attention>): void {
    const next = { ...this.state, ...patch };
    if (next.missedCalls === this.state.missedCalls && next.unreadMessages === this.state.unreadMessages && next.unheardVoicemail === this.state.unheardVoicemail) return;
    this.state = next;
    this.deps.onChange(next);
  }
}
