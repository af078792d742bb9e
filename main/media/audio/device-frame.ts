import { FRAME_SAMPLES } from './frame';

/**
 * The audio device's wire frame, used over the desktop app's MessagePort and the web bridge's
 * WebSocket alike: exactly 20 ms of 48 kHz mono PCM as signed 16-bit little-endian integers,
 * 960 samples, 1920 bytes, nothing else (no header: the size is the type).
 */
export const DEVICE_FRAME_BYTES = FRAME_SAMPLES * 2;

/** Why a device frame was refused. */
export type DeviceFrameFault = 'not-binary' | 'wrong-size';

/**
 * Reads one frame from what a device sent: an ArrayBuffer or any view of exactly
 * DEVICE_FRAME_BYTES bytes. Anything else gives the fault instead; nothing throws.
 */
export function decodeDeviceFrame(data: unknown): Int16Array | DeviceFrameFault {
  let bytes: Uint8Array;
  if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else return 'not-binary';
  if (bytes.byteLength !== DEVICE_FRAME_BYTES) return 'wrong-size';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frame = new Int16Array(FRAME_SAMPLES);
  for (let i = 0; i < FRAME_SAMPLES; i++) frame[i] = view.getInt16(i * 2, true);
  return frame;
}

/** Writes one 20 ms frame as the device's wire frame (a fresh ArrayBuffer the caller may transfer). */
export function encodeDeviceFrame(frame: Int16Array): ArrayBuffer {
  const buffer = new ArrayBuffer(DEVICE_FRAME_BYTES);
  const view = new DataView(buffer);
  const n = Math.min(frame.length, FRAME_SAMPLES);
  for (let i = 0; i < n; i++) view.setInt16(i * 2, frame[i]!, true);
  return buffer;
}
