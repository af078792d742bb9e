// RIFF/WAVE with a PCM fmt chunk (Microsoft "Multimedia Programming Interface and Data
// Specifications 1.0", WAVE form): 16-bit little-endian samples, interleaved channels.

export const WAVE_FORMAT_PCM = 1;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
export const WAV_HEADER_BYTES = 44;

/** A decoded WAV file: interleaved 16-bit samples. */
export interface WavAudio {
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  /** Interleaved samples; length is frames × channels. */
  readonly samples: Int16Array;
  /** The data chunk claimed more bytes than the file holds (a writer stopped early). */
  readonly truncated: boolean;
}

/** The canonical 44-byte header for `dataBytes` of 16-bit PCM. */
export function wavHeader(sampleRate: number, channels: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28); // byte rate
  h.writeUInt16LE(channels * 2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, dataBytes), 40);
  return h;
}

/** Mixes interleaved stereo down to mono (mean of the channels); mono is returned as is. */
export function toMono(audio: WavAudio): Int16Array {
  if (audio.channels === 1) return audio.samples;
  const frames = audio.samples.length >> 1;
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i++) out[i] = (audio.samples[2 * i]! + audio.samples[2 * i + 1]!) >> 1;
  return out;
}
