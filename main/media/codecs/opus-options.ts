/** Opus encoder settings, mostly from the peer's fmtp (RFC 7587 §6.1). */
export interface OpusOptions {
  /** Target bitrate in bit/s (maxaveragebitrate caps it); default 32000. */
  bitrate?: number;
  /** In-band FEC (useinbandfec=1). */
  fec?: boolean;
  /** Discontinuous transmission (usedtx=1). */
  dtx?: boolean;
  /** Expected loss in percent, which makes the encoder spend bits on FEC; default 10 with FEC. */
  packetLossPercent?: number;
  /** Encoder complexity 0–10; default 5, a few percent of one core per call. */
  complexity?: number;
}

export const OPUS_DEFAULT_BITRATE = 32000;

/** RFC 7587 §6.1: the allowed range of maxaveragebitrate. */
const MIN_BITRATE = 6000;
const MAX_BITRATE = 510000;

/**
 * Reads the fmtp parameters that steer our encoder. The receiver's parameters describe what
 * it wants to receive, so pass the remote fmtp for the encoder.
 */
export function opusOptionsFromFmtp(params: Readonly<Record<string, string | number>>, defaults: OpusOptions = {}): OpusOptions {
  const value = (key: string): string | undefined => {
    for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === key) return String(v).trim();
    return undefined;
  };
  const options: OpusOptions = { ...defaults };
  const fec = value('useinbandfec');
  if (fec !== undefined) options.fec = fec === '1';
  const dtx = value('usedtx');
  if (dtx !== undefined) options.dtx = dtx === '1';
  const max = Number(value('maxaveragebitrate'));
  if (Number.isFinite(max) && max > 0) {
    const capped = Math.min(MAX_BITRATE, Math.max(MIN_BITRATE, Math.floor(max)));
    options.bitrate = Math.min(options.bitrate ?? OPUS_DEFAULT_BITRATE, capped);
  }
  return options;
}
