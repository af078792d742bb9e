import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/lib/clock';
import { parseUri, type SipRequest } from '../../../main/sip/message';
import { IncomingInvite, OutgoingInvite, Registerer, UserAgent, type InviteSession } from '../../../main/sip/ua';
import { tempDir } from '../../helpers/temp-dir';
import { makeTestPki, type PemPair, type TestPki } from '../transport/generated-certs';

let pki: TestPki;
beforeAll(() => {
  // made once per file; tempDir's cleanup after the first test leaves the PEM text in memory
  pki = makeTestPki(tempDir('litesip-pki-'));
});

const started: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((u) => u.close()));
});

async function tlsAgent(user: string, identity: PemPair = pki.server): Promise<UserAgent> {
  const agent = await UserAgent.start({
    listen: [{ transport: 'tls', host: '127.0.0.1', port: 0 }],
    user,
    product: 'LiteSIP/test',
    tls: { cert: identity.cert, key: identity.key, ca: pki.ca },
  });
  started.push(agent);
  return agent;
}

function uriOf(agent: UserAgent, user: string): string {
  return `sip:${user}@127.0.0.1:${agent.listening[0]!.port};transport=tls`;
}

describe('two user agents over TLS on loopback (RFC 3261 §26.2, RFC 5922)', () => {
  it('registers and places a call over TLS, ended from the callee by a connection of its own', async () => {
    const registrar = await tlsAgent('bob');
    const alice = await tlsAgent('alice');
    const registers: SipRequest[] = [];
    registrar.handle('REGISTER', (request, tx) => {
      registers.push(request);
      registrar.respond(tx, 200, { headers: [['Contact', `${request.getHeader('Contact') as string};expires=300`]] });
    });
    const aor = parseUri('sip:alice@localhost');
    if (!aor.ok) throw new Error('bad aor');
    const registerer = new Registerer(alice, { aor: aor.value, target: { transport: 'tls', host: '127.0.0.1', port: registrar.listening[0]!.port }, expires: 300 });
    expect(await registerer.register()).toEqual({ aor: 'sip:alice@localhost', state: 'registered', expires: 300 });
    expect(registers).toHaveLength(1);
    expect(registers[0]!.via[0]!.transport).toBe('TLS');
    expect(registers[0]!.getHeader('Contact')).toContain(';transport=tls');

    // the call: INVITE/180/200/ACK from alice, BYE from bob over a TLS connection bob opens
    const ended: string[] = [];
    const bobSessions: InviteSession[] = [];
    registrar.handle('INVITE', (request, tx) => {
      const incoming = new IncomingInvite(registrar, request, tx as never, systemClock);
      incoming.ring();
      const s = incoming.accept({ data: 'v=0\r\n', contentType: 'application/sdp' });
      s.delegate = { onReoffer: () => ({ status: 488 }), onEnded: (r) => ended.push(`bob:${r.by}`) };
      bobSessions.push(s);
    });
    const provisional: number[] = [];
    const invite = new OutgoingInvite(alice, alice.createRequest('INVITE', uriOf(registrar, 'bob'), { body: { data: 'v=0\r\n', contentType: 'application/sdp' } }), systemClock, (r) =>
      provisional.push(r.status),
    );
    const outcome = await invite.start();
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(provisional).toContain(180);
    outcome.session.delegate = { onReoffer: () => ({ status: 488 }), onEnded: (r) => ended.push(`alice:${r.by}`) };
    const connectionsBefore = registrar.transport.connectionCount;
    await new Promise((r) => setTimeout(r, 100));
    await bobSessions[0]!.bye();
    const deadline = Date.now() + 3000;
    while (ended.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ended.sort()).toEqual(['alice:remote', 'bob:local']);
    // RFC 5922 / RFC 5923: bob reached alice by a connection it opened and checked, not the accepted one
    expect(registrar.transport.connectionCount).toBeGreaterThan(connectionsBefore);
    await registerer.unregister();
  });

  it('refuses a server whose certificate no trusted CA signed: the request fails with 503, nothing is sent', async () => {
    const impostor = await tlsAgent('mallory', pki.rogue);
    const seen: string[] = [];
    impostor.handle('OPTIONS', (request) => void seen.push(request.method));
    const alice = await tlsAgent('alice');
    const { response } = await alice.send(alice.createRequest('OPTIONS', uriOf(impostor, 'mallory')));
    expect(response.status).toBe(503);
    expect(response.reason).toMatch(/certificate/i);
    expect(seen).toEqual([]);
  });

  it('refuses a certificate from the trusted CA issued for another name (RFC 5922 §7.2)', async () => {
    const other = await tlsAgent('eve', pki.wrongName);
    const seen: string[] = [];
    other.handle('OPTIONS', (request) => void seen.push(request.method));
    const alice = await tlsAgent('alice');
    const { response } = await alice.send(alice.createRequest('OPTIONS', uriOf(other, 'eve')));
    expect(response.status).toBe(503);
    expect(response.reason).toMatch(/elsewhere\.test|identity|name/i);
    expect(seen).toEqual([]);
    // the same request to a rightly named peer goes through
    const bob = await tlsAgent('bob');
    expect((await alice.send(alice.createRequest('OPTIONS', uriOf(bob, 'bob')))).response.status).toBe(200);
  });
});
