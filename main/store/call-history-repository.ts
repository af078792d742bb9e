import type { Database } from 'better-sqlite3';
import type { CallDirection, CallOutcome, Encryption, HistoryEntry, HistoryPage } from '../../shared/ipc';

interface HistoryRow {
  id: number;
  direction: CallDirection;
  peer: string;
  peer_name: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number;
  outcome: CallOutcome;
  end_reason: string | null;
  sip_status: number | null;
  codec: string | null;
  encryption: Encryption;
}

/** An ended call to remember; `callId` is the engine's id for it. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id'> & { callId: string };

const COLUMNS = 'id, direction, peer, peer_name, started_at, answered_at, ended_at, outcome, end_reason, sip_status, codec, encryption';

function toEntry(row: HistoryRow): HistoryEntry {
  const entry: HistoryEntry = {
    id: row.id,
    direction: row.direction,
    peer: row.peer,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    encryption: row.encryption,
  };
  if (row.peer_name !== null) entry.peerName = row.peer_name;
  if (row.answered_at !== null) entry.answeredAt = row.answered_at;
  if (row.end_reason !== null) entry.endReason = row.end_reason;
  if (row.sip_status !== null) entry.sipStatus = row.sip_status;
  if (row.codec !== null) entry.codec = row.codec;
  return entry;
}

export function formatHistoryCursor(entry: Pick<HistoryEntry, 'startedAt' | 'id'>): string {
  return `${entry.startedAt}.${entry.id}`;
}

function parseCursor(cursor: string): { startedAt: number; id: number } | undefined {
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(cursor);
  return m ? { startedAt: Number(m[1]), id: Number(m[2]) } : undefined;
}

/** Call history (migration 0050), paged newest first by start time. */
export class CallHistoryRepository {
  private readonly insertOne;
  private readonly selectOne;
  private readonly selectPage;
  private readonly selectPageBefore;
  private readonly deleteOne;
  private readonly deleteAll;
  private readonly recordBatch: (entries: readonly NewHistoryEntry[]) => (HistoryEntry | undefined)[];

  constructor(db: Database) {
    this.insertOne = db.prepare<[string, CallDirection, string, string | null, number, number | null, number, CallOutcome, string | null, number | null, string | null, Encryption]>(
      `INSERT INTO call_history (call_id, direction, peer, peer_name, started_at, answered_at, ended_at, outcome, end_reason, sip_status, codec, encryption)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(call_id) DO NOTHING`,
    );
    this.selectOne = db.prepare<[number], HistoryRow>(`SELECT ${COLUMNS} FROM call_history WHERE id = ?`);
    this.selectPage = db.prepare<[number], HistoryRow>(`SELECT ${COLUMNS} FROM call_history ORDER BY started_at DESC, id DESC LIMIT ?`);
    this.selectPageBefore = db.prepare<[number, number, number, number], HistoryRow>(
      `SELECT ${COLUMNS} FROM call_history WHERE started_at < ? OR (started_at = ? AND id < ?) ORDER BY started_at DESC, id DESC LIMIT ?`,
    );
    this.deleteOne = db.prepare<[number]>('DELETE FROM call_history WHERE id = ?');
    this.deleteAll = db.prepare('DELETE FROM call_history');
    this.recordBatch = db.transaction((entries: readonly NewHistoryEntry[]) => entries.map((e) => this.record(e)));
  }

  /**
   * Stores an ended call and commits it before returning (WAL, synchronous=FULL). Returns
   * undefined when this call is already stored.
   */
  record(e: NewHistoryEntry): HistoryEntry | undefined {
    const r = this.insertOne.run(
      e.callId,
      e.direction,
      e.peer,
      e.peerName ?? null,
      e.startedAt,
      e.answeredAt ?? null,
      e.endedAt,
      e.outcome,
      e.endReason ?? null,
      e.sipStatus ?? null,
      e.codec ?? null,
      e.encryption,
    );
    if (r.changes === 0) return undefined;
    return this.get(Number(r.lastInsertRowid));
  }

  /**
   * Stores several ended calls in one transaction (one commit, one WAL sync): all of them or,
   * when it throws, none. Each result is as record() gives it, in the same order.
   */
  recordAll(entries: readonly NewHistoryEntry[]): (HistoryEntry | undefined)[] {
    return this.recordBatch(entries);
  }

  get(id: number): HistoryEntry | undefined {
    const row = this.selectOne.get(id);
    return row ? toEntry(row) : undefined;
  }

  /** Newest first; `before` (a cursor from the previous page) continues with older calls. */
  page(limit = 50, before?: string): HistoryPage {
    const cursor = before === undefined ? undefined : parseCursor(before);
    const rows = cursor ? this.selectPageBefore.all(cursor.startedAt, cursor.startedAt, cursor.id, limit + 1) : this.selectPage.all(limit + 1);
    const entries = rows.slice(0, limit).map(toEntry);
    const last = entries.at(-1);
    return rows.length > limit && last ? { entries, nextCursor: formatHistoryCursor(last) } : { entries };
  }

  delete(id: number): boolean {
    return this.deleteOne.run(id).changes === 1;
  }

  clear(): number {
    return this.deleteAll.run().changes;
  }
}
