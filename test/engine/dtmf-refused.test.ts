import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInfo } from '../../shared/ipc';
import type { InviteServerTransaction } from '../../main/sip/transaction';
import { IncomingInvite, UserAgent } from '../../main/sip/ua';
import { startEngine, waitCall } from '../helpers/engines';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('DTMF a call cannot carry', () => {
  it('calls:send-dtmf answers dtmf-failed with the reason when the peer agreed no telephone-event (RFC 4733 §2.5.1)', async () => {
    const alice = await startEngine('alice', { srtp: 'off' });
    const media = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => media.bind(0, '127.0.0.1', resolve));
    closers.push(() => void media.close());
    const bob = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'bob', product: 'Phone/test' });
    closers.push(() => bob.close());
    // An old phone: PCMU only, no telephone-event in its answer.
    bob.handle('INVITE', (request, tx) => {
      const invite = new IncomingInvite(bob, request, tx as InviteServerTransaction, bob.clock);
      const sdp = ['v=0', 'o=- 2 2 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${media.address().port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');
      invite.accept({ data: sdp, contentType: 'application/sdp' });
    });
    const dialed = await alice.request('calls:dial', { target: `sip:bob@127.0.0.1:${bob.listening[0]!.port}` });
    expect(dialed.ok).toBe(true);
    const id = (dialed as { ok: true; value: CallInfo }).value.id;
    await waitCall(alice, (c) => c.id === id && c.state === 'connected');
    const sent = await alice.request('calls:send-dtmf', { callId: id, digits: '5' });
    expect(sent).toMatchObject({ ok: false, error: { code: 'dtmf-failed', message: expect.stringMatching(/telephone-event/i) } });
    await alice.request('calls:hangup', { callId: id });
  });
});
