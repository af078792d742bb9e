import { Connection } from 'werift';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaSession } from '../../../main/media/session';
import { classifyMediaPacket } from '../../../main/media/rtp';
import { parseSdp } from '../../../main/sdp';
import { waitUntil } from '../../media/session/call-pair';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** An ICE-lite agent (RFC 8445 §2.5) on 127.0.0.1, as a gateway or conference server runs one. */
async function liteAgent(): Promise<Connection> {
  const lite = new Connection(false, { iceLite: true, useIpv4: false, useIpv6: false, additionalHostAddresses: ['127.0.0.1'], interfaceAddresses: { udp4: '127.0.0.1' } });
  lite.stunServer = undefined;
  await lite.gatherCandidates();
  open.push(lite);
  return lite;
}

describe('ICE with an ICE-lite peer (RFC 8445 §2.5, RFC 8839 §5.3)', () => {
  it('we offer, the lite peer answers: we control, nominate its candidate, and our RTP reaches it over the pair', async () => {
    const a = await MediaSession.create({ bindHost: '127.0.0.1', ice: { enabled: true } });
    open.push(a);
    const plainAnswerer = await MediaSession.create({ bindHost: '127.0.0.1' });
    open.push(plainAnswerer);
    const lite = await liteAgent();
    const offer = a.createOffer();
    const theirs = parseSdp(offer).media[0]!.ice!;
    lite.setRemoteParams({ iceLite: false, usernameFragment: theirs.ufrag, password: theirs.pwd });

    // the lite peer's answer: session-level a=ice-lite, its credentials and its one host candidate at c=/m=
    const answered = plainAnswerer.createAnswer(offer);
    if (!answered.ok) throw answered.error;
    const host = lite.localCandidates[0]!;
    const answer = answered.sdp
      .replace(/^c=IN IP4 .*$/m, `c=IN IP4 ${host.host}`)
      .replace(/^m=audio \d+/m, `m=audio ${host.port}`)
      .replace(/^t=0 0\r\n/m, 't=0 0\r\na=ice-lite\r\n')
      .replace(/^(m=audio .*\r\n(?:[bci]=.*\r\n)*)/m, `$1a=ice-ufrag:${lite.localUsername}\r\na=ice-pwd:${lite.localPassword}\r\na=candidate:${host.foundation} 1 udp ${host.priority} ${host.host} ${host.port} typ host\r\n`);
    expect(parseSdp(answer).iceLite).toBe(true);

    const received: Buffer[] = [];
    lite.onData.subscribe((d) => received.push(d));
    const liteDone = lite.connect().catch((e: unknown) => e);
    expect(a.applyAnswer(answer).ok).toBe(true);
    // RFC 8445 §6.1.1: a full agent facing a lite one controls, whoever offered
    expect(a.negotiated?.ice).toMatchObject({ role: 'controlling', remoteLite: true });
    await waitUntil(() => a.mediaPath().ice?.state === 'connected' && received.length > 5, 5000);
    expect(await Promise.race([liteDone, new Promise((r) => setTimeout(() => r('pending'), 100))])).toBeUndefined();
    expect(a.mediaPath().ice?.selected).toMatchObject({ local: { type: 'host', address: '127.0.0.1' }, remote: { type: 'host', address: '127.0.0.1', port: host.port } });
    expect(received.length).toBeGreaterThan(5);
    expect(received.every((d) => classifyMediaPacket(d) === 'rtp' || classifyMediaPacket(d) === 'rtcp')).toBe(true);
  });
});
