// Rational-ratio polyphase resampler: upsample by L, low-pass, downsample by M, computing only
// the outputs kept (Crochiere & Rabiner, polyphase form). Stateful across calls, so frames
// join without clicks.
import { kaiserLowpass } from './fir-design';
import { toInt16 } from './frame';

export interface ResamplerOptions {
  /** Sinc zero crossings on each side of the centre; more is sharper and slower. Default 16. */
  zeroCrossings?: number;
  /** Passband edge as a fraction of the lower Nyquist frequency. Default 0.9. */
  passband?: number;
  /** Kaiser window beta. Default 8.6 (about 90 dB stopband). */
  beta?: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export class Resampler {
  readonly up: number;
  readonly down: number;
  /** Taps per polyphase branch. */
  readonly tapsPerPhase: number;
  /** phases[p][k] multiplies input x[n − k] for output phase p. */
  private readonly phases: Float64Array[];
  /** The last tapsPerPhase − 1 inputs, oldest first. */
  private history: Float64Array;
  /** Position of the next output on the upsampled time axis, relative to the next input. */
  private t = 0;

  constructor(
    readonly inputRate: number,
    readonly outputRate: number,
    options: ResamplerOptions = {},
  ) {
    if (!(Number.isInteger(inputRate) && inputRate > 0 && Number.isInteger(outputRate) && outputRate > 0)) {
      throw new RangeError(`resampler rates must be positive integers (got ${inputRate} → ${outputRate})`);
    }
    const g = gcd(inputRate, outputRate);
    this.up = outputRate / g;
    this.down = inputRate / g;
    const zeroCrossings = options.zeroCrossings ?? 16;
    const passband = options.passband ?? 0.9;
    const beta = options.beta ?? 8.6;
    const upRate = inputRate * this.up;
    const cutoffHz = (Math.min(inputRate, outputRate) / 2) * passband;
    const cutoff = cutoffHz / upRate;
    // Half-length reaches `zeroCrossings` zeros of the sinc (spaced 1 / (2·cutoff)).
    const half = Math.ceil(zeroCrossings / (2 * cutoff));
    this.tapsPerPhase = Math.max(1, Math.ceil((2 * half + 1) / this.up));
    const h = kaiserLowpass(this.tapsPerPhase * this.up, cutoff, beta, this.up);
    this.phases = [];
    for (let p = 0; p < this.up; p++) {
      const branch = new Float64Array(this.tapsPerPhase);
      for (let k = 0; k < this.tapsPerPhase; k++) branch[k] = h[p + k * this.up]!;
      this.phases.push(branch);
    }
    this.history = new Float64Array(this.tapsPerPhase - 1);
  }

  /** Group delay in output samples. */
  get delay(): number {
    return (this.tapsPerPhase * this.up - 1) / 2 / this.down;
  }

  /** Resamples the next stretch of input; the output length follows the ratio over time. */
  process(input: Int16Array): Int16Array {
    if (this.up === 1 && this.down === 1) return Int16Array.from(input);
    const keep = this.history.length;
    const x = new Float64Array(keep + input.length);
    x.set(this.history);
    for (let i = 0; i < input.length; i++) x[keep + i] = input[i]!;
    const out: number[] = [];
    const L = this.up;
    let t = this.t;
    // Output at upsampled time t uses input index n = floor(t / L) (relative to this input).
    while (t < input.length * L) {
      const n = Math.floor(t / L);
      const branch = this.phases[t - n * L]!;
      const newest = keep + n;
      let acc = 0;
      for (let k = 0; k < branch.length; k++) acc += branch[k]! * x[newest - k]!;
      out.push(toInt16(acc));
      t += this.down;
    }
    this.t = t - input.length * L;
    this.history = x.slice(x.length - keep);
    return Int16Array.from(out);
  }

  reset(): void {
    this.history.fill(0);
    this.t = 0;
  }
}
