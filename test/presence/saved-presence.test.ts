import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuddyPresence, MyPresence } from '../../shared/ipc';
import { systemClock } from '../../main/lib/clock';
import { PresenceService } from '../../main/presence';
import type { SipRequest } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { DATABASE_FILE, openStore, type Store } from '../../main/store';
import { startEngine, stopEngine } from '../im/engines';
import { tempDir } from '../helpers/temp-dir';

const agents: UserAgent[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  for (const s of stores.splice(0)) s.close();
});

async function ua(user: string): Promise<UserAgent> {
  const a = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user, product: 'test' });
  agents.push(a);
  return a;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function savedOnDisk(dataDir: string): unknown {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'presence'").get();
    return row ? JSON.parse(row.value) : undefined;
  } finally {
    db.close();
  }
}

describe('our own presence across a restart', () => {
  it('keeps state and note on disk and shows them to watchers after the restart', async () => {
    const alicePort = 41000 + Math.floor(Math.random() * 8000);
    const alice = await startEngine('alice', { port: alicePort });
    const bob = await startEngine('bob');
    await alice.call('contacts:add', { uri: bob.uri });
    await bob.call('contacts:add', { uri: alice.uri });
    await bob.next('presence:buddy-changed', (p) => p.uri === alice.uri && p.status === 'available');
    await alice.call('presence:set-status', { status: 'busy', note: 'writing a report' });
    await bob.next('presence:buddy-changed', (p) => p.uri === alice.uri && p.status === 'busy');
    const dataDir = alice.dataDir;
    await stopEngine(alice);
    expect(savedOnDisk(dataDir)).toEqual({ status: 'busy', note: 'writing a report' });
    await bob.next('presence:buddy-changed', (p) => p.uri === alice.uri && p.subscription === 'terminated');
    const mark = bob.events.length;

    const again = await startEngine('alice', { dataDir, port: alicePort });
    expect(((await again.call('presence:get')) as { me: MyPresence }).me).toEqual({ status: 'busy', note: 'writing a report' });
    // Alice subscribing to bob tells him she is back; his new subscription reads what she kept.
    const news = (): BuddyPresence[] => bob.events.slice(mark).filter((e) => e.name === 'presence:buddy-changed').map((e) => e.payload as BuddyPresence);
    await until(() => news().some((p) => p.subscription === 'active'), 3000);
    expect(news().filter((p) => p.subscription === 'active')).toEqual([{ uri: alice.uri, status: 'busy', note: 'writing a report', subscription: 'active' }]);
  });

  it('publishes the kept state again when it starts in server mode (RFC 3903)', async () => {
    const server = await ua('pa');
    const published: SipRequest[] = [];
    let etag = 0;
    server.handle('PUBLISH', (request, tx) => {
      published.push(request);
      server.respond(tx, 200, { headers: [['SIP-ETag', `e${++etag}`], ['Expires', String(request.expires ?? 3600)]] });
    });
    const identity = `sip:alice@127.0.0.1:${server.listening[0]!.port}`;
    const dataDir = tempDir();
    const run = async (): Promise<PresenceService> => {
      const store = openStore(dataDir);
      stores.push(store);
      const service = new PresenceService({
        ua: await ua('alice'),
        clock: systemClock,
        store,
        identity,
        publish: true,
        delegate: { buddyChanged: () => undefined, watcherRequest: () => undefined, contactsChanged: () => undefined },
      });
      service.start();
      return service;
    };
    const first = await run();
    await until(() => published.length === 1);
    expect(published[0]!.body.toString()).toContain('<basic>open</basic>');
    await first.setStatus({ status: 'away', note: 'back at 3' });
    expect(published.at(-1)!.body.toString()).toContain('<rpid:away/>');
    await first.stop();
    stores.splice(0).forEach((s) => s.close());
    const removal = published.length;

    const second = await run();
    expect(second.me).toEqual({ status: 'away', note: 'back at 3' });
    await until(() => published.length === removal + 1);
    const body = published.at(-1)!.body.toString();
    expect(published.at(-1)!.getHeader('SIP-If-Match')).toBeUndefined();
    expect(body).toContain('<rpid:away/>');
    expect(body).toContain('back at 3');
    await second.stop();
  });

  it('falls back to available when the kept value is unreadable', async () => {
    const dataDir = tempDir();
    const store = openStore(dataDir);
    stores.push(store);
    store.meta.set('presence', '{"status":"sleeping"}');
    const service = new PresenceService({
      ua: await ua('alice'),
      clock: systemClock,
      store,
      identity: 'sip:alice@127.0.0.1',
      publish: false,
      delegate: { buddyChanged: () => undefined, watcherRequest: () => undefined, contactsChanged: () => undefined },
    });
    expect(service.me).toEqual({ status: 'available', note: '' });
  });
});
