import type { Migration } from '../migration';

/**
 * Voicemail left in the endpoint. The audio lives in the data folder (`audio_file`, relative
 * to it); a row is written only once its file is complete and synced.
 */
export const voicemailMigration: Migration = {
  version: 60,
  name: 'voicemail',
  up(db) {
    db.exec(`
      CREATE TABLE voicemail (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL UNIQUE,
        caller TEXT NOT NULL,
        caller_name TEXT,
        account TEXT,
        forwarded_from TEXT,
        received_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        heard INTEGER NOT NULL DEFAULT 0 CHECK (heard IN (0, 1)),
        audio_file TEXT NOT NULL UNIQUE CHECK (audio_file NOT LIKE '/%' AND audio_file NOT LIKE '%..%'),
        audio_format TEXT NOT NULL CHECK (audio_format IN ('ogg-opus')),
        audio_bytes INTEGER NOT NULL CHECK (audio_bytes >= 0)
      ) STRICT;
      CREATE INDEX voicemail_by_time ON voicemail (received_at, id);
    `);
  },
};
