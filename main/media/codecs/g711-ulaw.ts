// ITU-T G.711 µ-law (Table 2a), on the 14-bit scale with one's-complement magnitudes for
// negative input as in the ITU-T G.191 reference, so bit patterns match it exactly. (Sun's
// g711.c, and CPython's audioop after it, negate instead and differ for 508 negative inputs.)

/** µ-law code → 16-bit linear sample. */
export const ULAW_DECODE: Int16Array = (() => {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) {
    const inverted = ~code & 0xff; // G.711 §2: µ-law codes are transmitted inverted
    const exponent = (inverted >> 4) & 0x07;
    const mantissa = inverted & 0x0f;
    const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
    table[code] = inverted & 0x80 ? -magnitude : magnitude;
  }
  return table;
})();

function encodeFourteenBit(value14: number): number {
  // value14 is the 16-bit sample shifted right by 2 (floor); negatives use one's complement.
  const negative = value14 < 0;
  let magnitude = (negative ? ~value14 : value14) + 33;
  if (magnitude > 0x1fff) magnitude = 0x1fff;
  let segment = 1;
  for (let i = magnitude >> 6; i !== 0; i >>= 1) segment++;
  const code = ((8 - segment) << 4) | (0x0f - ((magnitude >> segment) & 0x0f));
  return negative ? code : code | 0x80;
}

/** Index (sample >> 2) + 8192 → µ-law code. */
const ULAW_ENCODE: Uint8Array = (() => {
  const table = new Uint8Array(16384);
  for (let i = 0; i < 16384; i++) table[i] = encodeFourteenBit(i - 8192);
  return table;
})();

export function ulawEncodeSample(sample: number): number {
  return ULAW_ENCODE[(sample >> 2) + 8192]!;
}

export function ulawEncode(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = ULAW_ENCODE[(pcm[i]! >> 2) + 8192]!;
  return out;
}

export function ulawDecode(payload: Uint8Array): Int16Array {
  const out = new Int16Array(payload.length);
  for (let i = 0; i < payload.length; i++) out[i] = ULAW_DECODE[payload[i]!]!;
  return out;
}
