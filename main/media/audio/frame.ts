/** The media engine's frame: 20 ms of 16-bit mono PCM at the device rate. */
export const DEVICE_RATE = 48000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (DEVICE_RATE * FRAME_MS) / 1000;

/** Rounds and clamps a float sample to 16 bits. */
export function toInt16(x: number): number {
  const r = Math.round(x);
  return r > 32767 ? 32767 : r < -32768 ? -32768 : r;
}
