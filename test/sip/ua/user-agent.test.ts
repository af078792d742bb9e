import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { formatUri, parseUri, type SipResponse } from '../../../main/sip/message';
import { IncomingInvite, OutgoingInvite, UserAgent, type InviteSession } from '../../../main/sip/ua';
import { systemClock } from '../../../main/lib/clock';
import { StunBindingClient } from '../../../main/nat/stun';

const started: UserAgent[] = [];

async function ua(user: string, transport: 'udp' | 'tcp' = 'udp'): Promise<UserAgent> {
  const agent = await UserAgent.start({ listen: [{ transport, host: '127.0.0.1', port: 0 }], user, product: 'LiteSIP/test' });
  started.push(agent);
  return agent;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((u) => u.close()));
});

/** Sends raw bytes over UDP and returns the first datagram that comes back. */
async function rawExchange(port: number, text: string): Promise<string> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const reply = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply')), 3000);
    socket.once('message', (m) => {
      clearTimeout(timer);
      resolve(m.toString());
    });
  });
  socket.send(Buffer.from(text.replace(/\r?\n/g, '\r\n')), port, '127.0.0.1');
  try {
    return await reply;
  } finally {
    socket.close();
  }
}

describe('UserAgent core over real sockets', () => {
  it('answers OPTIONS with Allow, Accept, Supported and feature tags in Contact (RFC 3261 §11.2, RFC 3840)', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    bob.handle('INVITE', () => undefined);
    const { response } = await alice.send(alice.createRequest('OPTIONS', bob.localUri));
    expect(response.status).toBe(200);
    expect(response.getHeader('Allow')).toContain('INVITE');
    expect(response.getHeader('Allow')).toContain('BYE');
    expect(response.getHeader('Accept')).toContain('application/sdp');
    expect(response.getHeader('Supported')).toContain('outbound');
    expect(response.getHeader('Contact')).toMatch(/;audio;methods="[A-Z,]+"/);
    expect(response.getHeader('Server')).toBe('LiteSIP/test');
  });

  it('answers unknown methods 501, known unsupported ones 405 with Allow, unknown Require 420', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    bob.handle('INVITE', () => undefined);
    expect((await alice.send(alice.createRequest('FROB', bob.localUri))).response.status).toBe(501);
    const r405 = (await alice.send(alice.createRequest('PUBLISH', bob.localUri))).response;
    expect(r405.status).toBe(405);
    expect(r405.getHeader('Allow')).toContain('OPTIONS');
    const r420 = (await alice.send(alice.createRequest('OPTIONS', bob.localUri, { headers: [['Require', 'foo-bar']] }))).response;
    expect(r420.status).toBe(420);
    expect(r420.getHeader('Unsupported')).toBe('foo-bar');
    const r481 = (await alice.send(alice.createRequest('BYE', bob.localUri))).response;
    expect(r481.status).toBe(481);
  });

  it('answers a malformed request with 400 naming the fault, and keeps working', async () => {
    const bob = await ua('bob');
    const port = bob.listening[0]!.port;
    const reply = await rawExchange(
      port,
      `OPTIONS sip:bob@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-bad-1;rport
From: <sip:x@127.0.0.1>;tag=1
To: <sip:bob@127.0.0.1>
Call-ID: bad-1
CSeq: 1 INVITE
Max-Forwards: 70
Content-Length: 0

`,
    );
    expect(reply).toMatch(/^SIP\/2\.0 400 .*CSeq/);
    const ok = await rawExchange(
      port,
      `OPTIONS sip:bob@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-good-1;rport
From: <sip:x@127.0.0.1>;tag=1
To: <sip:bob@127.0.0.1>
Call-ID: good-1
CSeq: 1 OPTIONS
Max-Forwards: 70
Content-Length: 0

`,
    );
    expect(ok).toMatch(/^SIP\/2\.0 200 OK/);
    // RFC 4475 §3.3.15: an unknown SIP version gets 505.
    const version = await rawExchange(port, 'OPTIONS sip:bob@127.0.0.1 SIP/7.0\nVia: SIP/7.0/UDP 127.0.0.1:9;branch=z9hG4bK-v;rport\nFrom: <sip:x@y>;tag=1\nTo: <sip:bob@z>\nCall-ID: v\nCSeq: 1 OPTIONS\nMax-Forwards: 70\nContent-Length: 0\n\n');
    expect(version).toMatch(/^SIP\/2\.0 505/);
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`sets up a call with INVITE/180/200/ACK and ends it with BYE from either side (${transport})`, async () => {
      const alice = await ua('alice', transport);
      const bob = await ua('bob', transport);
      const bobSessions: InviteSession[] = [];
      const ended: string[] = [];
      bob.handle('INVITE', (request, tx) => {
        const incoming = new IncomingInvite(bob, request, tx as never, systemClock);
        incoming.ring();
        setTimeout(() => {
          const s = incoming.accept({ data: 'v=0\r\n', contentType: 'application/sdp' });
          s.delegate = { onReoffer: () => ({ status: 488 }), onEnded: (r) => ended.push(`bob:${r.by}`) };
          bobSessions.push(s);
        }, 50);
      });
      const provisional: number[] = [];
      const invite = new OutgoingInvite(alice, alice.createRequest('INVITE', bob.localUri, { body: { data: 'v=0\r\n', contentType: 'application/sdp' } }), systemClock, (r) =>
        provisional.push(r.status),
      );
      const outcome = await invite.start();
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(provisional).toContain(180);
      outcome.session.delegate = { onReoffer: () => ({ status: 488 }), onEnded: (r) => ended.push(`alice:${r.by}`) };
      await new Promise((r) => setTimeout(r, 100));
      expect(bobSessions).toHaveLength(1);
      await outcome.session.bye();
      await new Promise((r) => setTimeout(r, 200));
      expect(ended.sort()).toEqual(['alice:local', 'bob:remote']);
    });
  }

  it('a CANCEL before the answer ends the INVITE with 487 (RFC 3261 §9)', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    let cancelled = false;
    bob.handle('INVITE', (request, tx) => {
      const incoming = new IncomingInvite(bob, request, tx as never, systemClock);
      incoming.onCancel(() => (cancelled = true));
      incoming.ring();
    });
    const invite = new OutgoingInvite(alice, alice.createRequest('INVITE', bob.localUri), systemClock, () => invite.cancel());
    const outcome = await invite.start();
    expect(outcome.ok).toBe(false);
    expect((outcome as { response: SipResponse }).response.status).toBe(487);
    expect(cancelled).toBe(true);
  });

  it('a rejected call gives the caller the status', async () => {
    const alice = await ua('alice');
    const bob = await ua('bob');
    bob.handle('INVITE', (request, tx) => new IncomingInvite(bob, request, tx as never, systemClock).reject(486));
    const outcome = await new OutgoingInvite(alice, alice.createRequest('INVITE', bob.localUri), systemClock, () => undefined).start();
    expect(outcome.ok ? 200 : outcome.response.status).toBe(486);
  });

  it('answers STUN Binding keep-alives on its SIP UDP port with our mapped address (RFC 5626 §4.4.2)', async () => {
    const bob = await ua('bob');
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    const client = new StunBindingClient({ send: (data, to) => void socket.send(data, to.port, to.address), fingerprint: true });
    socket.on('message', (m) => client.handle(m));
    const outcome = await client.request({ address: '127.0.0.1', port: bob.listening[0]!.port });
    const localPort = socket.address().port;
    socket.close();
    client.close();
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.value.mapped).toMatchObject({ address: '127.0.0.1', port: localPort });
  });

  it('sends requests outside a dialog through the outbound proxy, with the account identity in From (RFC 3261 §8.1.1.3, §8.1.2)', async () => {
    const proxy = await ua('proxy');
    const alice = await UserAgent.start({
      listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }],
      user: 'alice',
      product: 'LiteSIP/test',
      identity: 'sip:alice@example.test',
    });
    started.push(alice);
    const via = parseUri(`sip:127.0.0.1:${proxy.listening[0]!.port}`);
    if (!via.ok) throw new Error('bad proxy uri');
    alice.outboundProxy = via.value;
    const { response } = await alice.send(alice.createRequest('OPTIONS', 'sip:carol@unresolvable.invalid'));
    expect(response.status).toBe(200);
    expect(response.getHeader('Server')).toBe('LiteSIP/test');
    expect(formatUri(response.from.uri)).toBe('sip:alice@example.test');
  });
});
