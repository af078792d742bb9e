import { describe, expect, it } from 'vitest';
import { dominantFrequency, Resampler, rmsDbfs } from '../../../main/media/audio';
import { chunked, sine } from './signals';

/** Level change in dB of a tone of `hz` through `from → to`, measured on the settled second half. */
function gainDb(from: number, to: number, hz: number): number {
  const r = new Resampler(from, to);
  const x = sine(from, from, hz, 16384);
  const y = chunked((c) => r.process(c), x, from / 50);
  return rmsDbfs(y.subarray(y.length / 2)) - rmsDbfs(x.subarray(x.length / 2));
}

describe('Resampler', () => {
  it.each([
    [48000, 16000],
    [48000, 8000],
    [16000, 48000],
    [8000, 48000],
    [44100, 48000],
  ])('%i → %i Hz: 20 ms frames come out at the new rate', (from, to) => {
    const r = new Resampler(from, to);
    let total = 0;
    for (let k = 0; k < 50; k++) total += r.process(new Int16Array(from / 50)).length;
    expect(total).toBe(to);
  });

  it.each([
    [48000, 16000, 1000],
    [48000, 16000, 6000],
    [48000, 8000, 1000],
    [48000, 8000, 3000],
    [16000, 48000, 1000],
    [8000, 48000, 3000],
    [44100, 48000, 10000],
  ])('%i → %i Hz passes a %i Hz tone at its frequency and level (±0.1 dB)', (from, to, hz) => {
    const r = new Resampler(from, to);
    const y = chunked((c) => r.process(c), sine(from, from, hz, 16384), from / 50);
    expect(Math.abs(dominantFrequency(y.subarray(to / 2, to / 2 + to / 10), to) - hz)).toBeLessThan(1);
    expect(Math.abs(gainDb(from, to, hz))).toBeLessThan(0.1);
  });

  // Measured: 48→16 kHz 7 kHz −2.5 dB, 8.2 kHz −86 dB; 48→8 kHz 3.4 kHz −0.7 dB, 4.2 kHz −85 dB.
  it.each([
    [48000, 16000, 8200],
    [48000, 16000, 12000],
    [48000, 16000, 20000],
    [48000, 8000, 4200],
    [48000, 8000, 6000],
    [48000, 8000, 15000],
  ])('%i → %i Hz removes a %i Hz tone above the new Nyquist (≥ 70 dB)', (from, to, hz) => {
    expect(gainDb(from, to, hz)).toBeLessThan(-70);
  });

  it('keeps the telephone band: 3.4 kHz within 1 dB at 8 kHz, 7 kHz within 3 dB at 16 kHz', () => {
    expect(gainDb(48000, 8000, 3400)).toBeGreaterThan(-1);
    expect(gainDb(48000, 16000, 7000)).toBeGreaterThan(-3);
  });

  it('gives the same samples whatever the chunking, so frame boundaries are seamless', () => {
    const x = sine(9600, 48000, 440, 12000);
    const whole = new Resampler(48000, 16000).process(x);
    const r = new Resampler(48000, 16000);
    expect(chunked((c) => r.process(c), x, 960)).toEqual(whole);
    const odd = new Resampler(48000, 16000);
    expect(chunked((c) => odd.process(c), x, 77)).toEqual(whole);
    const up = new Resampler(16000, 48000);
    const y = new Resampler(16000, 48000).process(whole);
    expect(chunked((c) => up.process(c), whole, 320)).toEqual(y);
  });

  it('has no clicks: a tone through 20 ms frames never jumps more than the tone can move', () => {
    const r = new Resampler(8000, 48000);
    const y = chunked((c) => r.process(c), sine(8000, 8000, 1000, 10000), 160);
    const maxStep = 2 * Math.PI * (1000 / 48000) * 10000 * 1.02;
    let worst = 0;
    for (let i = 2000; i < y.length; i++) worst = Math.max(worst, Math.abs(y[i]! - y[i - 1]!));
    expect(worst).toBeLessThanOrEqual(maxStep);
  });

  it('starts over after reset() and copies when the rates are equal', () => {
    const x = sine(960, 48000, 1000, 8000);
    const r = new Resampler(48000, 16000);
    const first = r.process(x);
    r.process(sine(960, 48000, 300, 8000));
    r.reset();
    expect(r.process(x)).toEqual(first);
    expect(new Resampler(48000, 48000).process(x)).toEqual(x);
    expect(() => new Resampler(0, 8000)).toThrow(RangeError);
  });
});
