/**
 * RFC 3711 §3.3.1 and Appendix A: the receiver's guess v of the ROC for sequence number
 * `seq`, given the highest sequence number s_l and ROC seen so far. Returns the 48-bit
 * packet index v * 2^16 + seq; negative when the packet is from before the stream began.
 */
export function guessIndex(roc: number, sl: number, seq: number): number {
  let v = roc;
  if (sl < 0x8000) {
    if (seq - sl > 0x8000) v = roc - 1;
  } else if (sl - 0x8000 > seq) {
    v = roc + 1;
  }
  return v * 0x10000 + seq;
}

/** RFC 3711 §3.3.1: the per-SSRC rollover state, updated only by authenticated packets. */
export class RolloverState {
  /** ROC: how many times the sequence number wrapped. */
  roc = 0;
  /** s_l: the highest sequence number seen, or -1 before the first packet. */
  sl = -1;

  /** The packet index of `seq` (the first packet starts the stream at ROC 0). */
  indexOf(seq: number): number {
    return this.sl < 0 ? seq : guessIndex(this.roc, this.sl, seq);
  }

  /** RFC 3711 §3.3.1: after authentication, ROC := v when v = ROC + 1; s_l moves forward. */
  update(index: number): void {
    const v = Math.floor(index / 0x10000);
    const seq = index % 0x10000;
    if (this.sl < 0 || v > this.roc) {
      this.roc = v;
      this.sl = seq;
    } else if (v === this.roc && seq > this.sl) {
      this.sl = seq;
    }
  }
}
