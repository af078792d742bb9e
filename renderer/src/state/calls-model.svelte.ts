import type { CallInfo, CallQuality, IpcError, LiteSipApi, MediaPathInfo, Result } from '../../../shared/ipc';

/** Recent targets kept for this session, newest first. */
const MAX_RECENT = 6;

export interface CallProblem {
  code: string;
  message: string;
}

/**
 * The calls as the UI sees them, kept live by `calls:*` events. Ended calls stay until the
 * user dismisses them, so the reason can be read; the focused call is the one on screen,
 * and switching focus holds the call left behind.
 */
export class CallsModel {
  calls = $state<CallInfo[]>([]);
  focusedId = $state<string | undefined>();
  quality = $state<Record<string, CallQuality>>({});
  paths = $state<Record<string, MediaPathInfo>>({});
  dtmfSent = $state<Record<string, string>>({});
  dtmfReceived = $state<Record<string, string>>({});
  /** The engine's answer to the last dial, shown next to the address field. */
  dialError = $state<string | undefined>();
  dialing = $state(false);
  /** The last failed action on a call (hold, mute, DTMF…), shown on that call. */
  problems = $state<Record<string, CallProblem>>({});
  loadError = $state<string | undefined>();
  recent = $state<string[]>([]);

  constructor(private readonly api: LiteSipApi) {}

  start(): () => void {
    const offs = [
      this.api.on('calls:changed', (call) => this.upsert(call)),
      this.api.on('calls:quality', (q) => (this.quality = { ...this.quality, [q.callId]: q })),
      this.api.on('calls:media-path', (p) => (this.paths = { ...this.paths, [p.callId]: p })),
      this.api.on('calls:dtmf', (d) => (this.dtmfReceived = { ...this.dtmfReceived, [d.callId]: (this.dtmfReceived[d.callId] ?? '') + d.digit })),
    ];
    void this.refresh();
    return () => offs.forEach((off) => off());
  }

  /** Reloads the engine's calls (after a reconnect events may have been missed). */
  async refresh(): Promise<void> {
    const result = await this.api.calls.list();
    if (!result.ok) {
      this.loadError = result.error.message;
      return;
    }
    this.loadError = undefined;
    const live = result.value.map((c) => c.id);
    // A call we showed as live that the engine no longer has ended while we were away.
    this.calls = this.calls.map((c) => (c.state !== 'ended' && !live.includes(c.id) ? { ...c, state: 'ended' } : c));
    for (const call of result.value) this.upsert(call);
  }

  /** The call on screen: the focused one, else the first answered or outgoing one. */
  get focused(): CallInfo | undefined {
    return this.calls.find((c) => c.id === this.focusedId) ?? this.calls.find((c) => c.state !== 'incoming' && c.state !== 'ended');
  }

  /** Incoming calls still ringing, oldest first. */
  get ringing(): CallInfo[] {
    return this.calls.filter((c) => c.state === 'incoming');
  }

  /** Calls in progress (not ringing in, not ended). */
  get active(): CallInfo[] {
    return this.calls.filter((c) => c.state !== 'incoming' && c.state !== 'ended');
  }

  async dial(target: string): Promise<boolean> {
    const text = target.trim();
    this.dialing = true;
    try {
      await this.holdFocused();
      const result = await this.api.calls.dial({ target: text });
      if (!result.ok) {
        this.dialError = result.error.message;
        return false;
      }
      this.dialError = undefined;
      this.recent = [text, ...this.recent.filter((t) => t !== text)].slice(0, MAX_RECENT);
      const left = this.calls.find((c) => c.id === this.focusedId);
      if (left?.state === 'ended') this.dismiss(left.id);
      this.upsert(result.value);
      this.focusedId = result.value.id;
      return true;
    } finally {
      this.dialing = false;
    }
  }

  clearDialError(): void {
    this.dialError = undefined;
  }

  /** Answers; a call in progress is put on hold first (call waiting). */
  async answer(id: string): Promise<void> {
    await this.holdFocused();
    if (await this.act(id, this.api.calls.answer({ callId: id }))) this.focusedId = id;
  }

  async decline(id: string): Promise<void> {
    if (await this.act(id, this.api.calls.decline({ callId: id }))) this.dismiss(id);
  }

  async hangup(id: string): Promise<void> {
    await this.act(id, this.api.calls.hangup({ callId: id }));
  }

  async setMuted(id: string, muted: boolean): Promise<void> {
    await this.act(id, this.api.calls.mute({ callId: id, muted }));
  }

  async setHeld(id: string, held: boolean): Promise<void> {
    await this.act(id, held ? this.api.calls.hold({ callId: id }) : this.api.calls.resume({ callId: id }));
  }

  async sendDtmf(id: string, digit: string): Promise<void> {
    const ok = await this.act(id, this.api.calls.sendDtmf({ callId: id, digits: digit }));
    if (ok) this.dtmfSent = { ...this.dtmfSent, [id]: (this.dtmfSent[id] ?? '') + digit };
  }

  /** Blind transfer: the other party is asked to call `target`; progress comes as `call.transfer`. */
  async transfer(id: string, target: string): Promise<boolean> {
    return this.act(id, this.api.calls.transfer({ callId: id, target: target.trim() }));
  }

  /** Attended transfer: the party of `id` takes over our call with `toId`'s party. */
  async transferTo(id: string, toId: string): Promise<boolean> {
    return this.act(id, this.api.calls.transferAttended({ callId: id, toCallId: toId }));
  }

  /** Merges connected calls into the local conference (held ones are resumed by the engine). */
  async merge(ids: string[]): Promise<void> {
    const result = await this.api.calls.merge({ callIds: ids });
    if (!result.ok) {
      if (ids[0]) this.report(ids[0], result.error);
      return;
    }
    for (const call of result.value) {
      this.clearProblem(call.id);
      this.upsert(call);
    }
  }

  async setConferenceMuted(id: string, muted: boolean): Promise<void> {
    await this.act(id, this.api.calls.conferenceMute({ callId: id, muted }));
  }

  async dropFromConference(id: string): Promise<void> {
    await this.act(id, this.api.calls.conferenceDrop({ callId: id }));
  }

  /** Connected calls other than `id`: the ones a transfer can hand over to, or a merge can join. */
  connectedBesides(id: string): CallInfo[] {
    return this.calls.filter((c) => c.id !== id && c.state === 'connected');
  }

  /** The calls in a conference, in the order they joined the list. */
  conferenceMembers(conferenceId: string): CallInfo[] {
    return this.calls.filter((c) => c.conferenceId === conferenceId && c.state !== 'ended');
  }

  /** Brings a call on screen: the one left is held, the chosen one resumed. */
  async switchTo(id: string): Promise<void> {
    if (id === this.focused?.id) return;
    await this.holdFocused();
    this.focusedId = id;
    const next = this.calls.find((c) => c.id === id);
    if (next?.state === 'connected' && next.held) await this.setHeld(id, false);
  }

  /** Forgets an ended call (or leaves the ended screen). */
  dismiss(id: string): void {
    this.calls = this.calls.filter((c) => c.id !== id);
    this.quality = without(this.quality, id);
    this.paths = without(this.paths, id);
    this.dtmfSent = without(this.dtmfSent, id);
    this.dtmfReceived = without(this.dtmfReceived, id);
    this.problems = without(this.problems, id);
    if (this.focusedId === id) this.focusedId = this.active[0]?.id;
  }

  /** Leaves the ended screen; the next call in progress (if any) comes on screen. */
  showDialpad(): void {
    const ended = this.calls.filter((c) => c.state === 'ended');
    for (const c of ended) this.dismiss(c.id);
    this.focusedId = undefined;
  }

  clearProblem(id: string): void {
    this.problems = without(this.problems, id);
  }

  private async holdFocused(): Promise<void> {
    const current = this.focused;
    if (current?.state === 'connected' && !current.held) await this.setHeld(current.id, true);
  }

  private async act(id: string, pending: Promise<Result<CallInfo>>): Promise<boolean> {
    const result = await pending;
    if (!result.ok) {
      this.report(id, result.error);
      return false;
    }
    this.clearProblem(id);
    this.upsert(result.value);
    return true;
  }

  private report(id: string, error: IpcError): void {
    this.problems = { ...this.problems, [id]: { code: error.code, message: error.message } };
  }

  private upsert(call: CallInfo): void {
    // The endpoint's voicemail took the call: it is a message now (Voicemail), not a call of the user's.
    if (call.voicemail) {
      if (this.calls.some((c) => c.id === call.id)) this.dismiss(call.id);
      return;
    }
    const i = this.calls.findIndex((c) => c.id === call.id);
    if (i === -1) {
      // A late event for a call already dismissed is not brought back.
      if (call.state === 'ended') return;
      this.calls = [...this.calls, call];
      return;
    }
    // Events may arrive out of order with answers; an ended call stays ended.
    if (this.calls[i]!.state === 'ended' && call.state !== 'ended') return;
    // The call on screen stays there when it ends, so its reason can be read.
    if (call.state === 'ended' && this.focused?.id === call.id) this.focusedId = call.id;
    this.calls = this.calls.map((c) => (c.id === call.id ? call : c));
  }
}

function without<V>(record: Record<string, V>, id: string): Record<string, V> {
  const { [id]: _gone, ...rest } = record;
  return rest;
}
