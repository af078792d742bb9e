import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dominantFrequency, FRAME_SAMPLES, hasTone, ToneSource } from '../../../main/media/audio';
import { decodeOggOpus, OggFormatError, OggOpusWriter, readOggPackets } from '../../../main/services/voicemail';
import { oggCrc } from '../../../main/services/voicemail/ogg-page';
import { tempDir } from '../../helpers/temp-dir';

function record(file: string, frames: number, hz = 440): { bytes: number; durationMs: number } {
  const w = new OggOpusWriter(file);
  const tone = new ToneSource(hz);
  for (let i = 0; i < frames; i++) w.write(tone.read());
  return w.finish();
}

describe('Ogg Opus voicemail files (RFC 7845, RFC 3533)', () => {
  it('computes the Ogg CRC-32 (polynomial 0x04c11db7, no reflection)', () => {
    // The unreflected CRC-32/MPEG-2 family with init 0 and no final XOR: "123456789" → 0x89a1897f.
    expect(oggCrc(Buffer.from('123456789'))).toBe(0x89a1897f);
  });

  it('round-trips a tone: headers, pages, granule position, length and pitch', () => {
    const file = path.join(tempDir(), 'm.opus');
    const r = record(file, 150);
    expect(r.durationMs).toBe(3000);
    expect(fs.existsSync(`${file}.part`)).toBe(false);
    const data = fs.readFileSync(file);
    expect(r.bytes).toBe(data.length);
    expect(data.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(data[5]).toBe(0x02); // BOS on the first page
    const { packets, lastGranule, complete } = readOggPackets(data);
    expect(Buffer.from(packets[0]!).subarray(0, 8).toString('latin1')).toBe('OpusHead');
    expect(Buffer.from(packets[1]!).subarray(0, 8).toString('latin1')).toBe('OpusTags');
    // The headers, 150 frames, and one frame of silence that flushes the encoder's look-ahead.
    expect(packets.length).toBe(153);
    expect(complete).toBe(true);
    expect(lastGranule).toBe(BigInt(312 + 150 * FRAME_SAMPLES));
    const pcm = decodeOggOpus(data);
    expect(pcm.sampleRate).toBe(48000);
    expect(pcm.samples.length).toBe(150 * FRAME_SAMPLES);
    const middle = pcm.samples.subarray(48000, 96000);
    expect(Math.abs(dominantFrequency(middle, 48000) - 440)).toBeLessThan(5);
    expect(hasTone(middle, 48000, 440, 0.9)).toBe(true);
  });

  it('refuses a damaged file by name, and an aborted recording leaves nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'm.opus');
    record(file, 20);
    const data = fs.readFileSync(file);
    const flipped = Buffer.from(data);
    flipped[flipped.length - 3]! ^= 0xff;
    expect(() => decodeOggOpus(flipped)).toThrow(/CRC/);
    expect(() => decodeOggOpus(data.subarray(0, data.length - 5))).toThrow(OggFormatError);
    expect(() => decodeOggOpus(Buffer.from('not ogg at all'))).toThrow(/no Ogg page/);
    const w = new OggOpusWriter(path.join(dir, 'x.opus'));
    w.write(new Int16Array(FRAME_SAMPLES));
    w.abort();
    expect(fs.readdirSync(dir)).toEqual(['m.opus']);
  });
});
