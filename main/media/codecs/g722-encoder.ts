// ITU-T G.722 encoder, 64 kbit/s (mode 1): transmit QMF, lower sub-band ADPCM with a 6-bit
// quantizer, higher sub-band ADPCM with a 2-bit quantizer (§3, blocks of §6.2).
import { G722Band, sat16 } from './g722-band';
import { QmfAnalysis } from './g722-qmf';
import { DETH_RESET, DETL_RESET, IHN, IHP, ILN, ILP, NBH_MAX, NBL_MAX, Q2, Q6, QM2, QM4, RH2, RL42, WH, WL } from './g722-tables';

export class G722Encoder {
  private readonly qmf = new QmfAnalysis();
  private readonly low = new G722Band(DETL_RESET);
  private readonly high = new G722Band(DETH_RESET);
  private readonly bands = new Int32Array(2);

  /** Encodes an even number of 16 kHz samples into one octet per sample pair (§1.4). */
  encode(pcm: Int16Array): Uint8Array {
    const out = new Uint8Array(pcm.length >> 1);
    for (let j = 0; j < out.length; j++) {
      this.qmf.push(pcm[2 * j]!, pcm[2 * j + 1]!, this.bands);
      const il = this.encodeLow(this.bands[0]!);
      const ih = this.encodeHigh(this.bands[1]!);
      out[j] = (ih << 6) | il; // §1.4: IH in the two most significant bits
    }
    return out;
  }

  reset(): void {
    this.qmf.reset();
    this.low.reset();
    this.high.reset();
  }

  private encodeLow(xl: number): number {
    const band = this.low;
    const el = sat16(xl - band.s); // SUBTRA
    // QUANTL: find the interval of |EL| among the scaled decision levels
    const wd = el >= 0 ? el : -(el + 1);
    let i = 1;
    while (i < 30 && wd >= (Q6[i]! * band.det) >> 12) i++;
    const il = el < 0 ? ILN[i]! : ILP[i]!;
    // INVQAL: 4-bit inverse quantizer feeds the predictor
    const ril = il >> 2;
    const dlt = (band.det * QM4[ril]!) >> 15;
    band.adaptScale(WL[RL42[ril]!]!, NBL_MAX, 8); // LOGSCL, SCALEL
    band.predict(dlt); // block 4L
    return il;
  }

  private encodeHigh(xh: number): number {
    const band = this.high;
    const eh = sat16(xh - band.s); // SUBTRA
    // QUANTH
    const wd = eh >= 0 ? eh : -(eh + 1);
    const mih = wd >= (Q2 * band.det) >> 12 ? 2 : 1;
    const ih = eh < 0 ? IHN[mih]! : IHP[mih]!;
    const dh = (band.det * QM2[ih]!) >> 15; // INVQAH
    band.adaptScale(WH[RH2[ih]!]!, NBH_MAX, 10); // LOGSCH, SCALEH
    band.predict(dh); // block 4H
    return ih;
  }
}
