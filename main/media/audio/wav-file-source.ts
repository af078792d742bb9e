import type { AudioSource } from './audio-source';
import { DEVICE_RATE, FRAME_SAMPLES } from './frame';
import { Resampler } from './resampler';
import { toMono, type WavAudio } from './wav-format';
import { readWavFile } from './wav-reader';

export interface WavFileSourceOptions {
  /** Start again from the beginning at the end (default false: read() returns null). */
  loop?: boolean;
}

/**
 * Plays a WAV file as 48 kHz mono frames: stereo is mixed down, other rates are resampled.
 * The last frame is padded with silence. The file is read whole at open.
 */
export class WavFileSource implements AudioSource {
  private readonly pcm: Int16Array;
  private readonly resampler: Resampler | undefined;
  private readonly loop: boolean;
  private readAt = 0;
  private pending: Int16Array = new Int16Array(0);
  private ended = false;
  private flushed = false;
  /** Output samples still to drop so the resampler's delay does not shift the file. */
  private leadingToDrop: number;
  /** Samples a single pass yields at 48 kHz, and how many this pass has emitted. */
  private readonly passLength: number;
  private emitted = 0;
  readonly sourceRate: number;

  constructor(pathOrAudio: string | WavAudio, options: WavFileSourceOptions = {}) {
    const audio = typeof pathOrAudio === 'string' ? readWavFile(pathOrAudio) : pathOrAudio;
    this.sourceRate = audio.sampleRate;
    this.pcm = toMono(audio);
    this.loop = options.loop ?? false;
    this.resampler = audio.sampleRate === DEVICE_RATE ? undefined : new Resampler(audio.sampleRate, DEVICE_RATE);
    this.leadingToDrop = this.resampler ? Math.round(this.resampler.delay) : 0;
    this.passLength = Math.round((this.pcm.length * DEVICE_RATE) / audio.sampleRate);
  }

  read(): Int16Array | null {
    if (this.ended) return null;
    // Pull source samples until a whole frame at 48 kHz is ready.
    const chunk = Math.max(1, Math.ceil((FRAME_SAMPLES * this.sourceRate) / DEVICE_RATE));
    while (this.pending.length < FRAME_SAMPLES) {
      if (this.readAt >= this.pcm.length) {
        if (this.loop && this.pcm.length > 0) {
          this.readAt = 0;
        } else {
          // Push the filter's delay line out so the file's last samples are heard, no further.
          if (this.resampler && !this.flushed) this.append(this.resampler.process(new Int16Array(this.resampler.tapsPerPhase)));
          this.flushed = true;
          const room = Math.max(0, this.passLength - (this.emitted - this.pending.length));
          if (this.pending.length > room) this.pending = this.pending.slice(0, room);
          break;
        }
      }
      const input = this.pcm.subarray(this.readAt, Math.min(this.pcm.length, this.readAt + chunk));
      this.readAt += input.length;
      this.append(this.resampler ? this.resampler.process(input) : input);
    }
    if (this.pending.length === 0) {
      this.ended = true;
      return null;
    }
    const frame = new Int16Array(FRAME_SAMPLES);
    frame.set(this.pending.subarray(0, FRAME_SAMPLES));
    this.pending = this.pending.slice(Math.min(FRAME_SAMPLES, this.pending.length));
    if (this.flushed && this.pending.length === 0) this.ended = true;
    return frame;
  }

  close(): void {
    this.ended = true;
  }

  private append(produced: Int16Array): void {
    let samples = produced;
    if (this.leadingToDrop > 0) {
      const drop = Math.min(this.leadingToDrop, samples.length);
      this.leadingToDrop -= drop;
      samples = samples.subarray(drop);
    }
    this.emitted += samples.length;
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    this.pending = joined;
  }
}
