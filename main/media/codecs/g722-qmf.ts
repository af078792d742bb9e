// G.722 §3.1 / §4.4: the 24-tap quadrature mirror filters. Sample levels follow the common
// SIP-endpoint convention: 16-bit PCM enters the sub-bands at half scale (within the 15-bit
// range of the ADPCM loops) and leaves at full scale, so streams interoperate at equal loudness.
import { QMF_COEFFS } from './g722-tables';
import { sat16 } from './g722-band';

const TAPS = 24;

/** Transmit QMF: two 16 kHz samples in, one lower and one higher sub-band sample out. */
export class QmfAnalysis {
  /** x[0] is the newest input xin(j), x[k] is xin(j − k). */
  private readonly x = new Int32Array(TAPS);

  /** Returns [xL, xH] for input samples (older, newer). */
  push(older: number, newer: number, out: Int32Array): void {
    const x = this.x;
    x.copyWithin(2, 0, TAPS - 2);
    x[1] = older;
    x[0] = newer;
    let xa = 0;
    let xb = 0;
    for (let i = 0; i < 12; i++) {
      xa += QMF_COEFFS[2 * i]! * x[2 * i]!; // xA = Σ h(2i)·xin(j − 2i)
      xb += QMF_COEFFS[2 * i + 1]! * x[2 * i + 1]!; // xB = Σ h(2i+1)·xin(j − 2i − 1)
    }
    out[0] = sat16((xa + xb) >> 14); // xL = xA + xB
    out[1] = sat16((xa - xb) >> 14); // xH = xA − xB
  }

  reset(): void {
    this.x.fill(0);
  }
}

/** Receive QMF: one lower and one higher sub-band sample in, two 16 kHz samples out. */
export class QmfSynthesis {
  /** History of xd = rL − rH and xs = rL + rH, newest at index 0. */
  private readonly xd = new Int32Array(12);
  private readonly xs = new Int32Array(12);

  /** Writes xout(j) and xout(j + 1) into out[at], out[at + 1]. */
  push(rl: number, rh: number, out: Int16Array, at: number): void {
    const { xd, xs } = this;
    xd.copyWithin(1, 0, 11);
    xs.copyWithin(1, 0, 11);
    xd[0] = rl - rh;
    xs[0] = rl + rh;
    let even = 0;
    let odd = 0;
    for (let i = 0; i < 12; i++) {
      even += QMF_COEFFS[2 * i]! * xd[i]!; // xout(j) = 2 Σ h(2i)·xd(i)
      odd += QMF_COEFFS[2 * i + 1]! * xs[i]!; // xout(j+1) = 2 Σ h(2i+1)·xs(i)
    }
    out[at] = sat16(even >> 11);
    out[at + 1] = sat16(odd >> 11);
  }

  reset(): void {
    this.xd.fill(0);
    this.xs.fill(0);
  }
}
