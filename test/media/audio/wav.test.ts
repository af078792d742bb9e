import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWav, readWavFile, wavHeader, WavFormatError, WavWriter, writeWavFile } from '../../../main/media/audio';
import { tempDir } from '../../helpers/temp-dir';
import { sine } from './signals';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/audio');

function pcmBytes(samples: Int16Array): Buffer {
  const b = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => b.writeInt16LE(s, 2 * i));
  return b;
}

/** A WAV made chunk by chunk, for malformed variants. */
function riff(chunks: [string, Buffer][], form = 'WAVE'): Buffer {
  const body = Buffer.concat(
    chunks.flatMap(([id, data]) => {
      const head = Buffer.alloc(8);
      head.write(id, 0, 'ascii');
      head.writeUInt32LE(data.length, 4);
      return data.length % 2 ? [head, data, Buffer.alloc(1)] : [head, data];
    }),
  );
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(4 + body.length, 4);
  head.write(form, 8, 'ascii');
  return Buffer.concat([head, body]);
}

function fmt(o: { format?: number; channels?: number; rate?: number; byteRate?: number; align?: number; bits?: number } = {}): Buffer {
  const channels = o.channels ?? 1;
  const rate = o.rate ?? 8000;
  const b = Buffer.alloc(16);
  b.writeUInt16LE(o.format ?? 1, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE(o.byteRate ?? rate * channels * 2, 8);
  b.writeUInt16LE(o.align ?? channels * 2, 12);
  b.writeUInt16LE(o.bits ?? 16, 14);
  return b;
}

function reason(bytes: Buffer): string {
  try {
    parseWav(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(WavFormatError);
    return (e as WavFormatError).reason;
  }
  return 'parsed';
}

describe('WAV read/write', () => {
  it('round-trips mono and stereo at any rate', () => {
    const dir = tempDir();
    for (const [rate, channels] of [
      [8000, 1],
      [44100, 2],
      [11025, 1],
      [48000, 2],
    ] as const) {
      const samples = sine(rate / 10, rate, 440, 20000);
      const file = path.join(dir, `${rate}-${channels}.wav`);
      writeWavFile(file, { sampleRate: rate, channels, samples });
      const back = readWavFile(file);
      expect(back).toEqual({ sampleRate: rate, channels, samples, truncated: false });
      expect(fs.statSync(file).size).toBe(44 + samples.length * 2);
    }
  });

  it('reads a file written by sox (16 kHz stereo) and skips unknown chunks', () => {
    const audio = readWavFile(path.join(FIXTURES, 'tone-440hz-16k-stereo.wav'));
    expect(audio.sampleRate).toBe(16000);
    expect(audio.channels).toBe(2);
    expect(audio.samples.length).toBe(1600 * 2);
    const withList = riff([
      ['fmt ', fmt({ rate: 16000 })],
      ['LIST', Buffer.from('INFOISFT\x03\x00\x00\x00ab\x00')], // odd size: padded
      ['data', pcmBytes(Int16Array.from([1, -2, 3]))],
    ]);
    expect(Array.from(parseWav(withList).samples)).toEqual([1, -2, 3]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with a PCM sub-format', () => {
    const ext = Buffer.alloc(40);
    fmt().copy(ext);
    ext.writeUInt16LE(0xfffe, 0);
    ext.writeUInt16LE(22, 16); // cbSize
    ext.writeUInt16LE(16, 18); // valid bits
    ext.writeUInt16LE(1, 24); // sub-format GUID starts with the PCM tag
    expect(Array.from(parseWav(riff([['fmt ', ext], ['data', pcmBytes(Int16Array.from([7]))]])).samples)).toEqual([7]);
  });

  it.each([
    ['too-short', Buffer.from('RIFF')],
    ['not-riff', Buffer.concat([Buffer.from('RIFX'), Buffer.alloc(40)])],
    ['not-wave', riff([['fmt ', fmt()]], 'AVI ')],
    ['no-fmt', riff([['data', Buffer.alloc(4)]])],
    ['no-fmt', riff([['LIST', Buffer.alloc(4)]])],
    ['no-data', riff([['fmt ', fmt()]])],
    ['bad-fmt', riff([['fmt ', Buffer.alloc(10)], ['data', Buffer.alloc(4)]])],
    ['unsupported-format', riff([['fmt ', fmt({ format: 3, bits: 32, align: 4, byteRate: 32000 })], ['data', Buffer.alloc(4)]])],
    ['unsupported-format', riff([['fmt ', fmt({ bits: 8, align: 1, byteRate: 8000 })], ['data', Buffer.alloc(4)]])],
    ['unsupported-format', riff([['fmt ', fmt({ channels: 6 })], ['data', Buffer.alloc(12)]])],
    ['bad-fmt', riff([['fmt ', fmt({ rate: 0 })], ['data', Buffer.alloc(4)]])],
    ['bad-fmt', riff([['fmt ', fmt({ align: 3 })], ['data', Buffer.alloc(4)]])],
    ['bad-fmt', riff([['fmt ', fmt({ byteRate: 1234 })], ['data', Buffer.alloc(4)]])],
  ])('rejects a malformed file: %s', (expected, bytes) => {
    expect(reason(bytes)).toBe(expected);
  });

  it('rejects a fmt chunk that runs past the end of the file', () => {
    const bytes = riff([['fmt ', fmt()]]);
    bytes.writeUInt32LE(1000, 16);
    expect(reason(bytes)).toBe('bad-chunk');
  });

  it('rejects the 8-bit and float files sox writes, with a message that says why', () => {
    expect(() => readWavFile(path.join(FIXTURES, 'tone-8bit.wav'))).toThrow(/8-bit samples; only 16-bit PCM/);
    expect(() => readWavFile(path.join(FIXTURES, 'tone-float.wav'))).toThrow(/format tag 3 is not PCM/);
  });

  it('reads a cut-off data chunk up to the last whole frame and says it was truncated', () => {
    const full = riff([['fmt ', fmt({ channels: 2, rate: 8000 })], ['data', pcmBytes(Int16Array.from([1, 2, 3, 4, 5, 6]))]]);
    const cut = full.subarray(0, full.length - 3);
    const audio = parseWav(cut);
    expect(audio.truncated).toBe(true);
    expect(Array.from(audio.samples)).toEqual([1, 2, 3, 4]);
  });

  it('reads to the end of the file when the data size is a streaming placeholder', () => {
    for (const placeholder of [0, 0xffffffff]) {
      const bytes = Buffer.concat([wavHeader(8000, 1, 0), pcmBytes(Int16Array.from([9, 8, 7]))]);
      bytes.writeUInt32LE(placeholder, 40);
      expect(parseWav(bytes)).toMatchObject({ truncated: false, samples: Int16Array.from([9, 8, 7]) });
    }
  });
});

describe('WavWriter', () => {
  it('streams frames and fixes the sizes on close', () => {
    const file = path.join(tempDir(), 'stream.wav');
    const w = new WavWriter(file, { sampleRate: 16000 });
    for (let k = 0; k < 10; k++) w.write(sine(320, 16000, 500, 1000));
    expect(w.bytesWritten).toBe(6400);
    w.close();
    w.close();
    expect(w.closed).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.readUInt32LE(4)).toBe(36 + 6400);
    expect(bytes.readUInt32LE(40)).toBe(6400);
    expect(readWavFile(file).samples.length).toBe(3200);
    expect(() => w.write(new Int16Array(2))).toThrow(/closed/);
  });

  it('leaves a valid header every second, so a killed writer leaves a readable file', () => {
    const file = path.join(tempDir(), 'killed.wav');
    const w = new WavWriter(file, { sampleRate: 8000 });
    for (let k = 0; k < 60; k++) w.write(sine(160, 8000, 300, 1000)); // 1.2 s, never closed
    const bytes = fs.readFileSync(file);
    expect(bytes.readUInt32LE(40)).toBe(16000); // refreshed at the 1 s mark
    const audio = parseWav(bytes);
    expect(audio.truncated).toBe(false);
    expect(audio.samples.length).toBe(8000);
    w.close();
    expect(readWavFile(file).samples.length).toBe(9600);
  });

  it('rejects stereo writes that split a frame', () => {
    const w = new WavWriter(path.join(tempDir(), 's.wav'), { sampleRate: 8000, channels: 2 });
    expect(() => w.write(new Int16Array(3))).toThrow(/whole 2-channel frames/);
    w.close();
  });
});
