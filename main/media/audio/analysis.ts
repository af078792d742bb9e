// Measurements for tests and diagnostics: tone power (Goertzel), the strongest frequency,
// and levels in dBFS (0 dBFS = RMS of a full-scale square wave, i.e. 32768).
import { fft } from './fft';

type Samples = ArrayLike<number>;

/**
 * Power of `frequency` in `samples` by the Goertzel algorithm, scaled as a mean square:
 * a sine of amplitude A at that frequency gives about A²/2, like meanSquare() of it.
 */
export function goertzelPower(samples: Samples, sampleRate: number, frequency: number): number {
  const n = samples.length;
  if (n === 0) return 0;
  const w = (2 * Math.PI * frequency) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = samples[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2; // |X(f)|²
  return (2 * power) / (n * n);
}

/** Mean-square of the samples. */
export function meanSquare(samples: Samples): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length ? sum / samples.length : 0;
}

/** RMS level in dBFS (−Infinity for digital silence). A full-scale sine is about −3 dBFS. */
export function rmsDbfs(samples: Samples): number {
  return 10 * Math.log10(meanSquare(samples) / (32768 * 32768));
}

/** Level of one frequency in dBFS, on the same scale as rmsDbfs (a pure tone reads the same). */
export function toneDbfs(samples: Samples, sampleRate: number, frequency: number): number {
  return 10 * Math.log10(goertzelPower(samples, sampleRate, frequency) / (32768 * 32768));
}

/** Whether `frequency` holds at least `minShare` of the signal's power (default 0.5). */
export function hasTone(samples: Samples, sampleRate: number, frequency: number, minShare = 0.5): boolean {
  const total = meanSquare(samples);
  return total > 0 && goertzelPower(samples, sampleRate, frequency) / total >= minShare;
}

/**
 * The strongest frequency in the samples: Hann window, FFT, then parabolic interpolation of
 * the log magnitude around the peak bin. Accurate to a few hertz for a tone over 20 ms at 48 kHz.
 */
export function dominantFrequency(samples: Samples, sampleRate: number): number {
  const n = samples.length;
  if (n < 4) return 0;
  let size = 1;
  while (size < n) size <<= 1;
  size <<= 2; // zero padding for a finer grid
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = samples[i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  fft(re, im);
  const half = size >> 1;
  const mag = new Float64Array(half);
  let peak = 1;
  for (let k = 0; k < half; k++) {
    mag[k] = Math.hypot(re[k]!, im[k]!);
    if (k > 0 && mag[k]! > mag[peak]!) peak = k;
  }
  let offset = 0;
  if (peak > 0 && peak < half - 1) {
    const a = Math.log(mag[peak - 1]! + 1e-12);
    const b = Math.log(mag[peak]! + 1e-12);
    const c = Math.log(mag[peak + 1]! + 1e-12);
    const denom = a - 2 * b + c;
    if (denom !== 0) offset = (0.5 * (a - c)) / denom;
  }
  return ((peak + offset) * sampleRate) / size;
}
