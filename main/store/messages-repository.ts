import type { Database } from 'better-sqlite3';
import type { ChatMessage, ConversationPage, MessageDirection, MessageState } from '../../shared/ipc';

interface MessageRow {
  id: number;
  peer: string;
  direction: MessageDirection;
  body: string;
  content_type: string;
  state: MessageState;
  reason: string | null;
  created_at: number;
}

/** The SIP identity of a received MESSAGE (RFC 3261 §17.2.3 is per hop; this survives restarts). */
export interface SipMessageIdentity {
  callId: string;
  cseq: number;
  fromTag: string;
}

export interface NewMessage {
  peer: string;
  direction: MessageDirection;
  body: string;
  contentType: string;
  state: MessageState;
  reason?: string;
  sip?: SipMessageIdentity;
}

const COLUMNS = 'id, peer, direction, body, content_type, state, reason, created_at';

function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    peer: row.peer,
    direction: row.direction,
    body: row.body,
    contentType: row.content_type,
    state: row.state,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    createdAt: row.created_at,
  };
}

/** Conversation history (RFC 3428 messages), paged newest first by id. */
export class MessagesRepository {
  private readonly insertOne;
  private readonly selectOne;
  private readonly selectPage;
  private readonly selectPageBefore;
  private readonly updateState;
  private readonly selectByState;
  private readonly markReadStmt;
  private readonly selectInterrupted;

  constructor(db: Database) {
    this.insertOne = db.prepare<[string, MessageDirection, string, string, MessageState, string | null, string | null, number | null, string | null, number, number]>(
      `INSERT OR IGNORE INTO messages (peer, direction, body, content_type, state, reason, sip_call_id, sip_cseq, sip_from_tag, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectOne = db.prepare<[number], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE id = ?`);
    this.selectPage = db.prepare<[string, number], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE peer = ? ORDER BY id DESC LIMIT ?`);
    this.selectPageBefore = db.prepare<[string, number, number], MessageRow>(
      `SELECT ${COLUMNS} FROM messages WHERE peer = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    );
    this.updateState = db.prepare<[MessageState, string | null, number, number]>('UPDATE messages SET state = ?, reason = ?, updated_at = ? WHERE id = ?');
    this.selectByState = db.prepare<[MessageState, string], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE state = ? AND peer = ? ORDER BY id`);
    this.selectInterrupted = db.prepare<[], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE state = 'sending' ORDER BY id`);
    this.markReadStmt = db.prepare<[number, string]>("UPDATE messages SET state = 'read', updated_at = ? WHERE peer = ? AND direction = 'in' AND state = 'received'");
  }

  /**
   * Stores one message and commits it (synchronous, WAL with synchronous=FULL). Returns
   * undefined when a message with the same SIP identity is already stored.
   */
  insert(message: NewMessage): ChatMessage | undefined {
    const now = Date.now();
    const r = this.insertOne.run(
      message.peer,
      message.direction,
      message.body,
      message.contentType,
      message.state,
      message.reason ?? null,
      message.sip?.callId ?? null,
      message.sip?.cseq ?? null,
      message.sip?.fromTag ?? null,
      now,
      now,
    );
    if (r.changes === 0) return undefined;
    return this.get(Number(r.lastInsertRowid));
  }

  get(id: number): ChatMessage | undefined {
    const row = this.selectOne.get(id);
    return row ? toMessage(row) : undefined;
  }

  setState(id: number, state: MessageState, reason?: string): ChatMessage | undefined {
    this.updateState.run(state, reason ?? null, Date.now(), id);
    return this.get(id);
  }

  /** Newest first; `beforeId` continues from the previous page. */
  page(peer: string, limit = 50, beforeId?: number): ConversationPage {
    const rows = beforeId === undefined ? this.selectPage.all(peer, limit + 1) : this.selectPageBefore.all(peer, beforeId, limit + 1);
    const messages = rows.slice(0, limit).map(toMessage);
    const last = messages.at(-1);
    return rows.length > limit && last ? { messages, nextBeforeId: last.id } : { messages };
  }

  /** Outgoing messages waiting for `peer` to come online, oldest first. */
  queuedFor(peer: string): ChatMessage[] {
    return this.selectByState.all('queued', peer).map(toMessage);
  }

  /** Outgoing messages left in `sending` (the program stopped while they were in flight). */
  interrupted(): ChatMessage[] {
    return this.selectInterrupted.all().map(toMessage);
  }

  markRead(peer: string): number {
    return this.markReadStmt.run(Date.now(), peer).changes;
  }
}
