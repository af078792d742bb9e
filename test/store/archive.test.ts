import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ArchiveError, DATABASE_FILE, exportArchive, importArchive, openStore, SECRET_KEY_FILE, type Store } from '../../main/store';
import { ARCHIVE_MAGIC } from '../../main/store/archive-format';
import { migrations } from '../../main/store/migrations';
import { ToneSource, writeWavFile } from '../../main/media/audio';
import { OggOpusWriter, VoicemailBox } from '../../main/services/voicemail';
import { tempDir } from '../helpers/temp-dir';

function filled(): { dir: string; store: Store } {
  const dir = tempDir();
  const store = openStore(dir);
  store.settings.save({ theme: 'dark', displayName: 'Alice' });
  store.contacts.addBuddy('sip:bob@192.0.2.2', 'Bob');
  store.messages.insert({ peer: 'sip:bob@192.0.2.2', direction: 'out', body: 'hello Bob', contentType: 'text/plain', state: 'delivered' });
  store.accounts.add({ aor: 'sip:alice@example.com', password: 'Alice-Password-1', displayName: 'Alice', proxy: 'sip:10.0.0.1:5060', expires: 600 });
  store.accounts.add({ aor: 'sip:alice@example.org', enabled: false });
  store.history.record({ callId: 'c1', direction: 'incoming', peer: 'sip:bob@192.0.2.2', peerName: 'Bob', startedAt: 1000, answeredAt: 1200, endedAt: 5000, outcome: 'answered', codec: 'opus', encryption: 'srtp' });
  store.history.record({ callId: 'c2', direction: 'outgoing', peer: 'sip:carol@192.0.2.3', startedAt: 6000, endedAt: 7000, outcome: 'busy', sipStatus: 486, encryption: 'none' });
  return { dir, store };
}

function snapshot(store: Store): unknown {
  return {
    settings: store.settings.load(),
    contacts: store.contacts.list(),
    messages: store.messages.page('sip:bob@192.0.2.2'),
    accounts: store.accounts.list(),
    history: store.history.page(),
  };
}

/** Every file of a folder with its bytes, to show nothing changed. */
function folderState(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]));
}

function reencode(archive: Buffer, edit: (manifest: Record<string, unknown>, database: Buffer) => [Record<string, unknown>, Buffer]): Buffer {
  const raw = gunzipSync(archive);
  const length = raw.readUInt32BE(8);
  const [manifest, database] = edit(JSON.parse(raw.subarray(12, 12 + length).toString()) as Record<string, unknown>, raw.subarray(12 + length));
  const json = Buffer.from(JSON.stringify(manifest));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return gzipSync(Buffer.concat([ARCHIVE_MAGIC, len, json, database]));
}

describe('export and import', () => {
  it('restores settings, contacts, messages, accounts with passwords and history into a fresh folder', () => {
    const { store } = filled();
    const file = path.join(tempDir(), 'backup.litesip');
    const result = exportArchive(store, file, { passphrase: 'correct horse' });
    expect(result).toMatchObject({ secretsIncluded: 1, secretsLeftOut: 0, schemaVersion: migrations.at(-1)!.version });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The archive never holds a password in clear, compressed or not.
    expect(gunzipSync(fs.readFileSync(file)).includes(Buffer.from('Alice-Password-1'))).toBe(false);

    const target = path.join(tempDir(), 'restored');
    expect(importArchive(file, target, { passphrase: 'correct horse' })).toMatchObject({ secretsImported: 1, secretsLeftOut: 0 });
    const restored = openStore(target);
    expect(snapshot(restored)).toEqual(snapshot(store));
    expect(restored.accounts.enabledWithSecrets().map((a) => a.password)).toEqual(['Alice-Password-1']);
    expect(fs.statSync(path.join(target, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(restored.db.pragma('journal_mode', { simple: true })).toBe('wal');
    restored.close();
    store.close();
  });

  it('without a passphrase the passwords are left out and said to be', () => {
    const { store } = filled();
    const file = path.join(tempDir(), 'backup.litesip');
    expect(exportArchive(store, file)).toMatchObject({ secretsIncluded: 0, secretsLeftOut: 1 });
    const target = tempDir();
    expect(importArchive(file, target)).toMatchObject({ secretsImported: 0, secretsLeftOut: 1 });
    const restored = openStore(target);
    expect(restored.accounts.list().map((a) => [a.aor, a.hasPassword])).toEqual([
      ['sip:alice@example.com', false],
      ['sip:alice@example.org', false],
    ]);
    expect(restored.history.page().entries).toHaveLength(2);
    restored.close();
    store.close();
  });

  it('a wrong or missing passphrase is refused and changes nothing', () => {
    const { store } = filled();
    const file = path.join(tempDir(), 'backup.litesip');
    exportArchive(store, file, { passphrase: 'right' });
    store.close();
    const target = path.join(tempDir(), 'fresh');
    expect(() => importArchive(file, target, { passphrase: 'wrong' })).toThrow(/Wrong passphrase/);
    expect(() => importArchive(file, target)).toThrow(/give it with --passphrase/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a non-empty folder unless forced, and then replaces its data', () => {
    const { store } = filled();
    const file = path.join(tempDir(), 'backup.litesip');
    exportArchive(store, file, { passphrase: 'p' });
    store.close();
    const other = openStore(tempDir());
    const target = path.dirname(other.db.name);
    other.settings.save({ theme: 'light' });
    other.close();
    const before = folderState(target);
    expect(() => importArchive(file, target, { passphrase: 'p' })).toThrow(expect.objectContaining({ fault: 'target-not-empty' }));
    expect(folderState(target)).toEqual(before);
    importArchive(file, target, { passphrase: 'p', force: true });
    const restored = openStore(target);
    expect(restored.settings.load().theme).toBe('dark');
    expect(restored.accounts.enabledWithSecrets()[0]?.password).toBe('Alice-Password-1');
    restored.close();
  });

  it('refuses corrupt, foreign and newer archives with a clear error and changes nothing', () => {
    const { store } = filled();
    const dir = tempDir();
    const file = path.join(dir, 'backup.litesip');
    exportArchive(store, file, { passphrase: 'p' });
    store.close();
    const good = fs.readFileSync(file);
    const target = path.join(tempDir(), 'fresh');
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', good.subarray(0, good.length >> 1), /damaged/],
      ['bit flip in the gzip body', Buffer.from(good).fill(0x55, 200, 240), /damaged/],
      ['not gzip at all', Buffer.from('hello, I am a text file'), /not a LiteSIP archive/],
      ['gzip of something else', gzipSync(Buffer.from('{"format":"zip"}')), /not a LiteSIP archive/],
      ['bad manifest', reencode(good, (m, d) => [{ ...m, format: 'other' }, d]), /manifest is not valid/],
      ['database changed', reencode(good, (m, d) => [m, Buffer.from(d).fill(0, 100, 110)]), /checksum/],
      ['newer format', reencode(good, (m, d) => [{ ...m, version: 9 }, d]), /newer LiteSIP/],
      [
        'foreign SQLite file with a matching checksum',
        reencode(good, (m) => {
          const foreign = new BetterSqlite3(':memory:');
          foreign.exec('CREATE TABLE notes (x TEXT)');
          const bytes = foreign.serialize();
          return [{ ...m, database: { bytes: bytes.length, sha256: sha(bytes) } }, bytes];
        }),
        /another program/,
      ],
      ['secret damaged', reencode(good, (m, d) => [{ ...m, secrets: { ...(m.secrets as object), items: [{ key: 'account:1:password', value: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] } }, d]), /damaged/],
    ];
    for (const [name, bytes, message] of cases) {
      fs.writeFileSync(file, bytes);
      let error: unknown;
      try {
        importArchive(file, target, { passphrase: 'p' });
      } catch (err) {
        error = err;
      }
      expect(error, name).toBeInstanceOf(ArchiveError);
      expect((error as Error).message, name).toMatch(message);
      expect(fs.existsSync(target), name).toBe(false);
    }
    expect(fs.readdirSync(dir)).toEqual(['backup.litesip']);
  });

  it('exports a store that is being written to as one consistent snapshot (WAL included)', () => {
    const { dir, store } = filled();
    expect(fs.existsSync(path.join(dir, `${DATABASE_FILE}-wal`))).toBe(true);
    const file = path.join(tempDir(), 'a.litesip');
    exportArchive(store, file, { passphrase: 'p' });
    store.history.record({ callId: 'c3', direction: 'outgoing', peer: 'sip:dave@192.0.2.4', startedAt: 8000, endedAt: 9000, outcome: 'failed', encryption: 'none' });
    const target = tempDir();
    fs.rmdirSync(target);
    importArchive(file, target, { passphrase: 'p' });
    const restored = openStore(target);
    expect(restored.history.page().entries.map((e) => e.peer)).toEqual(['sip:carol@192.0.2.3', 'sip:bob@192.0.2.2']);
    restored.close();
    store.close();
  });

  it('carries voicemail (rows, Ogg Opus audio, the greeting) and refuses an archive whose audio was changed', () => {
    const { dir, store } = filled();
    fs.mkdirSync(path.join(dir, 'voicemail'));
    const writer = new OggOpusWriter(path.join(dir, 'voicemail', '1-call.opus'));
    const tone = new ToneSource(440);
    for (let i = 0; i < 50; i++) writer.write(tone.read());
    const { bytes, durationMs } = writer.finish();
    store.voicemail.add({ callId: 'vm1', caller: 'sip:bob@192.0.2.2', callerName: 'Bob', receivedAt: 4000, durationMs, audioFile: 'voicemail/1-call.opus', audioBytes: bytes });
    store.voicemail.add({ callId: 'vm2', caller: 'sip:gone@192.0.2.9', receivedAt: 4500, durationMs: 10, audioFile: 'voicemail/2-gone.opus', audioBytes: 1 });
    const greeting = path.join(tempDir(), 'g.wav');
    writeWavFile(greeting, { sampleRate: 8000, channels: 1, samples: new Int16Array(800).fill(1000) });
    const box = new VoicemailBox(store);
    box.setGreeting(fs.readFileSync(greeting));
    const file = path.join(tempDir(), 'backup.litesip');
    expect(exportArchive(store, file)).toMatchObject({ filesIncluded: 2, filesMissing: 1 });

    const target = path.join(tempDir(), 'restored');
    expect(importArchive(file, target)).toMatchObject({ filesImported: 2 });
    const restored = openStore(target);
    const restoredBox = new VoicemailBox(restored);
    expect(restored.voicemail.list()).toEqual(store.voicemail.list());
    const first = store.voicemail.list().find((v) => v.caller === 'sip:bob@192.0.2.2')!;
    expect(restoredBox.wav(first.id).equals(box.wav(first.id))).toBe(true);
    expect(fs.readFileSync(path.join(target, 'voicemail', 'greeting.wav')).equals(fs.readFileSync(greeting))).toBe(true);
    restored.close();
    store.close();

    // One byte of the audio changed (the database and manifest left as they were).
    const raw = gunzipSync(fs.readFileSync(file));
    raw[raw.length - 1644 - 50]! ^= 0x01; // the greeting (1644 bytes) comes last, the message before it
    fs.writeFileSync(file, gzipSync(raw));
    const fresh = path.join(tempDir(), 'fresh');
    expect(() => importArchive(file, fresh)).toThrow(/1-call.opus does not match its checksum/);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});

function sha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
