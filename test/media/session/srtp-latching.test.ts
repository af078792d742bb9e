import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dominantFrequency, rmsDbfs, toneDbfs } from '../../../main/media/audio';
import { callPair, expectTone, sleep } from './call-pair';

const sockets: dgram.Socket[] = [];

async function udp(): Promise<dgram.Socket> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  sockets.push(s);
  return s;
}

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

describe('MediaSession: SRTP', () => {
  it('with a wrong key, nothing is heard and every packet is counted as an SRTP failure', async () => {
    // B's answer carries a key A cannot know: A's receive context is keyed wrongly
    const wrongKey = (sdp: string): string => sdp.replace(/inline:[A-Za-z0-9+/=]+/, `inline:${randomBytes(30).toString('base64')}`);
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'mandatory' }, { answer: wrongKey });
    await sleep(700);
    const qa = a.session.quality();
    expect(qa.packetsReceived).toBe(0);
    expect(qa.srtpFailures).toBeGreaterThan(25);
    expect(rmsDbfs(a.received.tail(400))).toBeLessThan(-60);
    // nothing unauthenticated was latched onto
    expect(a.session.mediaPath().remoteLatched).toBeUndefined();
    // the other direction is fine
    expectTone(b.received.tail(300), 440, { dominantFrequency, toneDbfs });
  });
});

describe('MediaSession: symmetric RTP (RFC 4961)', () => {
  it('latches to a new source after a NAT rebinding, only once its packets authenticate', async () => {
    // A NAT in front of B: B sends to `front`; front forwards to A from `out`, which changes
    // mid-call (the rebinding); A's replies to either outside port go back to B from `front`.
    const front = await udp();
    const first = await udp();
    const second = await udp();
    let out = first;
    let aPort = 0;
    let bPort = 0;
    front.on('message', (m) => out.send(m, aPort, '127.0.0.1'));
    for (const s of [first, second]) s.on('message', (m) => front.send(m, bPort, '127.0.0.1'));
    const frontPort = front.address().port;
    const { a, b } = await callPair(
      { codecs: ['pcmu'], srtp: 'mandatory' },
      {
        offer: (sdp) => sdp.replace(/m=audio \d+/, `m=audio ${frontPort}`),
        // B's SDP names the NAT's outside address, as a STUN-aware client would
        answer: (sdp) => sdp.replace(/m=audio \d+/, `m=audio ${first.address().port}`),
      },
    );
    aPort = a.session.localAddress.port;
    bPort = b.session.localAddress.port;
    await sleep(400);
    expect(a.session.mediaPath().remoteLatched).toEqual({ address: '127.0.0.1', port: first.address().port });

    // Forged packets from a stranger never move the latch, and count as SRTP failures.
    const stranger = await udp();
    const failuresBefore = a.session.quality().srtpFailures;
    for (let i = 0; i < 20; i++) {
      const forged = Buffer.concat([Buffer.from([0x80, 0x00, 0, i, 0, 0, 0, i, 1, 2, 3, 4]), randomBytes(170)]);
      stranger.send(forged, aPort, '127.0.0.1');
    }
    await sleep(100);
    expect(a.session.quality().srtpFailures - failuresBefore).toBe(20);
    expect(a.session.mediaPath().remoteLatched?.port).toBe(first.address().port);

    out = second; // the NAT rebinds
    await sleep(500);
    expect(a.session.mediaPath().remoteLatched).toEqual({ address: '127.0.0.1', port: second.address().port });
    expect(a.events.paths.some((p) => p.remoteLatched?.port === second.address().port)).toBe(true);
    // A's media follows the new binding, so B still hears A
    expectTone(b.received.tail(300), 440, { dominantFrequency, toneDbfs });
    expectTone(a.received.tail(300), 1000, { dominantFrequency, toneDbfs });
  });

  it('with plain RTP, latches on valid RTP of a negotiated payload type only', async () => {
    const { a } = await callPair({ codecs: ['pcmu'], srtp: 'off' });
    await sleep(200);
    const latched = a.session.mediaPath().remoteLatched;
    const stranger = await udp();
    // payload type 99 was not negotiated
    stranger.send(Buffer.concat([Buffer.from([0x80, 99, 0, 1, 0, 0, 0, 1, 9, 9, 9, 9]), Buffer.alloc(160)]), a.session.localAddress.port, '127.0.0.1');
    // not RTP at all (a STUN-looking first octet)
    stranger.send(Buffer.from([0x00, 0x01, 0, 0]), a.session.localAddress.port, '127.0.0.1');
    await sleep(100);
    expect(a.session.mediaPath().remoteLatched).toEqual(latched);
    expect(a.session.refusals.unknownPayloadType).toBe(1);
    expect(a.session.refusals.ignored).toBeGreaterThanOrEqual(1);
  });
});
