import { afterEach, describe, expect, it } from 'vitest';
import type { AccountInfo, AppStatus } from '../../shared/ipc';
import { Communicator } from '../../main/engine';
import { sendMessage } from '../../main/im';
import { systemClock } from '../../main/lib/clock';
import { DigestServer } from '../../main/sip/auth';
import { parseUri, type SipRequest } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { tempDir } from '../helpers/temp-dir';

const engines: Communicator[] = [];
const servers: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
  await Promise.all(servers.splice(0).map((u) => u.close()));
});

interface Authenticated {
  method: string;
  from: string;
  username: string;
}

/**
 * One PBX on 127.0.0.1: a single realm (its domain) for every user, each with their own password.
 * Like a real registrar it refuses (403) credentials of one user for another user's AOR, and it
 * takes MESSAGE only from an authenticated sender.
 */
async function pbx(realm = 'pbx.test'): Promise<{ port: number; bindings: Map<string, string>; accepted: Authenticated[]; forbidden: Authenticated[]; challenges: string[] }> {
  const ua = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'pbx', product: 'PBX/test' });
  servers.push(ua);
  const users: Record<string, string> = { alice: 'alice-pw', bob: 'bob-pw' };
  const digest = new DigestServer({ realm, clock: systemClock, users: (u) => (users[u] ? { password: users[u] } : undefined) });
  const bindings = new Map<string, string>();
  const accepted: Authenticated[] = [];
  const forbidden: Authenticated[] = [];
  const challenges: string[] = [];
  for (const method of ['REGISTER', 'MESSAGE'] as const) {
    ua.handle(method, (request: SipRequest, tx) => {
      const verdict = digest.verify(request.getHeaders('Authorization'), { method, uri: request.uriText, body: request.body });
      if (!verdict.ok) {
        challenges.push(`${method} ${request.from.uri.user ?? ''} ${verdict.reason}`);
        ua.respond(tx, verdict.challenge.status, { headers: verdict.challenge.values.map((v) => [verdict.challenge.headerName, v] as const) });
        return;
      }
      const who = { method, from: request.from.uri.user ?? '', username: verdict.username };
      if (who.from !== who.username) {
        forbidden.push(who);
        ua.respond(tx, 403, { reason: 'Forbidden (credentials of another user)' });
        return;
      }
      accepted.push(who);
      if (method === 'MESSAGE') {
        ua.respond(tx, 200);
        return;
      }
      const contact = request.getHeader('Contact') as string;
      if (request.expires === 0) bindings.delete(who.from);
      else bindings.set(who.from, contact);
      ua.respond(tx, 200, { headers: request.expires === 0 ? [] : [['Contact', `${contact};expires=300`]] });
    });
  }
  return { port: ua.listening[0]!.port, bindings, accepted, forbidden, challenges };
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

async function engineWith(port: number, bobPassword: string): Promise<Communicator> {
  const proxy = `sip:127.0.0.1:${port}`;
  const e = new Communicator({
    dataDir: tempDir(),
    listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }],
    user: 'alice',
    accounts: [
      { aor: 'sip:alice@pbx.test', password: 'alice-pw', proxy },
      { aor: 'sip:bob@pbx.test', password: bobPassword, proxy },
    ],
  });
  engines.push(e);
  await e.start();
  return e;
}

describe('two accounts of one realm (RFC 3261 §22: credentials belong to the identity sending)', () => {
  it('registers each account with its own user and password, and sends MESSAGE as the account it comes from', async () => {
    const server = await pbx();
    const e = await engineWith(server.port, 'bob-pw');
    await statusWhen(e, (s) => state(s, 'sip:alice@pbx.test') === 'registered' && state(s, 'sip:bob@pbx.test') === 'registered');
    expect([...server.bindings.keys()].sort()).toEqual(['alice', 'bob']);
    expect(server.forbidden).toEqual([]);
    expect(server.accepted.filter((a) => a.method === 'REGISTER').map((a) => a.username).sort()).toEqual(['alice', 'bob']);

    // refreshes reuse each account's own nonce with its own count (RFC 7616 §3.4): no new challenge
    const challenged = server.challenges.length;
    const [alice, bob] = await e.stack!.registerAll();
    expect([alice?.state, bob?.state]).toEqual(['registered', 'registered']);
    expect(server.challenges.length).toBe(challenged);
    expect(server.forbidden).toEqual([]);

    const ua = e.stack!.ua;
    const to = parseUri(`sip:carol@127.0.0.1:${server.port}`);
    if (!to.ok) throw to.error;
    expect(await sendMessage(ua, to.value, { data: 'from bob', contentType: 'text/plain' }, { from: '<sip:bob@pbx.test>' })).toEqual({ kind: 'delivered' });
    expect(await sendMessage(ua, to.value, { data: 'from alice', contentType: 'text/plain' }, { from: '<sip:alice@pbx.test>' })).toEqual({ kind: 'delivered' });
    expect(server.accepted.filter((a) => a.method === 'MESSAGE')).toEqual([
      { method: 'MESSAGE', from: 'bob', username: 'bob' },
      { method: 'MESSAGE', from: 'alice', username: 'alice' },
    ]);
    expect(server.forbidden).toEqual([]);
  });

  it("fails only bob's registration when bob's password is wrong, added and fixed while running", async () => {
    const server = await pbx();
    const proxy = `sip:127.0.0.1:${server.port}`;
    const e = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', accounts: [{ aor: 'sip:alice@pbx.test', password: 'alice-pw', proxy }] });
    engines.push(e);
    await e.start();
    await statusWhen(e, (st) => state(st, 'sip:alice@pbx.test') === 'registered');

    const added = await e.request('accounts:add', { aor: 'sip:bob@pbx.test', password: 'not-bobs', proxy });
    if (!added.ok) throw new Error(JSON.stringify(added));
    const s = await statusWhen(e, (st) => state(st, 'sip:alice@pbx.test') === 'registered' && state(st, 'sip:bob@pbx.test') === 'failed');
    expect(s.registrations.find((r) => r.aor === 'sip:bob@pbx.test')?.reason).toMatch(/40[17]|credential|password/i);
    expect([...server.bindings.keys()]).toEqual(['alice']);
    // bob never answered with alice's password, nor alice with bob's
    expect(server.forbidden).toEqual([]);

    await e.request('accounts:update', { id: (added.value as AccountInfo).id, password: 'bob-pw' });
    await statusWhen(e, (st) => state(st, 'sip:bob@pbx.test') === 'registered');
    expect([...server.bindings.keys()].sort()).toEqual(['alice', 'bob']);
    expect(server.forbidden).toEqual([]);
  });
});
