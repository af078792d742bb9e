import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migrations } from '../../main/store/migrations';
import { CallHistoryRepository, VoicemailRepository, type NewVoicemail } from '../../main/store';

function databaseAt(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

function message(n: number, receivedAt: number, extra: Partial<NewVoicemail> = {}): NewVoicemail {
  return { callId: `call-${n}`, caller: `sip:c${n}@192.0.2.1`, receivedAt, durationMs: 1000 * n, audioFile: `voicemail/${n}.opus`, audioBytes: 100 * n, ...extra };
}

describe('migration 0060: voicemail', () => {
  it('migrates a version-50 database and keeps its call history and settings', () => {
    const db = databaseAt(50);
    new CallHistoryRepository(db).record({ callId: 'c1', direction: 'incoming', peer: 'sip:a@192.0.2.1', startedAt: 1, endedAt: 2, outcome: 'missed', encryption: 'none' });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '"dark"');
    expect(migrate(db, migrations.filter((m) => m.version <= 60))).toBe(60);
    expect(new CallHistoryRepository(db).page().entries).toMatchObject([{ peer: 'sip:a@192.0.2.1', outcome: 'missed' }]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"dark"' });
    expect(new VoicemailRepository(db).list()).toEqual([]);
    expect((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'voicemail'").get() as { sql: string }).sql).toMatch(/STRICT/);
  });

  it('checks heard, lengths, and that audio paths stay inside the data folder', () => {
    const db = databaseAt(60);
    const repo = new VoicemailRepository(db);
    expect(() => repo.add(message(1, 1, { durationMs: -1 }))).toThrow(/CHECK/);
    expect(() => repo.add(message(1, 1, { audioFile: '/etc/passwd' }))).toThrow(/CHECK/);
    expect(() => repo.add(message(1, 1, { audioFile: 'voicemail/../../x.opus' }))).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO voicemail (call_id, caller, received_at, duration_ms, heard, audio_file, audio_format, audio_bytes) VALUES ('x', 'sip:a@b', 1, 1, 2, 'voicemail/x.opus', 'ogg-opus', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO voicemail (call_id, caller, received_at, duration_ms, audio_file, audio_format, audio_bytes) VALUES ('x', 'sip:a@b', 1, 1, 'voicemail/x.wav', 'mp3', 1)").run()).toThrow(/CHECK/);
  });
});

describe('VoicemailRepository', () => {
  it('stores each call once, newest first, with heard/unheard and deletion', () => {
    const repo = new VoicemailRepository(databaseAt(60));
    const a = repo.add(message(1, 1000, { callerName: 'Ann', account: 'sip:me@example.com', forwardedFrom: 'sip:desk@example.com' }))!;
    expect(a).toEqual({ id: a.id, caller: 'sip:c1@192.0.2.1', callerName: 'Ann', account: 'sip:me@example.com', forwardedFrom: 'sip:desk@example.com', receivedAt: 1000, durationMs: 1000, heard: false });
    expect(repo.add(message(1, 1000))).toBeUndefined();
    const b = repo.add(message(2, 2000))!;
    expect(repo.list().map((v) => v.id)).toEqual([b.id, a.id]);
    expect(repo.unheard()).toBe(2);
    expect(repo.setHeard(a.id, true)?.heard).toBe(true);
    expect(repo.list(10, true).map((v) => v.id)).toEqual([b.id]);
    expect(repo.unheard()).toBe(1);
    expect(repo.audio(b.id)).toEqual({ audioFile: 'voicemail/2.opus', audioFormat: 'ogg-opus', audioBytes: 200 });
    expect(repo.delete(b.id)).toEqual({ audioFile: 'voicemail/2.opus', audioFormat: 'ogg-opus', audioBytes: 200 });
    expect(repo.delete(b.id)).toBeUndefined();
    expect(repo.audioFiles()).toEqual(['voicemail/1.opus']);
    expect(repo.setHeard(999, true)).toBeUndefined();
  });
});
