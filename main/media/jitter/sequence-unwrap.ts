/**
 * Extends 16-bit sequence numbers and 32-bit timestamps to plain numbers around a reference
 * (RFC 3550 §A.1: the closest interpretation wins), so ordering survives wrap-around.
 */
export function unwrap(value: number, reference: number, bits: 16 | 32): number {
  const mod = bits === 16 ? 0x10000 : 0x100000000;
  const half = mod / 2;
  const base = ((reference % mod) + mod) % mod;
  let diff = (value - base + mod) % mod;
  if (diff >= half) diff -= mod;
  return reference + diff;
}
