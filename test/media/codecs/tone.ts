/** Test signal helpers shared by the codec tests. */
export function sine(n: number, rate: number, hz: number, amplitude: number, phase = 0): Int16Array {
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate + phase));
  return out;
}

/** SNR in dB of `y` against `x` delayed by `delay` samples, over [from, x.length). */
export function snrDb(x: Int16Array, y: Int16Array, delay: number, from: number): number {
  let signal = 0;
  let noise = 0;
  for (let i = from; i < y.length; i++) {
    const ref = x[i - delay]!;
    signal += ref * ref;
    noise += (ref - y[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

/** The delay (0..maxDelay) that best aligns y with x, by cross-correlation. */
export function bestDelay(x: Int16Array, y: Int16Array, maxDelay: number, from: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let d = 0; d <= maxDelay; d++) {
    let c = 0;
    for (let i = from; i < y.length; i++) c += x[i - d]! * y[i]!;
    if (c > bestScore) {
      bestScore = c;
      best = d;
    }
  }
  return best;
}

/** Runs pcm through encode/decode in frames of `frame` samples. */
export function roundTrip(codec: { encode(p: Int16Array): Uint8Array; decode(b: Uint8Array): Int16Array }, pcm: Int16Array, frame: number): Int16Array {
  const out = new Int16Array(pcm.length);
  for (let at = 0; at + frame <= pcm.length; at += frame) out.set(codec.decode(codec.encode(pcm.subarray(at, at + frame))), at);
  return out;
}
