/**
 * Audio framing shared by the AudioWorklet and its tests (plain TypeScript, no DOM).
 *
 * The engine's device frame: 20 ms of 48 kHz mono PCM, 960 signed 16-bit little-endian
 * samples, 1920 bytes in one ArrayBuffer (see main/media/audio/device-frame.ts). Int16 halves
 * the bytes on the port and the WebSocket compared with Float32 and is what the engine's codecs
 * take; the worklet converts at its edges.
 */
export const DEVICE_RATE = 48000;
export const FRAME_SAMPLES = 960;
export const FRAME_BYTES = FRAME_SAMPLES * 2;

/** Float samples (−1…1) to one wire frame, clamped. */
export function encodeFrame(samples: Float32Array): ArrayBuffer {
  const buffer = new ArrayBuffer(FRAME_BYTES);
  const view = new DataView(buffer);
  for (let i = 0; i < FRAME_SAMPLES; i++) {
    const x = samples[i] ?? 0;
    const s = x >= 1 ? 32767 : x <= -1 ? -32768 : Math.round(x * 32767);
    view.setInt16(i * 2, Number.isFinite(s) ? s : 0, true);
  }
  return buffer;
}

/** One wire frame to float samples, or null when it is not exactly a frame. */
export function decodeFrame(data: unknown): Float32Array | null {
  if (!(data instanceof ArrayBuffer) || data.byteLength !== FRAME_BYTES) return null;
  const view = new DataView(data);
  const out = new Float32Array(FRAME_SAMPLES);
  for (let i = 0; i < FRAME_SAMPLES; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/**
 * A streaming linear-interpolation resampler (voice band only; the engine resamples again
 * with its own filters for the codecs). Keeps its phase and last sample across blocks.
 */
export class LinearResampler {
  private readonly step: number;
  private pos = 0;
  private last = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    if (!(fromRate > 0 && toRate > 0)) throw new RangeError('sample rates must be positive');
    this.step = fromRate / toRate;
  }

  /** Resamples one block; output length varies by at most one sample from block to block. */
  process(input: Float32Array): Float32Array {
    if (this.fromRate === this.toRate) return input.slice();
    const out: number[] = [];
    // pos is measured from the sample before input[0] (this.last at index −1).
    while (this.pos < input.length) {
      const i = Math.floor(this.pos);
      const frac = this.pos - i;
      const a = i === 0 ? this.last : input[i - 1]!;
      const b = input[i]!;
      out.push(a + (b - a) * frac);
      this.pos += this.step;
    }
    this.pos -= input.length;
    if (input.length > 0) this.last = input[input.length - 1]!;
    return Float32Array.from(out);
  }
}

/** Gathers the microphone's render quanta (128 samples at the context rate) into 20 ms 48 kHz frames. */
export class FrameAssembler {
  private readonly resampler: LinearResampler;
  private readonly pending = new Float32Array(FRAME_SAMPLES);
  private filled = 0;

  constructor(contextRate: number) {
    this.resampler = new LinearResampler(contextRate, DEVICE_RATE);
  }

  /** Adds a block; returns the complete frames it finished (usually none or one). */
  push(block: Float32Array): ArrayBuffer[] {
    const frames: ArrayBuffer[] = [];
    const samples = this.resampler.process(block);
    let offset = 0;
    while (offset < samples.length) {
      const n = Math.min(FRAME_SAMPLES - this.filled, samples.length - offset);
      this.pending.set(samples.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === FRAME_SAMPLES) {
        frames.push(encodeFrame(this.pending));
        this.filled = 0;
      }
    }
    return frames;
  }
}

export interface PlayoutOptions {
  /** Frames held before playing starts, and again after running dry (default 3, 60 ms). */
  prime?: number;
  /** Beyond this many frames waiting the oldest go, back down to `prime` (default 10, 200 ms). */
  max?: number;
}

/**
 * The speaker side: a small jitter buffer of 20 ms frames from the engine, played out in
 * render quanta at the context rate. It starts after `prime` frames, plays silence when dry
 * (and primes again), and drops the oldest frames when the engine gets far ahead.
 */
export class PlayoutBuffer {
  readonly stats = { frames: 0, dropped: 0, underruns: 0, invalid: 0 };
  private readonly resampler: LinearResampler;
  private readonly prime: number;
  private readonly max: number;
  private queue: Float32Array[] = [];
  private current: Float32Array = new Float32Array(0);
  private offset = 0;
  private playing = false;

  constructor(contextRate: number, options: PlayoutOptions = {}) {
    this.resampler = new LinearResampler(DEVICE_RATE, contextRate);
    this.prime = options.prime ?? 3;
    this.max = options.max ?? 10;
  }

  /** Frames waiting (not counting the one being played). */
  get depth(): number {
    return this.queue.length;
  }

  /** A frame from the engine; anything that is not a frame is counted and ignored. */
  push(data: unknown): void {
    const frame = decodeFrame(data);
    if (!frame) {
      this.stats.invalid++;
      return;
    }
    this.stats.frames++;
    this.queue.push(this.resampler.process(frame));
    if (this.queue.length > this.max) {
      const drop = this.queue.length - this.prime;
      this.queue.splice(0, drop);
      this.stats.dropped += drop;
    }
    if (!this.playing && this.queue.length >= this.prime) this.playing = true;
  }

  /** Fills `out` (one render quantum) with what plays next, silence when there is nothing. */
  pull(out: Float32Array): void {
    let written = 0;
    while (written < out.length) {
      if (this.offset >= this.current.length) {
        const next = this.playing ? this.queue.shift() : undefined;
        if (!next) {
          if (this.playing) this.stats.underruns++;
          this.playing = false;
          out.fill(0, written);
          return;
        }
        this.current = next;
        this.offset = 0;
      }
      const n = Math.min(out.length - written, this.current.length - this.offset);
      out.set(this.current.subarray(this.offset, this.offset + n), written);
      written += n;
      this.offset += n;
    }
  }
}

/** RMS of a block in dBFS (−100 for silence), for the level meter. */
export function levelDbfs(block: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i]! * block[i]!;
  const rms = Math.sqrt(sum / Math.max(1, block.length));
  return rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100;
}
