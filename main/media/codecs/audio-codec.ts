/**
 * One RTP audio codec instance: an encoder and a decoder for one stream direction pair.
 * PCM is 16-bit signed, mono, at `sampleRate`; payloads are RTP payloads.
 */
export interface AudioCodec {
  /** RTP encoding name as in SDP a=rtpmap (RFC 3551 §6), e.g. "PCMU". */
  readonly name: string;
  /** RTP timestamp rate (differs from sampleRate for G.722, RFC 3551 §4.5.2). */
  readonly clockRate: number;
  /** Rate of the PCM that encode() takes and decode() returns. */
  readonly sampleRate: number;
  /** Channel count as written in a=rtpmap (Opus says 2 and still carries mono, RFC 7587 §7). */
  readonly channels: number;
  /** PCM samples in one frame of `ptimeMs` milliseconds at sampleRate. */
  frameSamples(ptimeMs: number): number;
  /** RTP timestamp advance for one frame of `ptimeMs` milliseconds. */
  timestampIncrement(ptimeMs: number): number;
  encode(pcm: Int16Array): Uint8Array;
  decode(payload: Uint8Array): Int16Array;
  /** Replaces a lost frame of `samples` samples (packet-loss concealment). */
  conceal(samples: number): Int16Array;
  /**
   * Replaces a lost frame using the payload that followed it, when the codec carries in-band
   * redundancy (Opus FEC); other codecs conceal as conceal() does. The caller still decodes
   * `nextPayload` itself afterwards.
   */
  recover(nextPayload: Uint8Array, samples: number): Int16Array;
  /** Forgets all history (new stream, SSRC change). */
  reset(): void;
  /** Frees native resources; the codec must not be used afterwards. */
  dispose(): void;
}

/** Samples in `ptimeMs` at `rate`, with the check every codec wants. */
export function samplesFor(rate: number, ptimeMs: number): number {
  const n = (rate * ptimeMs) / 1000;
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`ptime ${ptimeMs} ms is not a whole number of samples at ${rate} Hz`);
  return n;
}
