import { describe, expect, it } from 'vitest';
import { JitterBuffer, JitterConfigError, type JitterDecoder, type JitterPacket } from '../../../main/media/jitter';
import { VirtualClock } from '../../helpers/virtual-clock';

const RATE = 8000;
const FRAME = 160;
const CONCEALED = -1;
const RECOVERED = -2;

/** A codec whose payload is a 16-bit number that decodes to a frame filled with it. */
class FakeDecoder implements JitterDecoder {
  readonly sampleRate = RATE;
  resets = 0;
  recoveredFrom: number[] = [];
  decode(payload: Uint8Array): Int16Array {
    if (payload.length !== 2) throw new Error('bad payload');
    return new Int16Array(FRAME).fill((payload[0]! << 8) | payload[1]!);
  }
  conceal(samples: number): Int16Array {
    return new Int16Array(samples).fill(CONCEALED);
  }
  recover(next: Uint8Array, samples: number): Int16Array {
    this.recoveredFrom.push((next[0]! << 8) | next[1]!);
    return new Int16Array(samples).fill(RECOVERED);
  }
  reset(): void {
    this.resets++;
  }
}

/** Packet n of a stream: value 1000 + n, timestamp base + n frames. */
function packet(n: number, options: { ssrc?: number; tsBase?: number; seqBase?: number; marker?: boolean } = {}): JitterPacket {
  const value = 1000 + n;
  return {
    sequenceNumber: ((options.seqBase ?? 65500) + n) & 0xffff,
    timestamp: ((options.tsBase ?? 0xffff_f000) + n * FRAME) >>> 0,
    ssrc: options.ssrc ?? 0x1234,
    marker: options.marker ?? n === 0,
    payload: Buffer.from([value >> 8, value & 0xff]),
  };
}

interface Run {
  buffer: JitterBuffer;
  decoder: FakeDecoder;
  clock: VirtualClock;
  /** First sample of every pulled frame. */
  out: number[];
}

/**
 * Delivers packets at the given arrival times (ms) and pulls a frame every 20 ms (offset by
 * 7 ms so arrivals and pulls do not coincide) until `untilMs`.
 */
function simulate(arrivals: { at: number; packet: JitterPacket }[], untilMs: number, options: Partial<ConstructorParameters<typeof JitterBuffer>[2]> = {}): Run {
  const clock = new VirtualClock();
  const decoder = new FakeDecoder();
  const buffer = new JitterBuffer(clock, decoder, { clockRate: RATE, ...options });
  const out: number[] = [];
  for (const a of arrivals) clock.setTimeout(() => buffer.push(a.packet), a.at);
  const pull = (): void => {
    out.push(buffer.pull().pcm[0]!);
    if (clock.now() + 20 <= untilMs) clock.setTimeout(pull, 20);
  };
  clock.setTimeout(pull, 7);
  clock.advance(untilMs);
  return { buffer, decoder, clock, out };
}

function steady(count: number, delay: (n: number) => number = () => 5, periodMs = 20): { at: number; packet: JitterPacket }[] {
  return Array.from({ length: count }, (_, n) => ({ at: n * periodMs + delay(n), packet: packet(n) }));
}

/** Played packet numbers, without silence (0) and concealment. */
function played(out: number[]): number[] {
  return out.filter((v) => v >= 1000).map((v) => v - 1000);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe('JitterBuffer', () => {
  it('plays an in-order stream in order at the minimum delay, across sequence and timestamp wrap', () => {
    const { out, buffer } = simulate(steady(100), 2100);
    expect(played(out)).toEqual(range(0, 100));
    // concealment only after the stream ends
    expect(out.slice(0, out.indexOf(1099)).filter((v) => v === CONCEALED)).toEqual([]);
    const s = buffer.stats;
    expect(s.received).toBe(100);
    expect(s.lost + s.late + s.duplicates).toBe(0);
    expect(s.targetMs).toBe(20);
    // the first frame plays one delay after the first packet, not earlier
    expect(out.indexOf(1000)).toBeGreaterThanOrEqual(1);
  });

  it('puts reordered packets back in order', () => {
    // every pair swapped: odd packets arrive 12 ms before the even one before them
    const arrivals = steady(100, (n) => (n % 2 === 0 ? 15 : -5));
    const { out, buffer } = simulate(arrivals, 2200);
    expect(played(out)).toEqual(range(0, 100));
    expect(buffer.stats.lost).toBe(0);
    expect(buffer.stats.late).toBe(0);
  });

  it('discards duplicates, queued or already played, and counts them', () => {
    const arrivals = [...steady(50), ...steady(50).map((a) => ({ ...a, at: a.at + 1 })), ...steady(50).map((a) => ({ ...a, at: a.at + 60 }))];
    const { out, buffer } = simulate(arrivals, 1200);
    expect(played(out)).toEqual(range(0, 50));
    expect(buffer.stats.duplicates).toBe(100);
    expect(buffer.stats.received).toBe(50);
  });

  it('conceals a packet that comes after its playout time and drops it as late', () => {
    const arrivals = steady(60).map((a, n) => (n === 20 ? { ...a, at: a.at + 400 } : a));
    const { out, buffer, decoder } = simulate(arrivals, 1400, { maxDelayMs: 100 });
    const p = played(out);
    expect(p).not.toContain(20);
    expect(p).toContain(21);
    expect(buffer.stats.late).toBe(1);
    expect(buffer.stats.lost).toBe(1);
    // the frame after the gap was there: its FEC rebuilt the lost one (RFC 7587 §3.3)
    expect(decoder.recoveredFrom).toEqual([1021]);
    expect(out[out.indexOf(1021) - 1]).toBe(RECOVERED);
  });

  it('conceals a run of losses with plain concealment, not FEC, where the next packet is further away', () => {
    const arrivals = steady(60).filter((_, n) => n < 30 || n > 32);
    const { out, buffer, decoder } = simulate(arrivals, 1400);
    const i = out.indexOf(1033);
    expect(out.slice(i - 3, i)).toEqual([CONCEALED, CONCEALED, RECOVERED]);
    expect(decoder.recoveredFrom).toEqual([1033]);
    expect(buffer.stats.lost).toBe(3);
    expect(played(out)).toEqual([...range(0, 30), ...range(33, 60)]);
  });

  it('turns an undecodable payload into concealment instead of throwing', () => {
    const arrivals = steady(30).map((a, n) => (n === 10 ? { ...a, packet: { ...a.packet, payload: Buffer.from([1, 2, 3]) } } : a));
    const { out } = simulate(arrivals, 800);
    expect(played(out)).toEqual([...range(0, 10), ...range(11, 30)]);
    expect(out[out.indexOf(1011) - 1]).toBe(CONCEALED);
  });

  it('raises its delay under a jitter burst so that later packets of the burst arrive in time', () => {
    // 2 s calm, then 4 s where every packet is delayed 0-90 ms (deterministic pseudo-random)
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const arrivals = steady(300, (n) => (n < 100 ? 5 : 5 + Math.floor(rand() * 90)));
    const { buffer, out } = simulate(arrivals, 6300);
    const s = buffer.stats;
    expect(s.targetMs).toBeGreaterThan(60);
    expect(s.targetMs).toBeLessThanOrEqual(200);
    expect(s.jitterMs).toBeGreaterThan(10);
    // after adapting, the second half of the burst plays almost entirely
    const secondHalf = played(out).filter((n) => n >= 200);
    expect(secondHalf.length).toBeGreaterThanOrEqual(95);
  });

  it('keeps the delay bounded when the sender clock runs 1% fast, by dropping frames', () => {
    const arrivals = steady(3000, () => 5, 19.8); // 60 s
    const { buffer, out } = simulate(arrivals, 59_600);
    const s = buffer.stats;
    expect(s.dropped).toBeGreaterThanOrEqual(20);
    expect(s.delayMs).toBeLessThan(80);
    expect(s.lost).toBe(0);
    expect(s.underruns).toBeLessThanOrEqual(5); // the end of the stream
    // what plays stays in order
    const p = played(out);
    expect(p.every((n, i) => i === 0 || n > p[i - 1]!)).toBe(true);
  });

  it('keeps playing when the sender clock runs 1% slow, by stretching at concealment', () => {
    const arrivals = steady(3000, () => 5, 20.2);
    const { buffer, out } = simulate(arrivals, 60_800);
    const s = buffer.stats;
    expect(s.underruns + s.inserted).toBeGreaterThanOrEqual(20);
    expect(s.late).toBe(0);
    expect(played(out)).toEqual(range(0, 3000));
  });

  it('restarts playout at a marked talk spurt after silence, without replaying the gap', () => {
    const first = steady(50);
    // 2 s of silence (no packets, DTX), then a talk spurt 100 frames later in media time
    const second = Array.from({ length: 50 }, (_, i) => ({ at: 3000 + i * 20 + 5, packet: packet(150 + i, { marker: i === 0 }) }));
    const { buffer, out } = simulate([...first, ...second], 4100);
    expect(played(out)).toEqual([...range(0, 50), ...range(150, 200)]);
    expect(buffer.stats.resyncs).toBe(1);
    // playback of the spurt begins within one frame + the delay after its first packet
    const firstOfSpurt = out.indexOf(1150);
    expect(firstOfSpurt * 20 + 7).toBeLessThanOrEqual(3005 + 20 + 40);
    // the silence is not filled with concealment beyond the configured run
    const gap = out.slice(out.indexOf(1049), out.indexOf(1150));
    expect(gap.filter((v) => v === CONCEALED).length).toBeLessThanOrEqual(6); // five, and perhaps one stretch as the buffer drains
  });

  it('follows a timestamp jump inside a continuous stream', () => {
    const arrivals = steady(100).map((a, n) => (n >= 50 ? { ...a, packet: { ...a.packet, timestamp: (a.packet.timestamp + 8000 * 60) >>> 0 } } : a));
    const { buffer, out } = simulate(arrivals, 2200);
    expect(buffer.stats.resyncs).toBe(1);
    expect(played(out).slice(-40)).toEqual(range(60, 100));
  });

  it('starts over on a new SSRC with a fresh decoder', () => {
    const a = steady(40);
    const b = Array.from({ length: 40 }, (_, i) => ({ at: 900 + i * 20, packet: packet(500 + i, { ssrc: 0x9999, tsBase: 1234, seqBase: 7 }) }));
    const { buffer, decoder, out } = simulate([...a, ...b], 1900);
    expect(decoder.resets).toBe(1);
    expect(buffer.stats.resyncs).toBe(1);
    expect(played(out)).toEqual([...range(0, 40), ...range(500, 540)]);
  });

  it('never holds more than the maximum delay after a long stall', () => {
    // nothing for 600 ms, then 30 packets at once (a network freeze)
    const arrivals = steady(80).map((a, n) => (n >= 20 && n < 50 ? { ...a, at: 1000 } : a));
    const { buffer, out } = simulate(arrivals, 2000, { maxDelayMs: 100 });
    expect(buffer.stats.dropped + buffer.stats.late).toBeGreaterThan(0);
    expect(played(out)).toContain(79);
  });

  it('refuses impossible options', () => {
    const clock = new VirtualClock();
    expect(() => new JitterBuffer(clock, new FakeDecoder(), { clockRate: RATE, minDelayMs: 100, maxDelayMs: 50 })).toThrow(JitterConfigError);
    expect(() => new JitterBuffer(clock, new FakeDecoder(), { clockRate: 0 })).toThrow(JitterConfigError);
  });
});
