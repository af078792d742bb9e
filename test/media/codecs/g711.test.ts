import { describe, expect, it } from 'vitest';
import {
  ALAW_DECODE,
  alawDecode,
  alawEncode,
  alawEncodeSample,
  G711Codec,
  ULAW_DECODE,
  ulawDecode,
  ulawEncode,
  ulawEncodeSample,
} from '../../../main/media/codecs';
import { dominantFrequency } from '../../../main/media/audio';
import { roundTrip, sine, snrDb } from './tone';

describe('G.711 µ-law', () => {
  it('decodes the reference code points (G.711 Table 2a, 16-bit scale)', () => {
    expect(ULAW_DECODE[0xff]).toBe(0); // positive zero
    expect(ULAW_DECODE[0x7f]).toBe(0); // negative zero
    expect(ULAW_DECODE[0xfe]).toBe(8);
    expect(ULAW_DECODE[0xf0]).toBe(120); // end of segment 0
    expect(ULAW_DECODE[0xef]).toBe(132); // first step of segment 1
    expect(ULAW_DECODE[0x80]).toBe(32124); // largest positive
    expect(ULAW_DECODE[0x00]).toBe(-32124);
    expect(ULAW_DECODE[0x01]).toBe(-31100);
  });

  it('encodes with the ITU-T G.191 one-s-complement convention', () => {
    expect(ulawEncodeSample(0)).toBe(0xff);
    expect(ulawEncodeSample(-1)).toBe(0x7f); // ~(−1) >> 2 = 0: negative zero
    expect(ulawEncodeSample(-4)).toBe(0x7f);
    expect(ulawEncodeSample(-5)).toBe(0x7e);
    expect(ulawEncodeSample(32767)).toBe(0x80);
    expect(ulawEncodeSample(-32768)).toBe(0x00);
    expect(ulawEncodeSample(8)).toBe(0xfe);
    expect(ulawEncodeSample(1000)).toBe(0xce);
  });

  it('maps every code back to itself and decodes monotonically', () => {
    for (let code = 0; code < 256; code++) if (code !== 0x7f) expect(ulawEncodeSample(ULAW_DECODE[code]!)).toBe(code);
    const positives = Array.from({ length: 128 }, (_, i) => ULAW_DECODE[0xff - i]!);
    for (let i = 1; i < positives.length; i++) expect(positives[i]!).toBeGreaterThan(positives[i - 1]!);
  });

  it('keeps the quantization error within one step of its segment', () => {
    for (let x = -32768; x < 32768; x += 7) {
      const y = ULAW_DECODE[ulawEncodeSample(x)]!;
      const clipped = Math.max(-32124, Math.min(32124, x));
      const segmentStep = 8 << Math.max(0, Math.floor(Math.log2((Math.abs(clipped) + 132) / 264)) + 1);
      expect(Math.abs(y - clipped)).toBeLessThanOrEqual(segmentStep);
    }
  });

  it('array helpers agree with the tables', () => {
    const pcm = Int16Array.from([0, -1, 1000, -1000, 32767, -32768]);
    expect(Array.from(ulawEncode(pcm))).toEqual(Array.from(pcm, (s) => ulawEncodeSample(s)));
    expect(Array.from(ulawDecode(Uint8Array.from([0xff, 0x80, 0x00])))).toEqual([0, 32124, -32124]);
  });
});

describe('G.711 A-law', () => {
  it('decodes the reference code points (G.711 Table 1a, 16-bit scale)', () => {
    expect(ALAW_DECODE[0xd5]).toBe(8); // smallest positive
    expect(ALAW_DECODE[0x55]).toBe(-8);
    expect(ALAW_DECODE[0xd4]).toBe(24);
    expect(ALAW_DECODE[0xaa]).toBe(32256); // largest positive
    expect(ALAW_DECODE[0x2a]).toBe(-32256);
  });

  it('encodes with even bits inverted and one-s-complement negatives', () => {
    expect(alawEncodeSample(0)).toBe(0xd5);
    expect(alawEncodeSample(-1)).toBe(0x55);
    expect(alawEncodeSample(16)).toBe(0xd4);
    expect(alawEncodeSample(32767)).toBe(0xaa);
    expect(alawEncodeSample(-32768)).toBe(0x2a);
    expect(alawEncodeSample(1000)).toBe(0xfa);
  });

  it('maps every code back to itself', () => {
    for (let code = 0; code < 256; code++) expect(alawEncodeSample(ALAW_DECODE[code]!)).toBe(code);
    expect(Array.from(alawDecode(alawEncode(Int16Array.from([8, -8]))))).toEqual([8, -8]);
  });
});

describe('G711Codec', () => {
  it.each(['ulaw', 'alaw'] as const)('%s: 20 ms is 160 samples and bytes, a 1 kHz tone comes back with SNR > 35 dB', (law) => {
    const codec = new G711Codec(law);
    expect(codec.name).toBe(law === 'ulaw' ? 'PCMU' : 'PCMA');
    expect(codec.frameSamples(20)).toBe(160);
    expect(codec.timestampIncrement(20)).toBe(160);
    expect(codec.encode(new Int16Array(160))).toHaveLength(160);
    const x = sine(8000, 8000, 1000, 10000);
    const y = roundTrip(codec, x, 160);
    expect(snrDb(x, y, 0, 0)).toBeGreaterThan(35);
    expect(dominantFrequency(y.subarray(0, 1600), 8000)).toBeCloseTo(1000, -1);
  });
});
