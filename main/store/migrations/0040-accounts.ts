import type { Migration } from '../migration';

/**
 * SIP accounts and the encrypted secrets that belong to them. A password never sits in
 * `accounts`: it is a row of `secrets`, sealed by the SecretCipher (a key file headless,
 * Electron's safeStorage in the desktop app); `cipher` names which one sealed it.
 */
export const accountsMigration: Migration = {
  version: 40,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        aor TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL DEFAULT '',
        username TEXT NOT NULL DEFAULT '',
        proxy TEXT,
        expires INTEGER CHECK (expires IS NULL OR expires BETWEEN 60 AND 86400),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE secrets (
        key TEXT PRIMARY KEY NOT NULL,
        cipher TEXT NOT NULL,
        value BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
