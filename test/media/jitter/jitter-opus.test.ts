import { afterEach, describe, expect, it } from 'vitest';
import { goertzelPower, ToneSource } from '../../../main/media/audio';
import { OpusCodec } from '../../../main/media/codecs';
import { JitterBuffer } from '../../../main/media/jitter';
import { VirtualClock } from '../../helpers/virtual-clock';

const codecs: OpusCodec[] = [];
afterEach(() => {
  for (const c of codecs.splice(0)) c.dispose();
});

/** 50 packets of a 440 Hz tone from an Opus encoder with in-band FEC (RFC 7587 §3.3). */
function opusStream(): Buffer[] {
  const encoder = new OpusCodec({ fec: true, packetLossPercent: 20 });
  codecs.push(encoder);
  const tone = new ToneSource(440);
  return Array.from({ length: 50 }, () => Buffer.from(encoder.encode(tone.read())));
}

describe('JitterBuffer with Opus', () => {
  it('rebuilds a lost frame from the next packet’s FEC, keeping the tone going', () => {
    const payloads = opusStream();
    const clock = new VirtualClock();
    const decoder = new OpusCodec();
    codecs.push(decoder);
    const buffer = new JitterBuffer(clock, decoder, { clockRate: 48000 });
    const out: Int16Array[] = [];
    payloads.forEach((payload, n) => {
      if (n !== 30) clock.setTimeout(() => buffer.push({ sequenceNumber: n, timestamp: n * 960, ssrc: 1, marker: n === 0, payload }), n * 20 + 3);
    });
    const pull = (): void => {
      out.push(buffer.pull().pcm);
      if (out.length < 60) clock.setTimeout(pull, 20);
    };
    clock.setTimeout(pull, 10);
    clock.advance(1300);
    expect(buffer.stats.lost).toBe(1);
    expect(buffer.stats.recovered).toBe(1);
    // the frame where packet 30 belonged still carries the tone at a fair share of its level
    const played = out.map((f) => goertzelPower(f, 48000, 440));
    const steady = played[25]!;
    expect(Math.min(...played.slice(5, 45))).toBeGreaterThan(steady / 10);
  });
});
