import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migrations } from '../../main/store/migrations';
import { AccountsRepository, ContactsRepository, DuplicateAccountError, FileSecretStore, MessagesRepository, accountPasswordKey } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

function databaseAt(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

function repository(db = databaseAt(40)): { accounts: AccountsRepository; secrets: FileSecretStore; db: BetterSqlite3.Database } {
  const secrets = new FileSecretStore(db, tempDir());
  return { accounts: new AccountsRepository(db, secrets), secrets, db };
}

describe('migration 0040: accounts and secrets', () => {
  it('migrates a version-30 database and keeps its settings, contacts and messages', () => {
    const db = databaseAt(30);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '"dark"');
    new ContactsRepository(db).addBuddy('sip:bob@192.0.2.2', 'Bob');
    new MessagesRepository(db).insert({ peer: 'sip:bob@192.0.2.2', direction: 'out', body: 'hi', contentType: 'text/plain', state: 'delivered' });
    expect(migrate(db, migrations.filter((m) => m.version <= 40))).toBe(40);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"dark"' });
    expect(new ContactsRepository(db).get('sip:bob@192.0.2.2')?.displayName).toBe('Bob');
    expect(new MessagesRepository(db).page('sip:bob@192.0.2.2').messages.map((m) => m.body)).toEqual(['hi']);
    const { accounts } = repository(db);
    expect(accounts.list()).toEqual([]);
  });

  it('tables are STRICT and check their values', () => {
    const { db } = repository();
    const now = Date.now();
    expect(() => db.prepare('INSERT INTO accounts (aor, enabled, created_at, updated_at) VALUES (?, 2, ?, ?)').run('sip:a@b', now, now)).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO accounts (aor, expires, created_at, updated_at) VALUES (?, 5, ?, ?)').run('sip:a@b', now, now)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO accounts (aor, created_at, updated_at) VALUES (?, 'soon', ?)").run('sip:a@b', now)).toThrow(/cannot store TEXT/);
  });
});

describe('AccountsRepository', () => {
  it('adds, lists, updates and removes; the password lives in secrets only', () => {
    const { accounts, secrets, db } = repository();
    const alice = accounts.add({ aor: 'sip:alice@example.com', displayName: 'Alice', username: 'alice1', password: 's3cret', proxy: 'sip:10.0.0.1:5060', expires: 600 });
    expect(alice).toMatchObject({ id: 1, aor: 'sip:alice@example.com', displayName: 'Alice', username: 'alice1', proxy: 'sip:10.0.0.1:5060', expires: 600, enabled: true, hasPassword: true });
    expect(alice).not.toHaveProperty('password');
    expect(secrets.get(accountPasswordKey(1))).toBe('s3cret');
    expect(JSON.stringify(db.prepare('SELECT * FROM accounts').all())).not.toContain('s3cret');

    const bob = accounts.add({ aor: 'sip:bob@example.org', enabled: false });
    expect(bob).toMatchObject({ username: '', enabled: false, hasPassword: false });
    expect(bob.proxy).toBeUndefined();
    expect(() => accounts.add({ aor: 'sip:alice@example.com' })).toThrow(DuplicateAccountError);

    expect(accounts.update({ id: 1, proxy: null, expires: null, password: null, displayName: 'A.' })).toMatchObject({ displayName: 'A.', hasPassword: false, username: 'alice1' });
    expect(accounts.get(1)?.proxy).toBeUndefined();
    expect(secrets.get(accountPasswordKey(1))).toBeUndefined();
    expect(accounts.update({ id: 2, password: 'pw', enabled: true })).toMatchObject({ hasPassword: true, enabled: true });
    expect(accounts.update({ id: 99, enabled: false })).toBeUndefined();

    expect(accounts.enabledWithSecrets().map((a) => [a.account.aor, a.password])).toEqual([
      ['sip:alice@example.com', undefined],
      ['sip:bob@example.org', 'pw'],
    ]);
    expect(accounts.remove(2)).toBe(true);
    expect(secrets.keys()).toEqual([]);
    expect(accounts.remove(2)).toBe(false);
    expect(accounts.list().map((a) => a.id)).toEqual([1]);
  });

  it('an account whose password cannot be opened is reported, not dropped', () => {
    const db = databaseAt(40);
    new AccountsRepository(db, new FileSecretStore(db, tempDir())).add({ aor: 'sip:alice@example.com', password: 'pw' });
    const elsewhere = new FileSecretStore(db, tempDir());
    elsewhere.set('other', 'x');
    const [entry] = new AccountsRepository(db, elsewhere).enabledWithSecrets();
    expect(entry).toMatchObject({ password: undefined, secretError: expect.stringMatching(/wrong key/) });
  });
});
