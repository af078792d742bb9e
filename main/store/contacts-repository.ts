import type { Database } from 'better-sqlite3';
import type { Contact, WatcherAuthorization } from '../../shared/ipc';

interface ContactRow {
  uri: string;
  display_name: string;
  buddy: number;
  authorization: WatcherAuthorization;
}

function toContact(row: ContactRow): Contact {
  return { uri: row.uri, displayName: row.display_name, buddy: row.buddy === 1, authorization: row.authorization };
}

/** Buddies and watchers with their presence authorization (RFC 3856 §6.6). */
export class ContactsRepository {
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsertBuddy;
  private readonly insertWatcher;
  private readonly updateName;
  private readonly updateAuthorization;
  private readonly deleteOne;

  constructor(db: Database) {
    this.selectAll = db.prepare<[], ContactRow>('SELECT uri, display_name, buddy, authorization FROM contacts ORDER BY display_name, uri');
    this.selectOne = db.prepare<[string], ContactRow>('SELECT uri, display_name, buddy, authorization FROM contacts WHERE uri = ?');
    // Adding a buddy also lets them watch us: the user asked for this person.
    this.upsertBuddy = db.prepare<[string, string, number, number]>(
      `INSERT INTO contacts (uri, display_name, buddy, authorization, created_at, updated_at) VALUES (?, ?, 1, 'allowed', ?, ?)
       ON CONFLICT(uri) DO UPDATE SET buddy = 1, display_name = CASE WHEN excluded.display_name = '' THEN display_name ELSE excluded.display_name END,
       authorization = CASE WHEN authorization = 'pending' THEN 'allowed' ELSE authorization END, updated_at = excluded.updated_at`,
    );
    this.insertWatcher = db.prepare<[string, string, number, number]>(
      `INSERT OR IGNORE INTO contacts (uri, display_name, buddy, authorization, created_at, updated_at) VALUES (?, ?, 0, 'pending', ?, ?)`,
    );
    this.updateName = db.prepare<[string, number, string]>('UPDATE contacts SET display_name = ?, updated_at = ? WHERE uri = ?');
    this.updateAuthorization = db.prepare<[WatcherAuthorization, number, string]>('UPDATE contacts SET authorization = ?, updated_at = ? WHERE uri = ?');
    this.deleteOne = db.prepare<[string]>('DELETE FROM contacts WHERE uri = ?');
  }

  list(): Contact[] {
    return this.selectAll.all().map(toContact);
  }

  get(uri: string): Contact | undefined {
    const row = this.selectOne.get(uri);
    return row ? toContact(row) : undefined;
  }

  /** Adds a buddy (or makes a known watcher one); the buddy may watch us too. */
  addBuddy(uri: string, displayName = ''): Contact {
    const now = Date.now();
    this.upsertBuddy.run(uri, displayName, now, now);
    return this.get(uri) as Contact;
  }

  /** A stranger subscribed to our presence: remembered as a pending watcher. Returns true when new. */
  addPendingWatcher(uri: string, displayName = ''): boolean {
    const now = Date.now();
    return this.insertWatcher.run(uri, displayName, now, now).changes === 1;
  }

  rename(uri: string, displayName: string): Contact | undefined {
    this.updateName.run(displayName, Date.now(), uri);
    return this.get(uri);
  }

  setAuthorization(uri: string, authorization: WatcherAuthorization): Contact | undefined {
    this.updateAuthorization.run(authorization, Date.now(), uri);
    return this.get(uri);
  }

  remove(uri: string): boolean {
    return this.deleteOne.run(uri).changes === 1;
  }
}
