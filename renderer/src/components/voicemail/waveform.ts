/**
 * Peaks of a 16-bit little-endian PCM WAV for drawing: `bars` values in 0..1, the loudest
 * sample of each slice. Finds the `data` chunk by walking the RIFF chunks.
 */
export function wavPeaks(bytes: Uint8Array, bars: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  let start = -1;
  let length = 0;
  while (offset + 8 <= bytes.length) {
    const id = String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
    const size = view.getUint32(offset + 4, true);
    if (id === 'data') {
      start = offset + 8;
      length = Math.min(size, bytes.length - start);
      break;
    }
    offset += 8 + size + (size % 2);
  }
  const samples = start < 0 ? 0 : Math.floor(length / 2);
  if (samples === 0 || bars <= 0) return new Array<number>(Math.max(0, bars)).fill(0);
  const peaks: number[] = [];
  for (let b = 0; b < bars; b++) {
    const from = Math.floor((b * samples) / bars);
    const to = Math.max(from + 1, Math.floor(((b + 1) * samples) / bars));
    let peak = 0;
    for (let i = from; i < to && i < samples; i++) peak = Math.max(peak, Math.abs(view.getInt16(start + i * 2, true)));
    peaks.push(peak / 32768);
  }
  return peaks;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
