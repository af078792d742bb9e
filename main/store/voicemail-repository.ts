import type { Database } from 'better-sqlite3';
import type { VoicemailEntry } from '../../shared/ipc';

interface VoicemailRow {
  id: number;
  caller: string;
  caller_name: string | null;
  account: string | null;
  forwarded_from: string | null;
  received_at: number;
  duration_ms: number;
  heard: number;
  audio_file: string;
  audio_format: 'ogg-opus';
  audio_bytes: number;
}

/** A finished message to store; `callId` is the engine's id for the call, so it is stored once. */
export interface NewVoicemail {
  callId: string;
  caller: string;
  callerName?: string;
  account?: string;
  forwardedFrom?: string;
  receivedAt: number;
  durationMs: number;
  /** The audio's path relative to the data folder. */
  audioFile: string;
  audioBytes: number;
}

/** Where a message's audio is, for the voicemail service. */
export interface VoicemailAudioRef {
  audioFile: string;
  audioFormat: 'ogg-opus';
  audioBytes: number;
}

const COLUMNS = 'id, caller, caller_name, account, forwarded_from, received_at, duration_ms, heard, audio_file, audio_format, audio_bytes';

function toEntry(row: VoicemailRow): VoicemailEntry {
  const entry: VoicemailEntry = { id: row.id, caller: row.caller, receivedAt: row.received_at, durationMs: row.duration_ms, heard: row.heard === 1 };
  if (row.caller_name !== null) entry.callerName = row.caller_name;
  if (row.account !== null) entry.account = row.account;
  if (row.forwarded_from !== null) entry.forwardedFrom = row.forwarded_from;
  return entry;
}

/** Voicemail (migration 0060), newest first. */
export class VoicemailRepository {
  private readonly insertOne;
  private readonly selectOne;
  private readonly selectPage;
  private readonly selectUnheardPage;
  private readonly countUnheard;
  private readonly updateHeard;
  private readonly deleteOne;
  private readonly selectFiles;

  constructor(db: Database) {
    this.insertOne = db.prepare<[string, string, string | null, string | null, string | null, number, number, string, number]>(
      `INSERT INTO voicemail (call_id, caller, caller_name, account, forwarded_from, received_at, duration_ms, audio_file, audio_format, audio_bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ogg-opus', ?) ON CONFLICT(call_id) DO NOTHING`,
    );
    this.selectOne = db.prepare<[number], VoicemailRow>(`SELECT ${COLUMNS} FROM voicemail WHERE id = ?`);
    this.selectPage = db.prepare<[number], VoicemailRow>(`SELECT ${COLUMNS} FROM voicemail ORDER BY received_at DESC, id DESC LIMIT ?`);
    this.selectUnheardPage = db.prepare<[number], VoicemailRow>(`SELECT ${COLUMNS} FROM voicemail WHERE heard = 0 ORDER BY received_at DESC, id DESC LIMIT ?`);
    this.countUnheard = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM voicemail WHERE heard = 0');
    this.updateHeard = db.prepare<[number, number]>('UPDATE voicemail SET heard = ? WHERE id = ?');
    this.deleteOne = db.prepare<[number]>('DELETE FROM voicemail WHERE id = ?');
    this.selectFiles = db.prepare<[], { audio_file: string }>('SELECT audio_file FROM voicemail');
  }

  /** Stores a finished message, committed before this returns; undefined when this call's message is already stored. */
  add(v: NewVoicemail): VoicemailEntry | undefined {
    const r = this.insertOne.run(v.callId, v.caller, v.callerName ?? null, v.account ?? null, v.forwardedFrom ?? null, v.receivedAt, v.durationMs, v.audioFile, v.audioBytes);
    if (r.changes === 0) return undefined;
    return this.get(Number(r.lastInsertRowid));
  }

  get(id: number): VoicemailEntry | undefined {
    const row = this.selectOne.get(id);
    return row ? toEntry(row) : undefined;
  }

  audio(id: number): VoicemailAudioRef | undefined {
    const row = this.selectOne.get(id);
    return row ? { audioFile: row.audio_file, audioFormat: row.audio_format, audioBytes: row.audio_bytes } : undefined;
  }

  list(limit = 100, unheardOnly = false): VoicemailEntry[] {
    return (unheardOnly ? this.selectUnheardPage : this.selectPage).all(limit).map(toEntry);
  }

  unheard(): number {
    return this.countUnheard.get()?.n ?? 0;
  }

  setHeard(id: number, heard: boolean): VoicemailEntry | undefined {
    this.updateHeard.run(heard ? 1 : 0, id);
    return this.get(id);
  }

  /** Removes the row and says which audio file it had (the caller deletes the file after). */
  delete(id: number): VoicemailAudioRef | undefined {
    const audio = this.audio(id);
    if (audio && this.deleteOne.run(id).changes === 1) return audio;
    return undefined;
  }

  /** Every stored audio path (relative to the data folder). */
  audioFiles(): string[] {
    return this.selectFiles.all().map((r) => r.audio_file);
  }
}
