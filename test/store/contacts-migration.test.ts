import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migrations } from '../../main/store/migrations';
import { ContactsRepository } from '../../main/store';

function databaseAt(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

describe('migration 0020: contacts', () => {
  it('migrates a version-10 database and keeps its settings and meta', () => {
    const db = databaseAt(10);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('displayName', '"Alice"');
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('instance-id', 'urn:uuid:0');
    expect(migrate(db, migrations.filter((m) => m.version <= 20))).toBe(20);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('displayName')).toEqual({ value: '"Alice"' });
    expect(db.prepare('SELECT value FROM meta WHERE key = ?').get('instance-id')).toEqual({ value: 'urn:uuid:0' });
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  });

  it('keeps one row per URI and checks the authorization value', () => {
    const db = databaseAt(20);
    const contacts = new ContactsRepository(db);
    expect(contacts.addPendingWatcher('sip:eve@192.0.2.1')).toBe(true);
    expect(contacts.addPendingWatcher('sip:eve@192.0.2.1')).toBe(false);
    expect(contacts.get('sip:eve@192.0.2.1')).toMatchObject({ buddy: false, authorization: 'pending' });
    // Adding a known watcher as a buddy allows them (the user asked for this person).
    expect(contacts.addBuddy('sip:eve@192.0.2.1', 'Eve')).toMatchObject({ buddy: true, authorization: 'allowed', displayName: 'Eve' });
    expect(contacts.setAuthorization('sip:eve@192.0.2.1', 'blocked')?.authorization).toBe('blocked');
    expect(contacts.addBuddy('sip:eve@192.0.2.1')).toMatchObject({ authorization: 'blocked', displayName: 'Eve' });
    expect(() => db.prepare("UPDATE contacts SET authorization = 'maybe'").run()).toThrow(/CHECK/);
    expect(contacts.list()).toHaveLength(1);
    expect(contacts.remove('sip:eve@192.0.2.1')).toBe(true);
    expect(contacts.list()).toEqual([]);
  });
});
