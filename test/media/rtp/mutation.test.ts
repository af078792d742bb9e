import { describe, expect, it } from 'vitest';
import { classifyMediaPacket, parseRtcpCompound, parseRtpPacket, parseTelephoneEvent } from '../../../main/media/rtp';
import { fixture } from './fixtures';

/** A small deterministic generator (xorshift32), so a failure replays the same way. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const FIXTURES = ['pcmu-20ms.hex', 'mixer-ext-padding.hex', 'telephone-event.hex', 'rtcp-sr-sdes.hex', 'rtcp-rr-sdes-bye.hex', 'rtcp-rr-app.hex'];

describe('mutated and random input', () => {
  it('never throws from the parsers: every fault comes back as a value', () => {
    const random = xorshift(0x5eed);
    for (const name of FIXTURES) {
      const base = fixture(name);
      for (let round = 0; round < 400; round++) {
        const p = Buffer.from(base.subarray(0, Math.floor(random() * (base.length + 1))));
        const flips = Math.floor(random() * 4);
        for (let i = 0; i < flips && p.length > 0; i++) p[Math.floor(random() * p.length)] = Math.floor(random() * 256);
        for (const r of [parseRtpPacket(p), parseRtcpCompound(p), parseRtcpCompound(p, { reducedSize: true }), parseTelephoneEvent(p)]) {
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.error.reason).toBeTruthy();
        }
        expect(typeof classifyMediaPacket(p)).toBe('string');
      }
    }
  });
});
