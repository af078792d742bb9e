import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/ipc';
import { Communicator } from '../../main/engine';
import { systemClock } from '../../main/lib/clock';
import { DigestServer } from '../../main/sip/auth';
import type { SipRequest } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { tempDir } from '../helpers/temp-dir';

const engines: Communicator[] = [];
const servers: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
  await Promise.all(servers.splice(0).map((u) => u.close()));
});

/** A digest-protected registrar (realm = the AOR's domain, as usual) on 127.0.0.1 that keeps the bindings per AOR. */
async function registrar(realm = 'example.test'): Promise<{ port: number; bindings: Map<string, string>; requests: SipRequest[] }> {
  const ua = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'registrar', product: 'Registrar/test' });
  servers.push(ua);
  const users: Record<string, string> = { alice: 'alice-pw', bob: 'bob-pw-2' };
  const digest = new DigestServer({ realm, clock: systemClock, users: (u) => (users[u] ? { password: users[u] } : undefined) });
  const bindings = new Map<string, string>();
  const requests: SipRequest[] = [];
  ua.handle('REGISTER', (request, tx) => {
    requests.push(request);
    const verdict = digest.verify(request.getHeaders('Authorization'), { method: 'REGISTER', uri: request.uriText });
    if (!verdict.ok) {
      ua.respond(tx, verdict.challenge.status, { headers: verdict.challenge.values.map((v) => [verdict.challenge.headerName, v] as const) });
      return;
    }
    const aor = request.to.uri.user ?? '';
    const contact = request.getHeader('Contact') as string;
    if (request.expires === 0) bindings.delete(aor);
    else bindings.set(aor, contact);
    ua.respond(tx, 200, { headers: request.expires === 0 ? [] : [['Contact', `${contact};expires=300`]] });
  });
  return { port: ua.listening[0]!.port, bindings, requests };
}

function statusWhen(e: Communicator, done: (s: AppStatus) => boolean, timeoutMs = 5000): Promise<AppStatus> {
  return new Promise((resolve, reject) => {
    const now = e.status();
    if (done(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status not reached: ${JSON.stringify(e.status())}`));
    }, timeoutMs);
    const off = e.events.on('app:status', (s) => {
      if (!done(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

const state = (s: AppStatus, aor: string): string | undefined => s.registrations.find((r) => r.aor === aor)?.state;

describe('accounts changed while the engine runs', () => {
  it('registers a first account at once, as the new identity on the same port', async () => {
    const reg = await registrar();
    const e = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'someone' });
    engines.push(e);
    await e.start();
    const before = e.status();
    expect(before.identity).toMatch(/^sip:someone@127\.0\.0\.1:\d+$/);

    const added = await e.request('accounts:add', { aor: 'sip:alice@example.test', password: 'alice-pw', proxy: `sip:127.0.0.1:${reg.port}` });
    expect(added.ok).toBe(true);
    const after = await statusWhen(e, (s) => s.engine === 'running' && state(s, 'sip:alice@example.test') === 'registered');
    expect(after.identity).toBe('sip:alice@example.test');
    expect(after.listening).toEqual(before.listening);
    expect(reg.bindings.get('alice')).toContain(`127.0.0.1:${before.listening[0]!.port}`);
    // the restarted engine still answers
    expect((await e.request('calls:list', undefined)).ok).toBe(true);
  });

  it('adds, re-registers on a new password and unregisters a further account without a restart', async () => {
    const reg = await registrar();
    const other = await registrar('example.org');
    const e = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', accounts: [{ aor: 'sip:alice@example.test', password: 'alice-pw', proxy: `sip:127.0.0.1:${reg.port}` }] });
    engines.push(e);
    await e.start();
    await statusWhen(e, (s) => state(s, 'sip:alice@example.test') === 'registered');
    const stack = e.stack;

    const bob = await e.request('accounts:add', { aor: 'sip:bob@example.org', password: 'wrong', proxy: `sip:127.0.0.1:${other.port}` });
    expect(bob.ok).toBe(true);
    const failed = await statusWhen(e, (s) => state(s, 'sip:bob@example.org') === 'failed');
    expect(failed.registrations.find((r) => r.aor === 'sip:bob@example.org')?.reason).toMatch(/40[17]|credential|password/i);
    expect(e.stack).toBe(stack);

    await e.request('accounts:update', { id: 1, password: 'bob-pw-2' });
    await statusWhen(e, (s) => state(s, 'sip:bob@example.org') === 'registered');
    expect(other.bindings.has('bob')).toBe(true);

    await e.request('accounts:remove', { id: 1 });
    await statusWhen(e, (s) => s.registrations.every((r) => r.aor !== 'sip:bob@example.org'));
    await expect.poll(() => other.bindings.has('bob')).toBe(false);
    expect(reg.bindings.has('alice')).toBe(true);
    expect(e.stack).toBe(stack);
    expect(other.requests.filter((r) => r.to.uri.user === 'bob' && r.expires === 0).length).toBeGreaterThan(0);
  });
});
