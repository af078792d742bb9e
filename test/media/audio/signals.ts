/** A sine of `n` samples. */
export function sine(n: number, rate: number, hz: number, amplitude: number): Int16Array {
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  return out;
}

/** Runs `x` through `process` in chunks of `chunk` samples and joins the outputs. */
export function chunked(process: (x: Int16Array) => Int16Array, x: Int16Array, chunk: number): Int16Array {
  const parts: Int16Array[] = [];
  for (let at = 0; at < x.length; at += chunk) parts.push(process(x.subarray(at, Math.min(x.length, at + chunk))));
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
