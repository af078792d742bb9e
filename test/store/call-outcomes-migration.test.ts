import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migrations } from '../../main/store/migrations';
import { CallHistoryRepository, VoicemailRepository, type NewHistoryEntry } from '../../main/store';

function databaseAt(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

function call(n: number, extra: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
  return { callId: `call-${n}`, direction: 'incoming', peer: `sip:p${n}@192.0.2.1`, startedAt: n * 1000, endedAt: n * 1000 + 500, outcome: 'missed', encryption: 'none', ...extra };
}

describe('migration 0070: forwarded and voicemail call outcomes', () => {
  it('rebuilds call_history with every row, id and field kept, and leaves voicemail alone', () => {
    const db = databaseAt(60);
    const before = new CallHistoryRepository(db);
    before.record(call(1, { outcome: 'answered', direction: 'outgoing', answeredAt: 1200, codec: 'opus', encryption: 'srtp', peerName: 'P1' }));
    before.record(call(2, { outcome: 'busy', direction: 'outgoing', sipStatus: 486, endReason: 'Busy Here' }));
    before.delete(1);
    before.record(call(3));
    before.record(call(9));
    before.delete(4); // the newest row is gone: its id must not come back
    new VoicemailRepository(db).add({ callId: 'v', caller: 'sip:a@192.0.2.1', receivedAt: 1, durationMs: 1, audioFile: 'voicemail/v.opus', audioBytes: 1 });
    const rows = db.prepare('SELECT * FROM call_history ORDER BY id').all();
    const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'call_history'").get();
    expect(rows).toHaveLength(2);

    expect(migrate(db, migrations.filter((m) => m.version <= 70))).toBe(70);
    expect(db.prepare('SELECT * FROM call_history ORDER BY id').all()).toEqual(rows);
    // AUTOINCREMENT keeps counting past deleted ids.
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'call_history'").get()).toEqual(seq);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'call_history' AND name = 'call_history_by_time'").get()).toBeDefined();
    expect((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'call_history'").get() as { sql: string }).sql).toMatch(/STRICT/);
    expect(new VoicemailRepository(db).list()).toHaveLength(1);

    const after = new CallHistoryRepository(db);
    expect(after.record(call(4, { outcome: 'forwarded', sipStatus: 302 }))?.id).toBe(5);
    expect(after.record(call(5, { outcome: 'voicemail', answeredAt: 5100 }))?.outcome).toBe('voicemail');
    expect(() => after.record(call(6, { outcome: 'lost' as never }))).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
