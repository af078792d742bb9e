// ITU-T G.711 A-law (Table 1a), on the 13-bit scale with one's-complement magnitudes for
// negative input as in the ITU-T G.191 reference; even bits inverted on the line (XOR 0x55).

/** A-law code → 16-bit linear sample. */
export const ALAW_DECODE: Int16Array = (() => {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) {
    const bits = (code ^ 0x55) & 0x7f;
    const exponent = bits >> 4;
    let mantissa = bits & 0x0f;
    if (exponent > 0) mantissa += 16;
    mantissa = (mantissa << 4) + 8; // decision value at the middle of the interval
    if (exponent > 1) mantissa <<= exponent - 1;
    table[code] = code & 0x80 ? mantissa : -mantissa;
  }
  return table;
})();

function encodeTwelveBit(value12: number): number {
  // value12 is the 16-bit sample shifted right by 4 (floor); negatives use one's complement.
  const negative = value12 < 0;
  let magnitude = negative ? ~value12 : value12;
  if (magnitude > 15) {
    let exponent = 1;
    while (magnitude > 16 + 15) {
      magnitude >>= 1;
      exponent++;
    }
    magnitude = magnitude - 16 + (exponent << 4);
  }
  return (negative ? magnitude : magnitude | 0x80) ^ 0x55;
}

/** Index (sample >> 4) + 2048 → A-law code. */
const ALAW_ENCODE: Uint8Array = (() => {
  const table = new Uint8Array(4096);
  for (let i = 0; i < 4096; i++) table[i] = encodeTwelveBit(i - 2048);
  return table;
})();

export function alawEncodeSample(sample: number): number {
  return ALAW_ENCODE[(sample >> 4) + 2048]!;
}

export function alawEncode(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = ALAW_ENCODE[(pcm[i]! >> 4) + 2048]!;
  return out;
}

export function alawDecode(payload: Uint8Array): Int16Array {
  const out = new Int16Array(payload.length);
  for (let i = 0; i < payload.length; i++) out[i] = ALAW_DECODE[payload[i]!]!;
  return out;
}
