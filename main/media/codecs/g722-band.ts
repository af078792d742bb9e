// The adaptive predictor and scale factor adaptation shared by both G.722 sub-bands
// (G.722 §6.2, blocks 3L/3H and 4L/4H). All arithmetic is 16-bit saturating, as the spec's.
import { ILB } from './g722-tables';

export function sat16(x: number): number {
  return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}

/** State of one sub-band's ADPCM loop. */
export class G722Band {
  /** Predictor output S (SL or SH). */
  s = 0;
  /** Zero-section output SZ. */
  sz = 0;
  /** Quantizer scale factor DET (DETL or DETH) and its log NB (NBL or NBH). */
  det: number;
  nb = 0;
  /** Pole coefficients A1, A2 and zero coefficients B1..B6 (index 0 unused). */
  readonly a = [0, 0, 0];
  readonly b = [0, 0, 0, 0, 0, 0, 0];
  /** Delayed quantized differences D1..D6 (index 0 is the current one). */
  readonly d = [0, 0, 0, 0, 0, 0, 0];
  /** Reconstructed signals R0..R2 and partially reconstructed signals P0..P2. */
  readonly r = [0, 0, 0];
  readonly p = [0, 0, 0];

  constructor(private readonly detReset: number) {
    this.det = detReset;
  }

  reset(): void {
    this.s = 0;
    this.sz = 0;
    this.det = this.detReset;
    this.nb = 0;
    this.a.fill(0);
    this.b.fill(0);
    this.d.fill(0);
    this.r.fill(0);
    this.p.fill(0);
  }

  /**
   * LOGSCL/LOGSCH then SCALEL/SCALEH: NB ← NB·127/128 + W, limited to [0, nbMax];
   * DET ← 2^(NB/2048) via ILB, shifted by `shiftBase` (8 low band, 10 high band), times 4.
   */
  adaptScale(w: number, nbMax: number, shiftBase: number): void {
    let nb = ((this.nb * 32512) >> 15) + w;
    if (nb < 0) nb = 0;
    else if (nb > nbMax) nb = nbMax;
    this.nb = nb;
    const mant = ILB[(nb >> 6) & 31]!;
    const shift = shiftBase - (nb >> 11);
    this.det = (shift >= 0 ? mant >> shift : mant << -shift) << 2;
  }

  /** Block 4 (RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC) for difference `dq`. */
  predict(dq: number): void {
    const { a, b, d, r, p } = this;
    d[0] = dq;
    r[0] = sat16(this.s + dq); // RECONS
    p[0] = sat16(this.sz + dq); // PARREC

    // UPPOL2: A2 ← A2·127/128 ± 4·A1/128 ± 128, |A2| ≤ 12288
    const sg0 = p[0] >> 15;
    const sg1 = p[1]! >> 15;
    const sg2 = p[2]! >> 15;
    const a1x4 = sat16(a[1]! << 2);
    let wd2 = sg0 === sg1 ? -a1x4 : a1x4;
    if (wd2 > 32767) wd2 = 32767;
    let ap2 = (wd2 >> 7) + (sg0 === sg2 ? 128 : -128) + ((a[2]! * 32512) >> 15);
    if (ap2 > 12288) ap2 = 12288;
    else if (ap2 < -12288) ap2 = -12288;

    // UPPOL1: A1 ← A1·255/256 ± 192, |A1| ≤ 15360 − A2
    let ap1 = sat16((sg0 === sg1 ? 192 : -192) + ((a[1]! * 32640) >> 15));
    const lim = sat16(15360 - ap2);
    if (ap1 > lim) ap1 = lim;
    else if (ap1 < -lim) ap1 = -lim;

    // UPZERO: Bi ← Bi·255/256 ± 128 by sign agreement of D0 and Di (no step when D0 = 0)
    const step = dq === 0 ? 0 : 128;
    const sgd = dq >> 15;
    for (let i = 1; i <= 6; i++) {
      const wd = (d[i]! >> 15) === sgd ? step : -step;
      b[i] = sat16(wd + ((b[i]! * 32640) >> 15));
    }

    // DELAYA
    for (let i = 6; i > 0; i--) d[i] = d[i - 1]!;
    r[2] = r[1]!;
    r[1] = r[0];
    p[2] = p[1]!;
    p[1] = p[0];
    a[1] = ap1;
    a[2] = ap2;

    // FILTEP: pole section on the doubled reconstructed signal
    const sp = sat16(((a[1] * sat16(r[1] + r[1])) >> 15) + ((a[2] * sat16(r[2] + r[2])) >> 15));
    // FILTEZ: zero section on the doubled differences
    let sz = 0;
    for (let i = 6; i > 0; i--) sz += (b[i]! * sat16(d[i]! + d[i]!)) >> 15;
    this.sz = sat16(sz);
    this.s = sat16(sp + this.sz); // PREDIC
  }
}
