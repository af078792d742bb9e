import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore, StoreOpenError } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

describe('store: opening the database', () => {
  it('creates a WAL database at the latest schema and keeps the instance id', () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
    const id = store.meta.instanceId();
    expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    store.close();
    const again = openStore(dir);
    expect(again.meta.instanceId()).toBe(id);
    again.close();
  });

  it('refuses a foreign SQLite file and leaves it unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    const foreign = new BetterSqlite3(file);
    foreign.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (\'keep me\')');
    foreign.close();
    const before = fs.readFileSync(file);
    expect(() => openStore(dir)).toThrow(StoreOpenError);
    expect(() => openStore(dir)).toThrow(/another program/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged file and leaves it unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, Buffer.from('this is not a database at all, just text'.repeat(200)));
    const before = fs.readFileSync(file);
    expect(() => openStore(dir)).toThrow(StoreOpenError);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
