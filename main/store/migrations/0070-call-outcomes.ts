import type { Migration } from '../migration';

/**
 * Call history learns two outcomes of the endpoint's services: `forwarded` (we redirected the
 * call with 302) and `voicemail` (the caller left or tried to leave a message). SQLite cannot
 * change a CHECK in place, so the table is rebuilt with its rows, ids and index.
 */
export const callOutcomesMigration: Migration = {
  version: 70,
  name: 'call-outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE call_history_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL UNIQUE,
        direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
        peer TEXT NOT NULL,
        peer_name TEXT,
        started_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'missed', 'rejected', 'cancelled', 'failed', 'busy', 'forwarded', 'voicemail')),
        end_reason TEXT,
        sip_status INTEGER CHECK (sip_status IS NULL OR sip_status BETWEEN 100 AND 699),
        codec TEXT,
        encryption TEXT NOT NULL CHECK (encryption IN ('none', 'srtp', 'dtls-srtp'))
      ) STRICT;
      INSERT INTO call_history_next (id, call_id, direction, peer, peer_name, started_at, answered_at, ended_at, outcome, end_reason, sip_status, codec, encryption)
        SELECT id, call_id, direction, peer, peer_name, started_at, answered_at, ended_at, outcome, end_reason, sip_status, codec, encryption FROM call_history;
      -- AUTOINCREMENT goes on from where it was, so ids of deleted calls are never reused.
      DELETE FROM sqlite_sequence WHERE name = 'call_history_next';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'call_history_next', seq FROM sqlite_sequence WHERE name = 'call_history';
      DROP TABLE call_history;
      ALTER TABLE call_history_next RENAME TO call_history;
      CREATE INDEX call_history_by_time ON call_history (started_at, id);
    `);
  },
};
