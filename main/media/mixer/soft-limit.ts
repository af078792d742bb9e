/** Where the limiter starts bending: about −2.5 dBFS. Sums below it pass unchanged. */
export const LIMIT_KNEE = 24576;
const ROOM = 32767 - LIMIT_KNEE;

/**
 * Clipping protection for a sum of voices: identity up to the knee, then a tanh curve that
 * approaches full scale without reaching it, so loud overlaps soften instead of wrapping or
 * flattening into a square wave. Monotonic; the result always fits 16 bits.
 */
export function softLimit(x: number): number {
  const a = x < 0 ? -x : x;
  if (a <= LIMIT_KNEE) return Math.round(x);
  const y = Math.round(LIMIT_KNEE + ROOM * Math.tanh((a - LIMIT_KNEE) / ROOM));
  return x < 0 ? -y : y;
}
