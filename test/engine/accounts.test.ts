import { afterEach, describe, expect, it } from 'vitest';
import type { AccountInfo, AppStatus } from '../../shared/ipc';
import { Communicator } from '../../main/engine';
import { openStore } from '../../main/store';
import { tempDir } from '../helpers/temp-dir';

const engines: Communicator[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

async function engine(dataDir = tempDir(), extra: Partial<ConstructorParameters<typeof Communicator>[0]> = {}): Promise<Communicator> {
  const e = new Communicator({ dataDir, listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', ...extra });
  engines.push(e);
  await e.start();
  return e;
}

describe('accounts over the contract', () => {
  it('adds, lists, updates and removes accounts; the password is never returned', async () => {
    const e = await engine();
    const seen: AccountInfo[][] = [];
    e.events.on('accounts:changed', (list) => seen.push(list));
    const added = await e.request('accounts:add', { aor: 'sip:alice@example.com', password: 'Canary-Password-1', displayName: 'Alice', expires: 300 });
    expect(added).toMatchObject({ ok: true, value: { id: 1, aor: 'sip:alice@example.com', hasPassword: true, expires: 300, enabled: true } });
    expect(await e.request('accounts:update', { id: 1, password: 'Canary-Password-2', username: 'al' })).toMatchObject({ ok: true, value: { username: 'al', hasPassword: true } });
    const listed = await e.request('accounts:list', undefined);
    const removed = await e.request('accounts:remove', { id: 1 });
    expect(removed).toEqual({ ok: true, value: { removed: true } });
    expect(await e.request('accounts:remove', { id: 1 })).toEqual({ ok: true, value: { removed: false } });
    for (const answer of [added, listed, removed, ...seen]) expect(JSON.stringify(answer)).not.toContain('Canary-Password');
    expect(seen.map((l) => l.length)).toEqual([1, 1, 0]);
  });

  it('refuses bad payloads, duplicates and unknown ids as values', async () => {
    const e = await engine();
    expect(await e.request('accounts:add', { aor: 'mailto:a@b.c' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await e.request('accounts:add', { aor: 'sip:a@example.com', password: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await e.request('accounts:add', { aor: 'sip:a@example.com', expires: 5 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await e.request('accounts:add', { aor: 'sip:a@example.com', admin: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await e.request('accounts:add', { aor: 'sip:a@example.com' })).ok).toBe(true);
    expect(await e.request('accounts:add', { aor: 'sip:a@example.com' })).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    expect(await e.request('accounts:update', { id: 42, enabled: false })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await e.request('accounts:update', { id: 1, password: 'x'.repeat(300) })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('registers enabled store accounts at start, next to the command line one, and shows them in app:status', async () => {
    const dataDir = tempDir();
    const store = openStore(dataDir);
    // Nothing listens on these ports: the registrations fail, but they are attempted and shown.
    store.accounts.add({ aor: 'sip:stored@127.0.0.1', password: 'pw', proxy: 'sip:127.0.0.1:9' });
    store.accounts.add({ aor: 'sip:off@127.0.0.1', enabled: false });
    store.accounts.add({ aor: 'sip:cli@127.0.0.1', proxy: 'sip:127.0.0.1:9' });
    // A stored account whose proxy cannot be found does not stop the engine: it shows as failed.
    store.accounts.add({ aor: 'sip:lost@example.com', proxy: 'sip:no-such-host.invalid' });
    store.close();
    const e = await engine(dataDir, { accounts: [{ aor: 'sip:cli@127.0.0.1', proxy: 'sip:127.0.0.1:9' }] });
    const status = (await e.request('app:get-status', undefined)) as { ok: true; value: AppStatus };
    expect(status.value.identity).toBe('sip:cli@127.0.0.1');
    expect(status.value.registrations.map((r) => r.aor)).toEqual(['sip:cli@127.0.0.1', 'sip:stored@127.0.0.1', 'sip:lost@example.com']);
    expect(status.value.registrations[2]).toMatchObject({ state: 'failed', reason: expect.stringContaining('proxy') });
  });
});
