import { describe, expect, it } from 'vitest';
import { decodeDeviceFrame, DEVICE_FRAME_BYTES, encodeDeviceFrame, FRAME_SAMPLES } from '../../../main/media/audio';

describe('device wire frame (20 ms, 48 kHz, Int16 little-endian)', () => {
  it('round-trips samples, full scale included', () => {
    const frame = new Int16Array(FRAME_SAMPLES);
    frame[0] = 32767;
    frame[1] = -32768;
    frame[959] = -2;
    const bytes = encodeDeviceFrame(frame);
    expect(bytes.byteLength).toBe(DEVICE_FRAME_BYTES);
    expect(new Uint8Array(bytes).subarray(0, 4)).toEqual(new Uint8Array([0xff, 0x7f, 0x00, 0x80]));
    expect(decodeDeviceFrame(bytes)).toEqual(frame);
  });

  it('reads a view at an offset (a Node Buffer from the WebSocket)', () => {
    const big = Buffer.alloc(DEVICE_FRAME_BYTES + 6);
    big.writeInt16LE(-1234, 6);
    const frame = decodeDeviceFrame(big.subarray(6));
    expect(frame).toBeInstanceOf(Int16Array);
    expect((frame as Int16Array)[0]).toBe(-1234);
  });

  it('names the fault for anything else', () => {
    expect(decodeDeviceFrame('x'.repeat(DEVICE_FRAME_BYTES))).toBe('not-binary');
    expect(decodeDeviceFrame(undefined)).toBe('not-binary');
    expect(decodeDeviceFrame([1, 2, 3])).toBe('not-binary');
    expect(decodeDeviceFrame(new ArrayBuffer(0))).toBe('wrong-size');
    expect(decodeDeviceFrame(new Float32Array(FRAME_SAMPLES))).toBe('wrong-size');
    expect(decodeDeviceFrame(new Int16Array(FRAME_SAMPLES + 1))).toBe('wrong-size');
  });
});
