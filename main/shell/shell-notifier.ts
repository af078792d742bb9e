import type { CallInfo, ChatMessage, Contact, HistoryEntry, Result, VoicemailEntry } from '../../shared/ipc';
import type { NotificationService, ShownNotification } from './notification-service';
import { shellStrings } from './strings';

interface EngineEvents {
  on(name: 'calls:changed', listener: (call: CallInfo) => void): () => void;
  on(name: 'chat:message-received', listener: (message: ChatMessage) => void): () => void;
  on(name: 'voicemail:new', listener: (entry: VoicemailEntry) => void): () => void;
  on(name: 'history:added', listener: (entry: HistoryEntry) => void): () => void;
  on(name: 'contacts:changed', listener: (contacts: Contact[]) => void): () => void;
}

export interface ShellNotifierDeps {
  events: EngineEvents;
  notifications: Pick<NotificationService, 'show'>;
  request(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** The window is on screen and focused: the UI itself shows what happened. */
  isWindowFocused(): boolean;
  showWindow(): void;
}

/** `sip:bob@host;x` → `bob@host`. */
function shortAddress(uri: string): string {
  return uri.replace(/^sips?:/i, '').replace(/;.*$/, '');
}

function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * OS notifications for what needs the user while LiteSIP is in the background: a ringing call
 * (with Answer and Decline where the system has buttons), a message, a voicemail, a missed call.
 */
export class ShellNotifier {
  private readonly ringing = new Map<string, ShownNotification>();
  private names = new Map<string, string>();
  private readonly offs: (() => void)[] = [];

  constructor(private readonly deps: ShellNotifierDeps) {}

  start(): void {
    const { events } = this.deps;
    this.offs.push(
      events.on('contacts:changed', (list) => (this.names = new Map(list.filter((c) => c.displayName).map((c) => [c.uri, c.displayName])))),
      events.on('calls:changed', (call) => this.callChanged(call)),
      events.on('chat:message-received', (m) => {
        if (this.deps.isWindowFocused()) return;
        this.deps.notifications.show({ title: shellStrings.messageTitle(this.nameOf(m.peer)), body: m.body.slice(0, 200) });
      }),
      events.on('voicemail:new', (v) => {
        if (this.deps.isWindowFocused()) return;
        this.deps.notifications.show({ title: shellStrings.voicemailTitle(v.callerName ?? this.nameOf(v.caller)), body: shellStrings.voicemailBody(formatDuration(v.durationMs)) });
      }),
      events.on('history:added', (h) => {
        if (h.outcome !== 'missed' || this.deps.isWindowFocused()) return;
        this.deps.notifications.show({ title: shellStrings.missedCallTitle, body: h.peerName ?? this.nameOf(h.peer) });
      }),
    );
    void this.deps.request('contacts:list', undefined).then((r) => {
      if (r.ok) this.names = new Map((r.value as Contact[]).filter((c) => c.displayName).map((c) => [c.uri, c.displayName]));
    });
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    for (const n of this.ringing.values()) n.close();
    this.ringing.clear();
  }

  private callChanged(call: CallInfo): void {
    if (call.state !== 'incoming') {
      // Answered here or elsewhere, declined, or the caller gave up: the notification goes.
      this.ringing.get(call.id)?.close();
      this.ringing.delete(call.id);
      return;
    }
    if (this.ringing.has(call.id) || this.deps.isWindowFocused()) return;
    const who = call.peerName ?? this.nameOf(call.peer);
    const shown = this.deps.notifications.show({
      title: call.waiting ? shellStrings.callWaitingTitle : shellStrings.incomingCallTitle,
      body: who === shortAddress(call.peer) ? who : `${who} (${shortAddress(call.peer)})`,
      actions: [shellStrings.answer, shellStrings.decline],
      sticky: true,
      onAction: (index) => {
        this.ringing.delete(call.id);
        if (index === 0) {
          this.deps.showWindow();
          void this.deps.request('calls:answer', { callId: call.id });
        } else void this.deps.request('calls:decline', { callId: call.id });
      },
    });
    if (shown) this.ringing.set(call.id, shown);
  }

  private nameOf(uri: string): string {
    return this.names.get(uri) ?? shortAddress(uri);
  }
}
