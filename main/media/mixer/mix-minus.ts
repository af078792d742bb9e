import { FRAME_SAMPLES } from '../audio';
import { LIMIT_KNEE, softLimit } from './soft-limit';

/**
 * N−1 mixes ("mix-minus"): for every input, the sum of all the others, limited to 16 bits.
 * A null input is a silent (or muted) party: it adds nothing but still gets everyone else.
 * Each output excludes exactly its own input, so nobody hears their own voice back.
 */
export function mixMinusOne(inputs: readonly (Int16Array | null)[], samples = FRAME_SAMPLES): Int16Array[] {
  const total = new Int32Array(samples);
  for (const frame of inputs) {
    if (!frame) continue;
    const n = Math.min(samples, frame.length);
    for (let k = 0; k < n; k++) total[k]! += frame[k]!;
  }
  return inputs.map((own) => {
    const out = new Int16Array(samples);
    const n = own ? Math.min(samples, own.length) : 0;
    for (let k = 0; k < samples; k++) {
      const v = k < n ? total[k]! - own![k]! : total[k]!;
      // The limiter only runs for the rare samples above the knee.
      out[k] = v > LIMIT_KNEE || v < -LIMIT_KNEE ? softLimit(v) : v;
    }
    return out;
  });
}
