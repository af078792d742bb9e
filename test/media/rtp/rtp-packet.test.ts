import { describe, expect, it } from 'vitest';
import { parseRtpPacket, RtpStamper, randomRtpBases, serializeRtpPacket, type RtpPacket, type RtpResult } from '../../../main/media/rtp';
import { fixture, hex } from './fixtures';

function value<T>(r: RtpResult<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

function reason<T>(r: RtpResult<T>): string {
  return r.ok ? 'ok' : r.error.reason;
}

describe('RTP packets (RFC 3550 §5.1)', () => {
  it('reads a PCMU packet and writes it back byte for byte', () => {
    const bytes = fixture('pcmu-20ms.hex');
    const p = value(parseRtpPacket(bytes));
    expect(p).toMatchObject({ marker: false, payloadType: 0, sequenceNumber: 0x1a2b, timestamp: 123456, ssrc: 0x5e1f3c2a, csrcs: [], paddingLength: 0 });
    expect(p.extension).toBeUndefined();
    expect(p.payload.length).toBe(160);
    expect(serializeRtpPacket(p)).toEqual(bytes);
  });

  it('reads CSRCs, a header extension and padding from a mixer packet, and writes it back', () => {
    const bytes = fixture('mixer-ext-padding.hex');
    const p = value(parseRtpPacket(bytes));
    expect(p.marker).toBe(true);
    expect(p.payloadType).toBe(111);
    expect(p.csrcs).toEqual([0x11111111, 0x22222222]);
    expect(p.extension).toEqual({ profile: 0xbede, data: hex('108a0000') });
    expect(p.payload).toEqual(hex('fcfffe0102030405'));
    expect(p.paddingLength).toBe(4);
    expect(serializeRtpPacket(p)).toEqual(bytes);
  });

  it('refuses every truncation of the fixtures, and corrupted versions, padding and payload types', () => {
    for (const name of ['pcmu-20ms.hex', 'mixer-ext-padding.hex']) {
      const bytes = fixture(name);
      for (const cut of [0, 1, 11]) expect(reason(parseRtpPacket(bytes.subarray(0, cut)))).toBe('truncated');
    }
    const mixer = fixture('mixer-ext-padding.hex');
    // cut inside the CSRC list and inside the extension
    expect(reason(parseRtpPacket(mixer.subarray(0, 16)))).toBe('truncated');
    expect(reason(parseRtpPacket(mixer.subarray(0, 26)))).toBe('truncated');
    // cutting the tail turns the padding count into a payload octet
    expect(reason(parseRtpPacket(mixer.subarray(0, mixer.length - 1)))).toBe('padding');
    const v1 = Buffer.from(mixer);
    v1[0] = (v1[0]! & 0x3f) | 0x40;
    expect(reason(parseRtpPacket(v1))).toBe('version');
    const zeroPad = Buffer.from(mixer);
    zeroPad[zeroPad.length - 1] = 0;
    expect(reason(parseRtpPacket(zeroPad))).toBe('padding');
    const bigPad = Buffer.from(mixer);
    bigPad[bigPad.length - 1] = 13; // more than the payload and padding together
    expect(reason(parseRtpPacket(bigPad))).toBe('padding');
    const longExt = Buffer.from(mixer);
    longExt[23] = 9;
    expect(reason(parseRtpPacket(longExt))).toBe('truncated');
    // RFC 3550 §A.1: an RTCP SR/RR on the RTP port looks like PT 72/73 with the marker set
    expect(reason(parseRtpPacket(fixture('rtcp-sr-sdes.hex')))).toBe('payload-type');
  });

  it('serialize refuses fields out of range', () => {
    const base: RtpPacket = { marker: false, payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, csrcs: [], payload: Buffer.alloc(4), paddingLength: 0 };
    expect(() => serializeRtpPacket({ ...base, payloadType: 128 })).toThrow(/payload type/);
    expect(() => serializeRtpPacket({ ...base, csrcs: new Array(16).fill(1) })).toThrow(/15 CSRCs/);
    expect(() => serializeRtpPacket({ ...base, extension: { profile: 0xbede, data: Buffer.alloc(3) } })).toThrow(/32-bit words/);
  });
});

describe('RTP bases and stamps', () => {
  it('draws SSRC, sequence number and timestamp from the random source', () => {
    const words = [0xdeadbeef, 0x12345678, 0xcafef00d];
    const bases = randomRtpBases(() => words.shift()!);
    expect(bases).toEqual({ ssrc: 0xdeadbeef, sequenceNumber: 0x5678, timestamp: 0xcafef00d });
    const a = randomRtpBases();
    const b = randomRtpBases();
    expect(a.ssrc === b.ssrc && a.timestamp === b.timestamp).toBe(false);
  });

  it('counts sequence and timestamp with wrap, and marks the first packet of each talkspurt', () => {
    const s = new RtpStamper({ ssrc: 1, sequenceNumber: 0xffff, timestamp: 0xffffff80 });
    expect(s.next(160)).toEqual({ sequenceNumber: 0xffff, timestamp: 0xffffff80, marker: true });
    expect(s.next(160)).toEqual({ sequenceNumber: 0, timestamp: 0x20, marker: false });
    s.skip(800); // silence: time moves, the sequence does not
    s.startTalkspurt();
    expect(s.next(160)).toEqual({ sequenceNumber: 1, timestamp: 0x20 + 160 + 800, marker: true });
    expect(s.next(160).marker).toBe(false);
  });
});
