import type { CallInfo, CallOutcome, HistoryEntry, HistoryPage } from '../../shared/ipc';
import type { TimerHandle } from '../lib/clock';
import type { NewHistoryEntry } from '../store';
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

function historyEntryOf(call: CallInfo): NewHistoryEntry {
  return {
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
  };
}

interface PendingEntry {
  entry: NewHistoryEntry;
  stored(entry: HistoryEntry | undefined): void;
}

/**
 * At most one history commit per this many ms: under load the calls ending meanwhile share the
 * next one (a WAL sync costs about as much as a call's SIP work); an ended call waits at most this.
 */
export const HISTORY_COMMIT_INTERVAL_MS = 20;

/**
 * Write-behind for ended calls: the calls that end in one turn of the event loop are committed
 * together, in one transaction, once that turn's I/O is handled (setImmediate), or, when the
 * previous commit was less than HISTORY_COMMIT_INTERVAL_MS ago, when that interval is over.
 * Nothing is announced before its commit: `history:added` follows it, and so does whatever
 * the caller of recordEndedCall() does once its promise resolves.
 */
class HistoryWriter {
  private pending: PendingEntry[] = [];
  private scheduled = false;
  private timer: TimerHandle | undefined;
  private lastCommit = -Infinity;

  constructor(private readonly context: FeatureContext) {}

  add(entry: NewHistoryEntry): Promise<HistoryEntry | undefined> {
    return new Promise((stored) => {
      this.pending.push({ entry, stored });
      if (this.scheduled) return;
      this.scheduled = true;
      const wait = this.lastCommit + HISTORY_COMMIT_INTERVAL_MS - this.context.clock.now();
      if (wait > 0) this.timer = this.context.clock.setTimeout(() => this.flush(), wait);
      else setImmediate(() => this.scheduled && this.flush());
    });
  }

  /** Commits what is queued now. Never throws: a history that cannot be written must not stop a call from ending. */
  flush(): void {
    this.scheduled = false;
    this.context.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const stored = this.commit(batch.map((p) => p.entry));
    this.lastCommit = this.context.clock.now();
    batch.forEach((p, i) => {
      const entry = stored[i];
      if (entry) this.context.emit('history:added', entry);
      p.stored(entry);
    });
  }

  private commit(entries: NewHistoryEntry[]): (HistoryEntry | undefined)[] {
    const history = this.context.store.history;
    try {
      return history.recordAll(entries);
    } catch {
      // The transaction rolled back; one by one, so a row that cannot be stored keeps no other out.
      return entries.map((e) => {
        try {
          return history.record(e);
        } catch {
          return undefined;
        }
      });
    }
  }
}

const writers = new WeakMap<FeatureContext, HistoryWriter>();

/**
 * Stores an ended call; resolves once it is committed (and `history:added` sent), with the
 * stored entry, or undefined when it was already stored or could not be written. Never rejects.
 */
export function recordEndedCall(context: FeatureContext | undefined, call: CallInfo): Promise<HistoryEntry | undefined> {
  if (!context) return Promise.resolve(undefined);
  let writer = writers.get(context);
  if (!writer) {
    writer = new HistoryWriter(context);
    writers.set(context, writer);
  }
  return writer.add(historyEntryOf(call));
}

/** Commits at once the ended calls still waiting for their turn's commit (before the store closes). */
export function flushEndedCalls(context: FeatureContext | undefined): void {
  if (context) writers.get(context)?.flush();
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
    flushEndedCalls(this.context);
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
