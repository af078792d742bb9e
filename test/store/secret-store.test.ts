import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migrations } from '../../main/store/migrations';
import { CipherSecretStore, DATABASE_FILE, FileKeyCipher, FileSecretStore, openStore, SECRET_KEY_FILE, SecretDecryptError, SecretKeyFileError, type SecretCipher } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

function database(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations);
  return db;
}

describe('FileSecretStore: AES-256-GCM under a 0600 key file', () => {
  it('round-trips secrets, makes the key file 0600 on first use, and deletes', () => {
    const dir = tempDir();
    const secrets = new FileSecretStore(database(), dir);
    expect(fs.existsSync(path.join(dir, SECRET_KEY_FILE))).toBe(false);
    expect(secrets.get('account:1:password')).toBeUndefined();
    secrets.set('account:1:password', 'hunter2 ünïcode');
    const stat = fs.statSync(path.join(dir, SECRET_KEY_FILE));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(secrets.get('account:1:password')).toBe('hunter2 ünïcode');
    secrets.set('account:1:password', 'changed');
    expect(secrets.get('account:1:password')).toBe('changed');
    expect(secrets.keys()).toEqual(['account:1:password']);
    expect(secrets.delete('account:1:password')).toBe(true);
    expect(secrets.delete('account:1:password')).toBe(false);
    expect(secrets.get('account:1:password')).toBeUndefined();
  });

  it('tightens a loosened key file back to 0600', () => {
    const dir = tempDir();
    const db = database();
    new FileSecretStore(db, dir).set('k', 'v');
    fs.chmodSync(path.join(dir, SECRET_KEY_FILE), 0o644);
    expect(new FileSecretStore(db, dir).get('k')).toBe('v');
    expect(fs.statSync(path.join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a wrong key gives a SecretDecryptError that says so', () => {
    const db = database();
    new FileSecretStore(db, tempDir()).set('account:1:password', 'hunter2');
    const other = new FileSecretStore(db, tempDir());
    other.set('unrelated', 'x'); // makes the other folder's own key
    expect(() => other.get('account:1:password')).toThrow(SecretDecryptError);
    expect(() => other.get('account:1:password')).toThrow(/wrong key or damaged/);
  });

  it('a missing or foreign key file gives a SecretKeyFileError and is not replaced', () => {
    const dir = tempDir();
    const db = database();
    new FileSecretStore(db, dir).set('k', 'v');
    const keyFile = path.join(dir, SECRET_KEY_FILE);
    fs.rmSync(keyFile);
    expect(() => new FileSecretStore(db, dir).get('k')).toThrow(SecretKeyFileError);
    expect(() => new FileSecretStore(db, dir).get('k')).toThrow(/missing/);
    fs.writeFileSync(keyFile, 'not a key', { mode: 0o600 });
    expect(() => new FileSecretStore(db, dir).get('k')).toThrow(/not a LiteSIP secret key file/);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe('not a key');
  });

  it('binds each ciphertext to its key: a swapped row does not open', () => {
    const db = database();
    const secrets = new FileSecretStore(db, tempDir());
    secrets.set('a', 'alpha');
    secrets.set('b', 'beta');
    db.prepare("UPDATE secrets SET value = (SELECT value FROM secrets WHERE key = 'a') WHERE key = 'b'").run();
    expect(() => secrets.get('b')).toThrow(SecretDecryptError);
    expect(secrets.get('a')).toBe('alpha');
  });

  it('refuses a secret sealed by another cipher by name', () => {
    const db = database();
    new FileSecretStore(db, tempDir()).set('k', 'v');
    const reversing: SecretCipher = {
      name: 'test-reverse',
      encrypt: (plain) => Buffer.from([...plain].reverse().join('')),
      decrypt: (blob) => [...blob.toString()].reverse().join(''),
    };
    const store = new CipherSecretStore(db, reversing);
    expect(() => store.get('k')).toThrow(/sealed by file-aes-256-gcm/);
    store.set('k2', 'plain');
    expect(store.get('k2')).toBe('plain');
  });

  it('the cipher name and key file name are stable (stored data depends on them)', () => {
    expect(new FileKeyCipher(tempDir()).name).toBe('file-aes-256-gcm');
    expect(SECRET_KEY_FILE).toBe('secrets.key');
  });

  it('never writes a password in plain text into the database files', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const password = 'Plain-Text-Canary-7f3a9c';
    store.accounts.add({ aor: 'sip:alice@example.com', password });
    store.accounts.add({ aor: 'sip:bob@example.com', password: `${password}-2` });
    store.accounts.update({ id: 1, password: `${password}-3` });
    const bytes = (): Buffer => Buffer.concat(fs.readdirSync(dir).filter((f) => f.startsWith(DATABASE_FILE)).map((f) => fs.readFileSync(path.join(dir, f))));
    for (const needle of [password, Buffer.from(password, 'utf16le').toString('latin1')]) {
      expect(bytes().includes(Buffer.from(needle, 'latin1'))).toBe(false);
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    expect(bytes().includes(Buffer.from(password))).toBe(false);
    expect(bytes().length).toBeGreaterThan(0);
    const again = openStore(dir);
    expect(again.accounts.enabledWithSecrets().map((a) => a.password)).toEqual([`${password}-3`, `${password}-2`]);
    again.close();
  });
});
