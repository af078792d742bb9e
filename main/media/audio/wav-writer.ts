import fs from 'node:fs';
import os from 'node:os';
import { AudioFrameError } from './errors';
import { wavHeader, WAV_HEADER_BYTES } from './wav-format';
import type { WavAudio } from './wav-format';

export interface WavWriterOptions {
  sampleRate: number;
  channels?: 1 | 2;
  /** Rewrite the header sizes after this many seconds of new audio (default 1), so a killed process leaves a readable file. */
  headerRefreshSeconds?: number;
}

/**
 * Streams 16-bit PCM into a WAV file. The header's sizes are rewritten in place every
 * `headerRefreshSeconds` and on close(); if the process dies in between, the file is still
 * valid up to the last refresh, and readers that trust the file length get everything.
 * Writes are synchronous: 20 ms frames are a few kilobytes.
 */
export class WavWriter {
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  private fd: number | undefined;
  private dataBytes = 0;
  private bytesAtRefresh = 0;
  private readonly refreshBytes: number;

  constructor(
    readonly path: string,
    options: WavWriterOptions,
  ) {
    this.sampleRate = options.sampleRate;
    this.channels = options.channels ?? 1;
    if (!(Number.isInteger(this.sampleRate) && this.sampleRate > 0)) throw new RangeError(`bad WAV sample rate ${this.sampleRate}`);
    this.refreshBytes = Math.max(1, Math.round((options.headerRefreshSeconds ?? 1) * this.sampleRate * this.channels * 2));
    this.fd = fs.openSync(path, 'w');
    fs.writeSync(this.fd, wavHeader(this.sampleRate, this.channels, 0), 0, WAV_HEADER_BYTES, 0);
  }

  /** Bytes of sample data written so far. */
  get bytesWritten(): number {
    return this.dataBytes;
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  /** Appends interleaved samples. */
  write(samples: Int16Array): void {
    if (this.fd === undefined) throw new Error(`WAV writer for ${this.path} is closed`);
    if (samples.length % this.channels !== 0) throw new AudioFrameError(`${samples.length} samples do not fill whole ${this.channels}-channel frames`);
    const bytes = littleEndianBytes(samples);
    fs.writeSync(this.fd, bytes, 0, bytes.length, WAV_HEADER_BYTES + this.dataBytes);
    this.dataBytes += bytes.length;
    if (this.dataBytes - this.bytesAtRefresh >= this.refreshBytes) this.refreshHeader();
  }

  /** Rewrites the RIFF and data sizes for what has been written. */
  refreshHeader(): void {
    if (this.fd === undefined) return;
    fs.writeSync(this.fd, wavHeader(this.sampleRate, this.channels, this.dataBytes), 0, WAV_HEADER_BYTES, 0);
    this.bytesAtRefresh = this.dataBytes;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.refreshHeader();
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

const HOST_LE = os.endianness() === 'LE';

function littleEndianBytes(samples: Int16Array): Buffer {
  if (HOST_LE) return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, 2 * i);
  return bytes;
}

/** Writes a whole WAV file at once. */
export function writeWavFile(path: string, audio: Pick<WavAudio, 'sampleRate' | 'channels' | 'samples'>): void {
  const w = new WavWriter(path, { sampleRate: audio.sampleRate, channels: audio.channels });
  try {
    w.write(audio.samples);
  } finally {
    w.close();
  }
}
