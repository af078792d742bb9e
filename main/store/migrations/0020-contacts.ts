import type { Migration } from '../migration';

/**
 * Buddies and watchers (RFC 3856 §6.6): one row per SIP URI. `buddy` = we subscribe to their
 * presence; `authorization` = what we answer when they subscribe to ours.
 */
export const contactsMigration: Migration = {
  version: 20,
  name: 'contacts',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        uri TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL DEFAULT '',
        buddy INTEGER NOT NULL DEFAULT 1 CHECK (buddy IN (0, 1)),
        authorization TEXT NOT NULL DEFAULT 'pending' CHECK (authorization IN ('allowed', 'blocked', 'pending')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contacts_by_authorization ON contacts (authorization);
    `);
  },
};
