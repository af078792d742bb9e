import fs from 'node:fs';
import { WavFormatError } from './errors';
import { WAVE_FORMAT_EXTENSIBLE, WAVE_FORMAT_PCM, type WavAudio } from './wav-format';

/** KSDATAFORMAT_SUBTYPE_PCM: the first two bytes of the sub-format GUID carry the format tag. */
const EXTENSIBLE_MIN_FMT = 40;
/** Data sizes a streaming writer leaves when it never came back to fix them. */
const STREAMING_PLACEHOLDERS = new Set([0, 0xffffffff]);

/**
 * Parses a RIFF/WAVE file of 16-bit PCM, mono or stereo, any rate. Unknown chunks are skipped
 * (RIFF: chunks are word-aligned). A data chunk longer than the file is read up to the last
 * whole frame and reported as `truncated`; anything else malformed is a WavFormatError.
 */
export function parseWav(bytes: Uint8Array): WavAudio {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12) throw new WavFormatError('too-short', `a WAV file needs at least 12 bytes, this one has ${buf.length}`);
  if (buf.toString('ascii', 0, 4) !== 'RIFF') throw new WavFormatError('not-riff', 'not a RIFF file (no "RIFF" at the start)');
  if (buf.toString('ascii', 8, 12) !== 'WAVE') throw new WavFormatError('not-wave', 'a RIFF file, but not of form "WAVE"');

  let fmt: { channels: number; sampleRate: number } | undefined;
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (body + size > buf.length) throw new WavFormatError('bad-chunk', `the fmt chunk claims ${size} bytes past the end of the file`);
      fmt = readFmt(buf.subarray(body, body + size));
    } else if (id === 'data') {
      if (!fmt) throw new WavFormatError('no-fmt', 'the data chunk comes before any fmt chunk');
      const available = buf.length - body;
      const truncated = size > available && !STREAMING_PLACEHOLDERS.has(size);
      const length = STREAMING_PLACEHOLDERS.has(size) || size > available ? available : size;
      const blockAlign = fmt.channels * 2;
      const frames = Math.floor(length / blockAlign);
      const samples = new Int16Array(frames * fmt.channels);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(body + 2 * i);
      return { sampleRate: fmt.sampleRate, channels: fmt.channels as 1 | 2, samples, truncated };
    }
    at = body + size + (size & 1); // RIFF: odd-sized chunks carry a pad byte
  }
  if (!fmt) throw new WavFormatError('no-fmt', 'no fmt chunk');
  throw new WavFormatError('no-data', 'no data chunk');
}

function readFmt(chunk: Buffer): { channels: number; sampleRate: number } {
  if (chunk.length < 16) throw new WavFormatError('bad-fmt', `the fmt chunk has ${chunk.length} bytes, at least 16 are needed`);
  let format = chunk.readUInt16LE(0);
  const channels = chunk.readUInt16LE(2);
  const sampleRate = chunk.readUInt32LE(4);
  const byteRate = chunk.readUInt32LE(8);
  const blockAlign = chunk.readUInt16LE(12);
  const bits = chunk.readUInt16LE(14);
  if (format === WAVE_FORMAT_EXTENSIBLE) {
    if (chunk.length < EXTENSIBLE_MIN_FMT) throw new WavFormatError('bad-fmt', 'WAVE_FORMAT_EXTENSIBLE without its 40-byte fmt chunk');
    format = chunk.readUInt16LE(24);
  }
  if (format !== WAVE_FORMAT_PCM) throw new WavFormatError('unsupported-format', `format tag ${format} is not PCM (1); only 16-bit PCM is read`);
  if (bits !== 16) throw new WavFormatError('unsupported-format', `${bits}-bit samples; only 16-bit PCM is read`);
  if (channels !== 1 && channels !== 2) throw new WavFormatError('unsupported-format', `${channels} channels; only mono and stereo are read`);
  if (sampleRate === 0) throw new WavFormatError('bad-fmt', 'sample rate 0');
  if (blockAlign !== channels * 2) throw new WavFormatError('bad-fmt', `block align ${blockAlign} does not match ${channels} channel(s) of 16 bits`);
  if (byteRate !== sampleRate * blockAlign) throw new WavFormatError('bad-fmt', `byte rate ${byteRate} does not match ${sampleRate} Hz × ${blockAlign} bytes`);
  return { channels, sampleRate };
}

/** Reads and parses a WAV file. */
export function readWavFile(path: string): WavAudio {
  return parseWav(fs.readFileSync(path));
}
