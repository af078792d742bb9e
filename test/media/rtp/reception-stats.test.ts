import { describe, expect, it } from 'vitest';
import { ReceptionStats, roundTripTime, ntpFromUnixMs, ntpMiddle, NTP_UNIX_OFFSET } from '../../../main/media/rtp';

/** Feeds packets 20 ms (160 samples) apart that arrive exactly on time unless delayed. */
function feed(stats: ReceptionStats, seqs: number[], delays: number[] = []): boolean[] {
  return seqs.map((seq, i) => stats.onPacket(seq & 0xffff, (seq * 160) >>> 0, seq * 20 + (delays[i] ?? 0)));
}

describe('ReceptionStats: source validation and sequence numbers (RFC 3550 §A.1)', () => {
  it('keeps a new source on probation until MIN_SEQUENTIAL packets come in sequence', () => {
    const s = new ReceptionStats(1, { clockRate: 8000 });
    expect(feed(s, [100])).toEqual([false]);
    expect(s.valid).toBe(false);
    expect(feed(s, [101, 102])).toEqual([true, true]);
    expect(s.valid).toBe(true);
    expect(s.received).toBe(2);
    expect(s.extendedHighest).toBe(102);
  });

  it('restarts probation on an out-of-sequence packet, and trusts the first packet when told to', () => {
    const s = new ReceptionStats(1, { clockRate: 8000 });
    expect(feed(s, [100, 105, 106])).toEqual([false, false, true]);
    const trusted = new ReceptionStats(2, { clockRate: 8000, minSequential: 0 });
    expect(feed(trusted, [9])).toEqual([true]);
    expect(trusted.received).toBe(1);
  });

  it('counts cycles across the 65535 -> 0 wrap', () => {
    const s = new ReceptionStats(1, { clockRate: 8000, minSequential: 0 });
    feed(s, [65530, 65531, 65532, 65533, 65534, 65535, 65536, 65537, 65540]);
    expect(s.extendedHighest).toBe(65536 + 4);
    expect(s.cumulativeLost).toBe(2);
  });

  it('takes a big jump only when the next packet confirms it (sender restart)', () => {
    const s = new ReceptionStats(1, { clockRate: 8000, minSequential: 0 });
    feed(s, [10, 11, 12]);
    expect(feed(s, [20000])).toEqual([false]);
    expect(s.extendedHighest).toBe(12);
    expect(feed(s, [20001, 20002])).toEqual([true, true]);
    expect(s.extendedHighest).toBe(20002);
    expect(s.cumulativeLost).toBe(0);
  });

  it('counts duplicates, so cumulative loss can go negative', () => {
    const s = new ReceptionStats(1, { clockRate: 8000, minSequential: 0 });
    feed(s, [1, 2, 2, 3, 3]);
    expect(s.cumulativeLost).toBe(-2);
    expect(s.reportBlock(0).cumulativeLost).toBe(-2);
  });
});

describe('ReceptionStats: loss and jitter in report blocks (RFC 3550 §A.3, §A.8)', () => {
  it('reports fraction lost per interval and cumulative loss', () => {
    const s = new ReceptionStats(7, { clockRate: 8000, minSequential: 0 });
    feed(s, [0, 1, 2, 4, 5, 6, 8, 9]); // 10 expected, 8 received
    const first = s.reportBlock(200);
    expect(first).toMatchObject({ ssrc: 7, fractionLost: Math.floor((2 * 256) / 10), cumulativeLost: 2, highestSequence: 9, lastSr: 0, delaySinceLastSr: 0 });
    feed(s, [10, 11, 12]);
    expect(s.reportBlock(300)).toMatchObject({ fractionLost: 0, cumulativeLost: 2, highestSequence: 12 });
  });

  it('estimates jitter with the 1/16 gain', () => {
    const s = new ReceptionStats(7, { clockRate: 8000, minSequential: 0 });
    feed(s, [0, 1, 2], [0, 0, 0]);
    expect(s.jitter).toBe(0);
    feed(s, [3], [20]); // 20 ms late: D = 160 timestamp units
    expect(s.jitter).toBeCloseTo(10, 10);
    feed(s, [4], [0]); // back on time: D = 160 again
    expect(s.jitter).toBeCloseTo(10 + (160 - 10) / 16, 10);
    expect(s.reportBlock(0).jitter).toBe(Math.floor(10 + (160 - 10) / 16));
  });

  it('fills LSR and DLSR from the last SR', () => {
    const s = new ReceptionStats(7, { clockRate: 8000, minSequential: 0 });
    feed(s, [1]);
    s.onSenderReport({ ntpSeconds: 0xe9a3f0b1, ntpFraction: 0x80000000, rtpTimestamp: 0, packetCount: 0, octetCount: 0 }, 1000);
    expect(s.reportBlock(1500)).toMatchObject({ lastSr: 0xf0b18000, delaySinceLastSr: 0x8000 });
  });
});

describe('Round-trip time (RFC 3550 §6.4.1)', () => {
  it('gives the RFC example: A 0xb710:8000, LSR 0xb705:2000, DLSR 0x0005:4000 -> 6.125 s', () => {
    const block = { ssrc: 1, fractionLost: 0, cumulativeLost: 0, highestSequence: 0, jitter: 0, lastSr: 0xb7052000, delaySinceLastSr: 0x00054000 };
    expect(roundTripTime(block, 0xb7108000)).toBe(6.125);
    expect(roundTripTime({ ...block, lastSr: 0 }, 0xb7108000)).toBeUndefined();
    expect(roundTripTime(block, 0xb7050000)).toBeUndefined();
  });

  it('converts Unix time to NTP and takes the middle 32 bits', () => {
    const t = ntpFromUnixMs(1500);
    expect(t).toEqual({ seconds: NTP_UNIX_OFFSET + 1, fraction: 0x80000000 });
    expect(ntpMiddle(t)).toBe((((NTP_UNIX_OFFSET + 1) & 0xffff) * 65536 + 0x8000) >>> 0);
  });
});
