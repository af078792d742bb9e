import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { migrations } from '../../main/store/migrations';
import { ContactsRepository, MessagesRepository } from '../../main/store';

function databaseAt(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

describe('migration 0030: messages', () => {
  it('migrates a version-20 database and keeps its settings and contacts', () => {
    const db = databaseAt(20);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '"dark"');
    new ContactsRepository(db).addBuddy('sip:bob@192.0.2.2', 'Bob');
    expect(migrate(db, migrations.filter((m) => m.version <= 30))).toBe(30);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"dark"' });
    expect(new ContactsRepository(db).get('sip:bob@192.0.2.2')?.displayName).toBe('Bob');
  });

  it('stores a received MESSAGE once per Call-ID, CSeq and From tag', () => {
    const messages = new MessagesRepository(databaseAt(30));
    const sip = { callId: 'c1', cseq: 7, fromTag: 't1' };
    const base = { peer: 'sip:bob@192.0.2.2', direction: 'in' as const, body: 'hi', contentType: 'text/plain', state: 'received' as const };
    expect(messages.insert({ ...base, sip })?.id).toBe(1);
    expect(messages.insert({ ...base, sip })).toBeUndefined();
    expect(messages.insert({ ...base, sip: { ...sip, cseq: 8 } })).toMatchObject({ body: 'hi', state: 'received' });
    // Outgoing messages carry no SIP identity and are never merged.
    expect(messages.insert({ ...base, direction: 'out', state: 'sending' })).toBeDefined();
    expect(messages.insert({ ...base, direction: 'out', state: 'sending' })).toBeDefined();
  });

  it('pages newest first with a before-id cursor, and tracks states', () => {
    const messages = new MessagesRepository(databaseAt(30));
    const peer = 'sip:bob@192.0.2.2';
    for (let i = 1; i <= 5; i++) messages.insert({ peer, direction: 'out', body: `m${i}`, contentType: 'text/plain', state: 'queued' });
    messages.insert({ peer: 'sip:carol@192.0.2.3', direction: 'in', body: 'other', contentType: 'text/plain', state: 'received' });
    const first = messages.page(peer, 2);
    expect(first.messages.map((m) => m.body)).toEqual(['m5', 'm4']);
    const second = messages.page(peer, 2, first.nextBeforeId);
    expect(second.messages.map((m) => m.body)).toEqual(['m3', 'm2']);
    const last = messages.page(peer, 2, second.nextBeforeId);
    expect(last).toEqual({ messages: [expect.objectContaining({ body: 'm1' })] });
    expect(messages.setState(1, 'failed', '404 Not Found')).toMatchObject({ state: 'failed', reason: '404 Not Found' });
    expect(messages.queuedFor(peer).map((m) => m.id)).toEqual([2, 3, 4, 5]);
    expect(messages.markRead('sip:carol@192.0.2.3')).toBe(1);
  });
});
