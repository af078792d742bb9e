// Windowed-sinc low-pass design with a Kaiser window (Oppenheim & Schafer §7.6).

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x / 2) * (x / 2);
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

/**
 * A linear-phase low-pass FIR of `length` taps with cutoff `cutoff` (cycles per sample,
 * 0 < cutoff < 0.5) and Kaiser parameter `beta` (8.6 gives about 90 dB of stopband).
 * Taps are scaled so that they sum to `gain`.
 */
export function kaiserLowpass(length: number, cutoff: number, beta: number, gain = 1): Float64Array {
  const h = new Float64Array(length);
  const mid = (length - 1) / 2;
  const norm = besselI0(beta);
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const t = i - mid;
    const sinc = t === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
    const r = mid === 0 ? 0 : t / mid;
    const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
    h[i] = sinc * w;
    sum += h[i]!;
  }
  for (let i = 0; i < length; i++) h[i] = (h[i]! * gain) / sum;
  return h;
}
