import { Encoder } from '@evan/opus';
import { samplesFor, type AudioCodec } from './audio-codec';
import { CodecDisposedError, CodecFrameError } from './errors';
import { OPUS_DEFAULT_BITRATE, type OpusOptions } from './opus-options';
import { OpusWasmDecoder } from './opus-wasm';

const RATE = 48000;
/** RFC 6716 §2.1.4: frame durations 2.5, 5, 10, 20, 40, 60 ms at 48 kHz. */
const FRAME_SIZES = new Set([120, 240, 480, 960, 1920, 2880]);
/** Granularity of concealment: 2.5 ms. */
const PLC_STEP = 120;

/**
 * libopus: an encoder output of two bytes or less need not be transmitted (DTX).
 * The sender skips such payloads and the receiver conceals the gap (RFC 7587 §3.1.3).
 */
export function isOpusDtxPayload(payload: Uint8Array): boolean {
  return payload.length <= 2;
}

/**
 * Opus as opus/48000/2 (RFC 7587): mono 48 kHz PCM, 20 ms frames by default. Encoding uses
 * @evan/opus (native where it has a binary, else its wasm); decoding binds the package's
 * libopus wasm directly for FEC and PLC.
 */
export class OpusCodec implements AudioCodec {
  readonly name = 'opus';
  readonly clockRate = RATE;
  readonly sampleRate = RATE;
  readonly channels = 2; // RFC 7587 §7: always 2 in a=rtpmap, whatever is sent
  private encoder: Encoder | undefined;
  private decoder: OpusWasmDecoder | undefined;
  private lastFrame = 960;
  readonly options: Readonly<Required<OpusOptions>>;

  constructor(options: OpusOptions = {}) {
    const fec = options.fec ?? false;
    this.options = {
      bitrate: options.bitrate ?? OPUS_DEFAULT_BITRATE,
      fec,
      dtx: options.dtx ?? false,
      packetLossPercent: options.packetLossPercent ?? (fec ? 10 : 0),
      complexity: options.complexity ?? 5,
    };
    this.encoder = this.makeEncoder();
    this.decoder = new OpusWasmDecoder(RATE);
  }

  frameSamples(ptimeMs: number): number {
    return samplesFor(this.sampleRate, ptimeMs);
  }

  timestampIncrement(ptimeMs: number): number {
    return samplesFor(this.clockRate, ptimeMs);
  }

  /** A payload of two bytes or less is a DTX frame (see isOpusDtxPayload). */
  encode(pcm: Int16Array): Uint8Array {
    if (!FRAME_SIZES.has(pcm.length)) throw new CodecFrameError(this.name, `Opus cannot encode a frame of ${pcm.length} samples`);
    return this.liveEncoder().encode(pcm);
  }

  decode(payload: Uint8Array): Int16Array {
    // RFC 6716 §3.1: a packet has at least the TOC byte; libopus would read "empty" as a loss.
    if (payload.length === 0) throw new CodecFrameError(this.name, 'empty Opus payload');
    const pcm = this.liveDecoder().decode(payload, this.lastFrame);
    if (pcm.length > 0) this.lastFrame = pcm.length;
    return pcm;
  }

  /** Opus PLC (RFC 6716 §4.4); `samples` must be a multiple of 2.5 ms. */
  conceal(samples: number): Int16Array {
    this.checkGap(samples);
    return this.liveDecoder().conceal(samples);
  }

  /** Decodes the FEC copy of the lost frame carried in the next packet (RFC 7587 §3.3; PLC when it has none). */
  recover(nextPayload: Uint8Array, samples: number): Int16Array {
    this.checkGap(samples);
    return this.liveDecoder().decode(nextPayload, samples, true);
  }

  reset(): void {
    this.liveEncoder().reset();
    this.liveDecoder().reset();
    this.lastFrame = 960;
  }

  dispose(): void {
    const encoder = this.encoder as (Encoder & { drop?: () => void }) | undefined;
    encoder?.drop?.();
    this.decoder?.dispose();
    this.encoder = undefined;
    this.decoder = undefined;
  }

  private makeEncoder(): Encoder {
    const e = new Encoder({ channels: 1, sample_rate: RATE, application: 'voip' });
    e.bitrate = this.options.bitrate;
    e.complexity = this.options.complexity as Encoder['complexity'];
    e.inband_fec = this.options.fec; // RFC 7587 §3.3
    e.packet_loss = this.options.packetLossPercent;
    e.dtx = this.options.dtx; // RFC 7587 §3.1.3
    return e;
  }

  private checkGap(samples: number): void {
    if (samples <= 0 || samples % PLC_STEP !== 0) throw new CodecFrameError(this.name, `Opus conceals multiples of 2.5 ms; got ${samples} samples`);
  }

  private liveEncoder(): Encoder {
    if (!this.encoder) throw new CodecDisposedError(this.name);
    return this.encoder;
  }

  private liveDecoder(): OpusWasmDecoder {
    if (!this.decoder) throw new CodecDisposedError(this.name);
    return this.decoder;
  }
}
