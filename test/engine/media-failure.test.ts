import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { parseUri } from '../../main/sip/message';
import { OutgoingInvite, UserAgent } from '../../main/sip/ua';
import { startEngine, waitCall } from '../helpers/engines';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('a call whose media cannot work ends', () => {
  it('a DTLS-SRTP handshake that never completes ends the call with BYE and the reason (RFC 5763 §5)', async () => {
    const bob = await startEngine('bob', { autoAnswerSeconds: 0 });
    // A caller that offers DTLS-SRTP but whose media port swallows everything.
    const sink = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
    closers.push(() => void sink.close());
    let dtlsRecords = 0;
    sink.on('message', (data) => {
      if (data[0]! >= 20 && data[0]! <= 63) dtlsRecords++;
    });
    const caller = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'mallory', product: 'Caller/test' });
    closers.push(() => caller.close());
    const port = sink.address().port;
    const offer = [
      'v=0',
      'o=- 1 1 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${port} UDP/TLS/RTP/SAVP 0`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtcp-mux',
      'a=setup:passive',
      `a=fingerprint:sha-256 ${Array.from({ length: 32 }, (_, i) => (i * 7 + 3).toString(16).padStart(2, '0').toUpperCase()).join(':')}`,
      'a=sendrecv',
      '',
    ].join('\r\n');
    const target = parseUri(`sip:bob@127.0.0.1:${bob.listening()[0]!.port}`);
    if (!target.ok) throw new Error('bad uri');
    const request = caller.createRequest('INVITE', target.value, { body: { data: offer, contentType: 'application/sdp' } });
    const invite = new OutgoingInvite(caller, request, caller.clock, () => undefined);
    const outcome = await invite.start();
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const ended = new Promise<string>((resolve) => {
      outcome.session.delegate = {
        onReoffer: () => ({ status: 488, reason: 'Not Acceptable Here' }),
        onEnded: (r) => resolve(`${r.by}: ${r.reason}`),
      };
    });
    // We answered passive, so bob is the DTLS client and knocks; nobody answers.
    const gone = await waitCall(bob, (c) => c.state === 'ended', 20_000);
    expect(gone.endReason).toMatch(/media failed: .*DTLS/i);
    expect(dtlsRecords).toBeGreaterThan(0);
    // the caller heard a BYE
    expect(await ended).toMatch(/^remote:/);
  }, 30_000);
});
