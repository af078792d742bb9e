// ITU-T G.722 decoder, 64 kbit/s (mode 1): lower sub-band reconstruction from the 6-bit
// inverse quantizer, predictor adaptation from the 4-bit one, higher sub-band, receive QMF.
import { G722Band, sat16 } from './g722-band';
import { QmfSynthesis } from './g722-qmf';
import { DETH_RESET, DETL_RESET, NBH_MAX, NBL_MAX, QM2, QM4, QM6, RH2, RL42, WH, WL } from './g722-tables';

function limit15(x: number): number {
  return x > 16383 ? 16383 : x < -16384 ? -16384 : x; // LIMIT: 15-bit reconstructed signal
}

export class G722Decoder {
  private readonly qmf = new QmfSynthesis();
  private readonly low = new G722Band(DETL_RESET);
  private readonly high = new G722Band(DETH_RESET);

  /** Decodes octets into two 16 kHz samples each. */
  decode(payload: Uint8Array): Int16Array {
    const out = new Int16Array(payload.length * 2);
    for (let j = 0; j < payload.length; j++) {
      const code = payload[j]!;
      const rl = this.decodeLow(code & 0x3f);
      const rh = this.decodeHigh(code >> 6);
      this.qmf.push(rl, rh, out, 2 * j);
    }
    return out;
  }

  reset(): void {
    this.qmf.reset();
    this.low.reset();
    this.high.reset();
  }

  private decodeLow(il: number): number {
    const band = this.low;
    const dl = (band.det * QM6[il]!) >> 15; // INVQBL, mode 1
    const rl = limit15(sat16(band.s + dl)); // RECONS, LIMIT
    const ril = il >> 2;
    const dlt = (band.det * QM4[ril]!) >> 15; // INVQAL
    band.adaptScale(WL[RL42[ril]!]!, NBL_MAX, 8); // LOGSCL, SCALEL
    band.predict(dlt); // block 4L
    return rl;
  }

  private decodeHigh(ih: number): number {
    const band = this.high;
    const dh = (band.det * QM2[ih]!) >> 15; // INVQAH
    const rh = limit15(sat16(band.s + dh)); // RECONS, LIMIT
    band.adaptScale(WH[RH2[ih]!]!, NBH_MAX, 10); // LOGSCH, SCALEH
    band.predict(dh); // block 4H
    return rh;
  }
}
