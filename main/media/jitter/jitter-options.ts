import { JitterConfigError } from './errors';

/** The part of an AudioCodec the buffer plays through. */
/** Every method returns a new array of its own: the buffer may hand it out as a frame. */
export interface JitterDecoder {
  /** Rate of the PCM decode() returns. */
  readonly sampleRate: number;
  decode(payload: Uint8Array): Int16Array;
  conceal(samples: number): Int16Array;
  /** Rebuilds a lost frame from the packet after it (Opus FEC); plain concealment otherwise. */
  recover(nextPayload: Uint8Array, samples: number): Int16Array;
  reset(): void;
}

export interface JitterBufferOptions {
  /** RTP timestamp rate of the stream. */
  clockRate: number;
  /** Milliseconds of audio each pull() returns; default 20. */
  frameMs?: number;
  /** Bounds of the playout delay, ms; default 20 and 200. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Arrival delays kept for the percentile estimate; default 200 packets (4 s of 20 ms packets). */
  window?: number;
  /** Percentile of the relative delays that must arrive in time; default 0.95. */
  percentile?: number;
  /** Consecutive concealed frames before the buffer plays silence instead; default 5. */
  maxConcealFrames?: number;
  /** Mean square under which a frame counts as quiet enough to drop or stretch; default −45 dBFS. */
  quietMeanSquare?: number;
}

export type ResolvedJitterOptions = Required<JitterBufferOptions>;

export function resolveJitterOptions(options: JitterBufferOptions): ResolvedJitterOptions {
  const resolved: ResolvedJitterOptions = {
    clockRate: options.clockRate,
    frameMs: options.frameMs ?? 20,
    minDelayMs: options.minDelayMs ?? 20,
    maxDelayMs: options.maxDelayMs ?? 200,
    window: options.window ?? 200,
    percentile: options.percentile ?? 0.95,
    maxConcealFrames: options.maxConcealFrames ?? 5,
    quietMeanSquare: options.quietMeanSquare ?? 32768 * 32768 * 10 ** (-45 / 10),
  };
  if (!(Number.isInteger(resolved.clockRate) && resolved.clockRate > 0)) throw new JitterConfigError(`clock rate ${resolved.clockRate} is not a positive integer`);
  if (!(resolved.frameMs > 0)) throw new JitterConfigError(`frame of ${resolved.frameMs} ms`);
  if (!(resolved.minDelayMs >= 0 && resolved.maxDelayMs >= resolved.minDelayMs)) {
    throw new JitterConfigError(`delay bounds ${resolved.minDelayMs}..${resolved.maxDelayMs} ms`);
  }
  if (!(resolved.percentile > 0 && resolved.percentile <= 1)) throw new JitterConfigError(`percentile ${resolved.percentile}`);
  if (!(resolved.window >= 2)) throw new JitterConfigError(`window of ${resolved.window} packets`);
  return resolved;
}
