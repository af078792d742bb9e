import type { Migration } from '../migration';

/** Ended calls, newest first by start time. `call_id` is the engine's call id, so a call is stored once. */
export const callHistoryMigration: Migration = {
  version: 50,
  name: 'call-history',
  up(db) {
    db.exec(`
      CREATE TABLE call_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL UNIQUE,
        direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
        peer TEXT NOT NULL,
        peer_name TEXT,
        started_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'missed', 'rejected', 'cancelled', 'failed', 'busy')),
        end_reason TEXT,
        sip_status INTEGER CHECK (sip_status IS NULL OR sip_status BETWEEN 100 AND 699),
        codec TEXT,
        encryption TEXT NOT NULL CHECK (encryption IN ('none', 'srtp', 'dtls-srtp'))
      ) STRICT;
      CREATE INDEX call_history_by_time ON call_history (started_at, id);
    `);
  },
};
