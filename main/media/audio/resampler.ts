// Rational-ratio polyphase resampler: upsample by L, low-pass, downsample by M, computing only
// the outputs kept (Crochiere & Rabiner, polyphase form). Stateful across calls, so frames
// join without clicks.
import { kaiserLowpass } from './fir-design';
import { toInt16 } from './frame';

export interface ResamplerOptions {
  /** Sinc zero crossings on each side of the centre; more is a sharper transition and slower. Default 24. */
  zeroCrossings?: number;
  /** Kaiser window beta. Default 8.6 (about 87 dB stopband). */
  beta?: number;
}

/** Kaiser's formulas: stopband attenuation for beta, and the transition width for a length. */
function kaiserAttenuationDb(beta: number): number {
  return beta / 0.1102 + 8.7;
}
function kaiserTransition(attenuationDb: number, taps: number): number {
  return (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * (taps - 1));
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
  /** phases[p][k] multiplies input x[n − (tapsPerPhase − 1) + k] for output phase p (taps stored reversed). */
  private readonly phases: Float32Array[];
  /** The last tapsPerPhase − 1 inputs, oldest first. */
  private readonly history: Float32Array;
  /** History then the new input as floats; kept between calls so a frame allocates only its output. */
  private work = new Float32Array(0);
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
    const zeroCrossings = options.zeroCrossings ?? 24;
    const beta = options.beta ?? 8.6;
    const upRate = inputRate * this.up;
    const nyquist = Math.min(inputRate, outputRate) / 2 / upRate;
    // Place the cutoff half a transition band below the lower Nyquist frequency, so the stopband
    // starts at Nyquist and nothing aliases; the filter length follows from the cutoff.
    let cutoff = 0.9 * nyquist;
    let taps = 0;
    for (let i = 0; i < 4; i++) {
      taps = 2 * Math.ceil(zeroCrossings / (2 * cutoff)) + 1; // `zeroCrossings` sinc zeros each side
      cutoff = nyquist - kaiserTransition(kaiserAttenuationDb(beta), taps) / 2;
    }
    this.tapsPerPhase = Math.max(1, Math.ceil(taps / this.up));
    const h = kaiserLowpass(this.tapsPerPhase * this.up, cutoff, beta, this.up);
    this.phases = [];
    for (let p = 0; p < this.up; p++) {
      const branch = new Float32Array(this.tapsPerPhase);
      for (let k = 0; k < this.tapsPerPhase; k++) branch[this.tapsPerPhase - 1 - k] = h[p + k * this.up]!;
      this.phases.push(branch);
    }
    this.history = new Float32Array(this.tapsPerPhase - 1);
  }

  /** Group delay in output samples. */
  get delay(): number {
    return (this.tapsPerPhase * this.up - 1) / 2 / this.down;
  }

  /** Resamples the next stretch of input; the output length follows the ratio over time. */
  process(input: Int16Array): Int16Array {
    if (this.up === 1 && this.down === 1) return Int16Array.from(input);
    const keep = this.history.length;
    const size = keep + input.length;
    if (this.work.length < size) this.work = new Float32Array(size);
    const x = this.work;
    x.set(this.history);
    for (let i = 0; i < input.length; i++) x[keep + i] = input[i]!;
    const L = this.up;
    const end = input.length * L;
    const out = new Int16Array(this.t < end ? Math.ceil((end - this.t) / this.down) : 0);
    let t = this.t;
    // Output at upsampled time t uses input index n = floor(t / L) (relative to this input).
    const taps = this.tapsPerPhase;
    for (let j = 0; j < out.length; j++) {
      const n = Math.floor(t / L);
      const branch = this.phases[t - n * L]!;
      const oldest = keep + n - (taps - 1);
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += branch[k]! * x[oldest + k]!;
      out[j] = toInt16(acc);
      t += this.down;
    }
    this.t = t - input.length * L;
    this.history.set(x.subarray(size - keep, size));
    return out;
  }

  reset(): void {
    this.history.fill(0);
    this.t = 0;
  }
}
