import type { AudioSink } from './audio-source';
import { DEVICE_RATE } from './frame';
import { Resampler } from './resampler';
import { WavWriter } from './wav-writer';

export interface WavFileSinkOptions {
  /** Rate of the file; frames are resampled from 48 kHz when it differs. Default 48000. */
  sampleRate?: number;
}

/** Records 48 kHz frames into a mono WAV file, readable even if the process is killed. */
export class WavFileSink implements AudioSink {
  private readonly writer: WavWriter;
  private readonly resampler: Resampler | undefined;

  constructor(
    readonly path: string,
    options: WavFileSinkOptions = {},
  ) {
    const rate = options.sampleRate ?? DEVICE_RATE;
    this.writer = new WavWriter(path, { sampleRate: rate, channels: 1 });
    this.resampler = rate === DEVICE_RATE ? undefined : new Resampler(DEVICE_RATE, rate);
  }

  write(frame: Int16Array): void {
    this.writer.write(this.resampler ? this.resampler.process(frame) : frame);
  }

  close(): void {
    this.writer.close();
  }
}
