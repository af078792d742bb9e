import type { AudioSource } from './audio-source';
import { DEVICE_RATE, FRAME_SAMPLES, toInt16 } from './frame';

export interface ToneOptions {
  /** Level of the sine in dBFS (RMS relative to a full-scale sine's peak); default −12. */
  levelDbfs?: number;
  sampleRate?: number;
}

/** An endless sine, phase-continuous across frames. */
export class ToneSource implements AudioSource {
  private phase = 0;
  private readonly step: number;
  private readonly amplitude: number;

  constructor(
    readonly frequency: number,
    options: ToneOptions = {},
  ) {
    const rate = options.sampleRate ?? DEVICE_RATE;
    if (!(frequency > 0 && frequency < rate / 2)) throw new RangeError(`tone ${frequency} Hz is outside 0–${rate / 2} Hz`);
    this.step = (2 * Math.PI * frequency) / rate;
    this.amplitude = 32767 * 10 ** ((options.levelDbfs ?? -12) / 20);
  }

  read(): Int16Array {
    const out = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < out.length; i++) {
      out[i] = toInt16(this.amplitude * Math.sin(this.phase));
      this.phase += this.step;
    }
    this.phase %= 2 * Math.PI;
    return out;
  }

  close(): void {}
}
