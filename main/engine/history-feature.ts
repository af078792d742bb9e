import type { CallInfo, CallOutcome, HistoryEntry, HistoryPage } from '../../shared/ipc';
import { EngineError, type Handler } from './dispatch';
import type { EngineFeature, FeatureContext } from './feature';

/**
 * How an ended call reads in the history. RFC 3261 §21: 486/600 busy, 603 declined, 487 the
 * INVITE was cancelled (by us when we called, by the caller when they called us); a call our
 * voicemail took, or one we forwarded, says so.
 */
export function callOutcome(call: CallInfo): CallOutcome {
  if (call.voicemail) return 'voicemail';
  if (call.answeredAt !== undefined) return 'answered';
  const status = call.endStatus;
  if (call.direction === 'incoming') {
    if (status === 603) return 'rejected';
    // RFC 5638 §3.1: forwarding on no answer redirects the ringing call with 302.
    if (status === 302) return 'forwarded';
    // 486 to a caller: do-not-disturb or the limit of calls; the user missed it.
    if (status === 486) return 'missed';
    if (status === undefined || status === 487) return 'missed';
    return 'failed';
  }
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'rejected';
  if (status === 487 || (status === undefined && call.endReason === 'cancelled')) return 'cancelled';
  return 'failed';
}

/**
 * Stores an ended call (committed before this returns) and tells the UI. Never throws: a
 * history that cannot be written must not stop the call from ending.
 */
export function recordEndedCall(context: FeatureContext | undefined, call: CallInfo): HistoryEntry | undefined {
  if (!context) return undefined;
  let entry: HistoryEntry | undefined;
  try {
    entry = context.store.history.record({
      callId: call.id,
      direction: call.direction,
      peer: call.peer,
      ...(call.peerName !== undefined ? { peerName: call.peerName } : {}),
      startedAt: call.startedAt,
      ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
      endedAt: call.endedAt ?? Date.now(),
      outcome: callOutcome(call),
      ...(call.endReason !== undefined ? { endReason: call.endReason } : {}),
      ...(call.endStatus !== undefined ? { sipStatus: call.endStatus } : {}),
      ...(call.codec !== undefined ? { codec: call.codec } : {}),
      encryption: call.encryption,
    });
  } catch {
    return undefined;
  }
  if (entry) context.emit('history:added', entry);
  return entry;
}

/** Call history (the history:* contract); the calls feature records each ended call. */
export class HistoryFeature implements EngineFeature {
  readonly name = 'history';
  readonly handlers: ReadonlyMap<string, Handler>;
  private context: FeatureContext | undefined;

  constructor() {
    this.handlers = new Map<string, Handler>([
      ['history:list', (p) => this.list(p as { before?: string; limit?: number } | undefined)],
      ['history:delete', (p) => ({ deleted: this.ctx().store.history.delete((p as { id: number }).id) })],
      ['history:clear', () => ({ deleted: this.ctx().store.history.clear() })],
    ]);
  }

  start(context: FeatureContext): void {
    this.context = context;
  }

  stop(): void {
    this.context = undefined;
  }

  private list(p: { before?: string; limit?: number } | undefined): HistoryPage {
    return this.ctx().store.history.page(p?.limit ?? 50, p?.before);
  }

  private ctx(): FeatureContext {
    if (!this.context) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    return this.context;
  }
}

export function createHistoryFeature(): HistoryFeature {
  return new HistoryFeature();
}
