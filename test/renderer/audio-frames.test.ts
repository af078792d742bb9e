import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FRAME_BYTES, FRAME_SAMPLES, FrameAssembler, LinearResampler, levelDbfs, PlayoutBuffer } from '../../renderer/src/audio/frames';
import { cadenceSteps, RINGBACK, toneFor, wantsAudio } from '../../renderer/src/audio/tones';
import type { CallInfo } from '../../shared/ipc';

function sine(hz: number, rate: number, n: number, from = 0, amp = 0.5): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * (from + i)) / rate));
}

/** Power of `hz` in `x` relative to a full-scale sine (Goertzel), in dB. */
function toneDb(x: Float32Array, rate: number, hz: number): number {
  const w = (2 * Math.PI * hz) / rate;
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i]! * Math.cos(w * i);
    im -= x[i]! * Math.sin(w * i);
  }
  const amp = (2 * Math.hypot(re, im)) / x.length;
  return 20 * Math.log10(Math.max(amp, 1e-9));
}

/** Feeds `seconds` of a tone through an assembler in 128-sample render quanta. */
function assemble(rate: number, hz: number, seconds: number): ArrayBuffer[] {
  const assembler = new FrameAssembler(rate);
  const frames: ArrayBuffer[] = [];
  const total = Math.round(rate * seconds);
  for (let at = 0; at < total; at += 128) frames.push(...assembler.push(sine(hz, rate, Math.min(128, total - at), at)));
  return frames;
}

describe('worklet framing: microphone quanta to 20 ms 48 kHz frames', () => {
  it('at 48 kHz, 7.5 quanta make one frame and the samples pass unchanged', () => {
    const frames = assemble(48000, 1000, 0.04);
    expect(frames).toHaveLength(2);
    for (const f of frames) expect(f.byteLength).toBe(FRAME_BYTES);
    const first = decodeFrame(frames[0])!;
    const expected = sine(1000, 48000, FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i += 97) expect(first[i]).toBeCloseTo(expected[i]!, 3);
  });

  it('at 44.1 kHz, one second becomes 50 frames of the same tone', () => {
    const frames = assemble(44100, 1000, 1);
    expect(frames.length).toBeGreaterThanOrEqual(49);
    expect(frames.length).toBeLessThanOrEqual(50);
    const joined = new Float32Array(frames.length * FRAME_SAMPLES);
    frames.forEach((f, i) => joined.set(decodeFrame(f)!, i * FRAME_SAMPLES));
    expect(toneDb(joined, 48000, 1000)).toBeGreaterThan(-7); // a 0.5 sine is −6 dB
    expect(toneDb(joined, 48000, 1102)).toBeLessThan(-40); // not played at the wrong rate
  });

  it('clamps and writes little-endian Int16', () => {
    const samples = new Float32Array(FRAME_SAMPLES);
    samples[0] = 2;
    samples[1] = -2;
    samples[2] = Number.NaN;
    const bytes = new Uint8Array(encodeFrame(samples));
    expect([...bytes.subarray(0, 6)]).toEqual([0xff, 0x7f, 0x00, 0x80, 0, 0]);
  });
});

describe('worklet playout: frames from the engine to render quanta', () => {
  const frame = (value: number): ArrayBuffer => encodeFrame(new Float32Array(FRAME_SAMPLES).fill(value));

  it('waits for three frames, then plays them in order', () => {
    const playout = new PlayoutBuffer(48000);
    const out = new Float32Array(128);
    playout.push(frame(0.1));
    playout.push(frame(0.2));
    playout.pull(out);
    expect(out.every((x) => x === 0)).toBe(true);
    playout.push(frame(0.3));
    const played: number[] = [];
    for (let i = 0; i < 24; i++) {
      playout.pull(out);
      played.push(...out);
    }
    expect(played[0]).toBeCloseTo(0.1, 3);
    expect(played[FRAME_SAMPLES]).toBeCloseTo(0.2, 3);
    expect(played[2 * FRAME_SAMPLES]).toBeCloseTo(0.3, 3);
    // Dry after three frames: silence, one underrun counted, priming again.
    expect(played[played.length - 1]).toBe(0);
    expect(playout.stats.underruns).toBe(1);
  });

  it('drops the oldest frames when the engine gets far ahead, and ignores garbage', () => {
    const playout = new PlayoutBuffer(48000, { prime: 3, max: 10 });
    for (let i = 0; i < 11; i++) playout.push(frame(i / 20));
    expect(playout.depth).toBe(3);
    expect(playout.stats.dropped).toBe(8);
    playout.push('noise');
    playout.push(new ArrayBuffer(12));
    expect(playout.stats.invalid).toBe(2);
    const out = new Float32Array(128);
    playout.pull(out);
    expect(out[0]).toBeCloseTo(8 / 20, 3);
  });

  it('resamples to the context rate', () => {
    const r = new LinearResampler(48000, 44100);
    let n = 0;
    for (let i = 0; i < 50; i++) n += r.process(new Float32Array(960)).length;
    expect(Math.abs(n - 44100)).toBeLessThanOrEqual(1);
    expect(levelDbfs(new Float32Array(128))).toBe(-100);
    expect(levelDbfs(new Float32Array(128).fill(0.5))).toBeCloseTo(-6.02, 1);
  });
});

describe('local tones', () => {
  const call = (state: CallInfo['state'], direction: CallInfo['direction'] = 'outgoing'): CallInfo =>
    ({ id: `${state}-${direction}`, state, direction, peer: 'sip:bob@example.com', startedAt: 0, held: false, remoteHeld: false, muted: false, encryption: 'none' }) as CallInfo;

  it('rings, gives ringback, beeps for call waiting, and is quiet otherwise', () => {
    expect(toneFor([call('incoming', 'incoming')])).toBe('ringtone');
    expect(toneFor([call('ringing')])).toBe('ringback');
    expect(toneFor([call('dialing')])).toBeUndefined();
    expect(toneFor([call('connected'), call('incoming', 'incoming')])).toBe('call-waiting');
    expect(toneFor([call('connected')])).toBeUndefined();
    expect(toneFor([{ ...call('incoming', 'incoming'), voicemail: true }])).toBeUndefined();
    expect(wantsAudio([call('connected')])).toBe(true);
    expect(wantsAudio([call('ringing'), call('ended')])).toBe(false);
  });

  it('ringback cadence: 2 s on, 4 s off', () => {
    expect(cadenceSteps(RINGBACK, 12_000)).toEqual([
      [0, 0.15],
      [2000, 0],
      [6000, 0.15],
      [8000, 0],
    ]);
  });
});
