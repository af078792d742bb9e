import type { Migration } from '../migration';

/**
 * Instant messages (RFC 3428), both directions. The SIP identifiers of a received MESSAGE
 * (Call-ID, CSeq, From tag) are unique so a retransmission is never stored twice.
 */
export const messagesMigration: Migration = {
  version: 30,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        peer TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        body TEXT NOT NULL,
        content_type TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'queued', 'delivered', 'failed', 'received', 'read')),
        reason TEXT,
        sip_call_id TEXT,
        sip_cseq INTEGER,
        sip_from_tag TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_by_peer ON messages (peer, id);
      CREATE INDEX messages_by_state ON messages (state, peer);
      CREATE UNIQUE INDEX messages_sip_identity ON messages (sip_call_id, sip_cseq, sip_from_tag)
        WHERE direction = 'in' AND sip_call_id IS NOT NULL;
    `);
  },
};
