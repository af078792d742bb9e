import { describe, expect, it } from 'vitest';
import { dominantFrequency, goertzelPower, hasTone, meanSquare, rmsDbfs, toneDbfs } from '../../../main/media/audio';
import { sine } from './signals';

describe('analysis', () => {
  it('reads a full-scale sine at −3.01 dBFS and silence at −Infinity', () => {
    expect(rmsDbfs(sine(4800, 48000, 1000, 32767))).toBeCloseTo(-3.01, 2);
    expect(rmsDbfs(sine(4800, 48000, 1000, 3277))).toBeCloseTo(-23.01, 1);
    expect(rmsDbfs(new Int16Array(100))).toBe(-Infinity);
  });

  it('Goertzel power equals the mean square of a pure tone and ignores other tones', () => {
    const x = sine(4800, 48000, 1000, 10000);
    expect(goertzelPower(x, 48000, 1000) / meanSquare(x)).toBeCloseTo(1, 2);
    expect(goertzelPower(x, 48000, 1500) / meanSquare(x)).toBeLessThan(1e-4);
    expect(toneDbfs(x, 48000, 1000)).toBeCloseTo(rmsDbfs(x), 1);
    expect(hasTone(x, 48000, 1000)).toBe(true);
    expect(hasTone(x, 48000, 2000)).toBe(false);
    expect(hasTone(new Int16Array(10), 48000, 1000)).toBe(false);
  });

  it('finds the dominant frequency of a 20 ms frame within 1 Hz', () => {
    for (const hz of [200, 440, 997, 3000, 7000, 15000]) expect(Math.abs(dominantFrequency(sine(960, 48000, hz, 8000), 48000) - hz)).toBeLessThan(1);
    const mix = sine(960, 48000, 700, 8000).map((v, i) => v + Math.round(2000 * Math.sin((2 * Math.PI * 2500 * i) / 48000)));
    expect(Math.abs(dominantFrequency(mix, 48000) - 700)).toBeLessThan(1);
    expect(dominantFrequency(new Int16Array(2), 48000)).toBe(0);
  });
});
