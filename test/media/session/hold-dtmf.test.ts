import { describe, expect, it } from 'vitest';
import { dominantFrequency, rmsDbfs, toneDbfs } from '../../../main/media/audio';
import { callPair, expectTone, sleep, waitUntil, type Side } from './call-pair';

/** Packets sent during `ms`. */
async function sentDuring(s: Side, ms: number): Promise<number> {
  const before = s.session.quality().packetsSent;
  await sleep(ms);
  return s.session.quality().packetsSent - before;
}

describe('MediaSession: hold and resume', () => {
  it('our hold (sendonly) stops the peer sending to us; resume restarts both ways', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'best-effort' });
    await sleep(300);
    const held = b.session.createAnswer(a.session.hold());
    expect(held.ok).toBe(true);
    expect(held.ok && held.sdp).toMatch(/a=recvonly/);
    expect(a.session.applyAnswer(held.ok ? held.sdp : '').ok).toBe(true);
    expect(a.session.onHold).toBe(true);
    expect(a.session.negotiated?.direction).toBe('sendonly');
    expect(b.session.negotiated?.direction).toBe('recvonly');
    await sleep(100);
    const [bSent, aSent] = await Promise.all([sentDuring(b, 400), sentDuring(a, 400)]);
    expect(bSent).toBe(0);
    expect(aSent).toBeGreaterThan(15);
    // A hears nothing while B still hears A
    expect(rmsDbfs(a.received.tail(200))).toBeLessThan(-60);
    expectTone(b.received.tail(300), 440, { dominantFrequency, toneDbfs });

    const resumed = b.session.createAnswer(a.session.resume());
    expect(resumed.ok && a.session.applyAnswer(resumed.sdp).ok).toBe(true);
    expect(a.session.negotiated?.direction).toBe('sendrecv');
    expect(b.session.negotiated?.direction).toBe('sendrecv');
    await sleep(500);
    expectTone(a.received.tail(300), 1000, { dominantFrequency, toneDbfs });
    expectTone(b.received.tail(300), 440, { dominantFrequency, toneDbfs });
    // SDES keys stayed the same across the re-offers, so no packet failed authentication
    expect(a.session.quality().srtpFailures + b.session.quality().srtpFailures).toBe(0);
  });

  it('a peer re-offer with c=0.0.0.0 (RFC 2543 hold) stops our sending', async () => {
    const { a, b } = await callPair({ codecs: ['pcma'], srtp: 'off' });
    await sleep(200);
    const reoffer = a.session.hold().replace(/c=IN IP4 127\.0\.0\.1/g, 'c=IN IP4 0.0.0.0').replace('a=sendonly', 'a=sendrecv');
    const answer = b.session.createAnswer(reoffer);
    expect(answer.ok).toBe(true);
    expect(b.session.negotiated?.remote.onHold).toBe(true);
    await sleep(60);
    expect(await sentDuring(b, 300)).toBe(0);
  });

  it('answers an unchanged re-offer (same o= version) with the same SDP', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'off' });
    const offer = a.session.createOffer();
    const first = b.session.createAnswer(offer);
    const again = b.session.createAnswer(offer);
    expect(first.ok && again.ok && again.sdp === first.sdp).toBe(true);
  });
});

describe('MediaSession: DTMF', () => {
  for (const codec of ['opus', 'pcmu'] as const) {
    it(`digits sent by one side arrive once at the other (${codec})`, async () => {
      const { a, b } = await callPair({ codecs: [codec], srtp: 'mandatory' });
      await sleep(100);
      expect(a.session.sendDtmf('19#*').ok).toBe(true);
      await waitUntil(() => b.events.dtmf.length >= 4);
      await sleep(200); // any duplicate would have come by now
      expect(b.events.dtmf.map((d) => d.digit)).toEqual(['1', '9', '#', '*']);
      expect(b.events.dtmf.every((d) => d.durationMs === 100)).toBe(true);
      expect(a.events.dtmf).toEqual([]);
      const bad = a.session.sendDtmf('12z');
      expect(bad.ok).toBe(false);
    });
  }
});
