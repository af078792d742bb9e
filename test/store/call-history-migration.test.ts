import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migrations } from '../../main/store/migrations';
import { AccountsRepository, CallHistoryRepository, FileSecretStore, type NewHistoryEntry } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

function databaseAt(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

function call(n: number, startedAt: number, extra: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
  return { callId: `call-${n}`, direction: 'outgoing', peer: `sip:p${n}@192.0.2.1`, startedAt, endedAt: startedAt + 1000, outcome: 'answered', encryption: 'srtp', ...extra };
}

describe('migration 0050: call history', () => {
  it('migrates a version-40 database and keeps its accounts and their sealed passwords', () => {
    const db = databaseAt(40);
    const secrets = new FileSecretStore(db, tempDir());
    new AccountsRepository(db, secrets).add({ aor: 'sip:alice@example.com', password: 'pw' });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '"light"');
    expect(migrate(db, migrations.filter((m) => m.version <= 50))).toBe(50);
    expect(new AccountsRepository(db, secrets).enabledWithSecrets()).toMatchObject([{ account: { aor: 'sip:alice@example.com' }, password: 'pw' }]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"light"' });
    expect(new CallHistoryRepository(db).page().entries).toEqual([]);
  });

  it('checks outcome, direction, encryption and status values', () => {
    const history = new CallHistoryRepository(databaseAt(50));
    expect(() => history.record(call(1, 1, { outcome: 'lost' as never }))).toThrow(/CHECK/);
    expect(() => history.record(call(1, 1, { direction: 'sideways' as never }))).toThrow(/CHECK/);
    expect(() => history.record(call(1, 1, { encryption: 'rot13' as never }))).toThrow(/CHECK/);
    expect(() => history.record(call(1, 1, { sipStatus: 42 }))).toThrow(/CHECK/);
  });
});

describe('CallHistoryRepository', () => {
  it('records each call once with every field', () => {
    const history = new CallHistoryRepository(databaseAt(50));
    const entry = history.record(
      call(1, 1000, { direction: 'incoming', peerName: 'Bob', answeredAt: 1500, endReason: 'hung up', sipStatus: 200, codec: 'opus', outcome: 'answered' }),
    );
    expect(entry).toEqual({
      id: 1,
      direction: 'incoming',
      peer: 'sip:p1@192.0.2.1',
      peerName: 'Bob',
      startedAt: 1000,
      answeredAt: 1500,
      endedAt: 2000,
      outcome: 'answered',
      endReason: 'hung up',
      sipStatus: 200,
      codec: 'opus',
      encryption: 'srtp',
    });
    expect(history.record(call(1, 1000))).toBeUndefined();
    // (a refused duplicate may use up an id: AUTOINCREMENT never reuses one)
    expect(history.record(call(2, 900, { outcome: 'missed', encryption: 'none' }))).toEqual({
      id: expect.any(Number),
      direction: 'outgoing',
      peer: 'sip:p2@192.0.2.1',
      startedAt: 900,
      endedAt: 1900,
      outcome: 'missed',
      encryption: 'none',
    });
  });

  it('pages newest first by start time, ties broken by id, with a cursor', () => {
    const history = new CallHistoryRepository(databaseAt(50));
    // Inserted out of time order; two calls share a start time.
    for (const [n, t] of [[1, 300], [2, 100], [3, 500], [4, 300], [5, 200]] as const) history.record(call(n, t));
    const first = history.page(2);
    expect(first.entries.map((e) => e.peer)).toEqual(['sip:p3@192.0.2.1', 'sip:p4@192.0.2.1']);
    expect(first.nextCursor).toBe('300.4');
    const second = history.page(2, first.nextCursor);
    expect(second.entries.map((e) => e.peer)).toEqual(['sip:p1@192.0.2.1', 'sip:p5@192.0.2.1']);
    const last = history.page(2, second.nextCursor);
    expect(last).toEqual({ entries: [expect.objectContaining({ peer: 'sip:p2@192.0.2.1' })] });
    expect(history.delete(3)).toBe(true);
    expect(history.delete(3)).toBe(false);
    expect(history.clear()).toBe(4);
    expect(history.page()).toEqual({ entries: [] });
  });
});
