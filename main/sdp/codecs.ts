import { UnknownCodecError } from './errors';
import type { RtpFormat } from './session-description';

/** The audio codecs we can encode and decode. */
export type CodecName = 'opus' | 'g722' | 'pcmu' | 'pcma';

export interface CodecSpec {
  readonly name: CodecName;
  /** The rtpmap encoding name. */
  readonly encoding: string;
  readonly clockRate: number;
  readonly channels: number;
  /** The payload type we offer: static (RFC 3551 §6) or our dynamic choice. */
  readonly pt: number;
}

export const CODECS: Readonly<Record<CodecName, CodecSpec>> = {
  // RFC 7587 §7: always opus/48000/2, whatever is actually sent.
  opus: { name: 'opus', encoding: 'opus', clockRate: 48000, channels: 2, pt: 111 },
  // RFC 3551 §4.5.2: G.722's RTP clock is 8000 Hz.
  g722: { name: 'g722', encoding: 'G722', clockRate: 8000, channels: 1, pt: 9 },
  pcmu: { name: 'pcmu', encoding: 'PCMU', clockRate: 8000, channels: 1, pt: 0 },
  pcma: { name: 'pcma', encoding: 'PCMA', clockRate: 8000, channels: 1, pt: 8 },
};

/** Every codec we have. */
export const ALL_CODECS: readonly CodecName[] = ['opus', 'g722', 'pcmu', 'pcma'];

/** Our preference when none is configured. */
export const DEFAULT_CODECS: readonly CodecName[] = ['opus', 'g722', 'pcmu', 'pcma'];

/** Payload types we offer for telephone-event at each clock rate (RFC 4733 §7.1.1). */
export const TELEPHONE_EVENT_PTS: Readonly<Record<number, number>> = { 48000: 110, 8000: 101 };

/** Parses a preference list such as the CLI's `--codec opus,pcmu`. */
export function parseCodecList(text: string): CodecName[] {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UnknownCodecError(text);
  const out: CodecName[] = [];
  for (const name of names) {
    if (!Object.hasOwn(CODECS, name)) throw new UnknownCodecError(name);
    if (!out.includes(name as CodecName)) out.push(name as CodecName);
  }
  return out;
}

/** The codec of ours an offered format is, by encoding name and clock rate (RFC 3264 §6.1). */
export function codecOf(format: RtpFormat, enabled: readonly CodecName[]): CodecName | undefined {
  return enabled.find((name) => {
    const c = CODECS[name];
    if (format.encoding.toLowerCase() !== c.encoding.toLowerCase() || format.clockRate !== c.clockRate) return false;
    // RFC 7587 §7: opus is always /2; tolerate peers that leave the channel count out.
    return name === 'opus' ? format.channels === 2 || format.channels === 1 : format.channels === c.channels;
  });
}

/** Opus parameters we advertise as a receiver (RFC 7587 §6.1). */
export interface OpusOptions {
  /** useinbandfec=1: we decode in-band FEC. Default true. */
  readonly inbandFec?: boolean;
  /** usedtx=1: we prefer the sender to use DTX. Default false. */
  readonly dtx?: boolean;
  /** maxaveragebitrate, 6000..510000 bit/s. */
  readonly maxAverageBitrate?: number;
}

/** Our a=fmtp for opus. */
export function opusFmtp(options: OpusOptions = {}): string {
  const params: string[] = [];
  if (options.inbandFec ?? true) params.push('useinbandfec=1');
  if (options.dtx) params.push('usedtx=1');
  if (options.maxAverageBitrate !== undefined) {
    // RFC 7587 §6.1: maxaveragebitrate is between 6000 and 510000.
    const rate = Math.round(Math.min(510000, Math.max(6000, options.maxAverageBitrate)));
    params.push(`maxaveragebitrate=${rate}`);
  }
  return params.join(';');
}

/** "a=b; c=d" into a map; keys lower-cased, since RFC 7587 §6.1 parameters are case-insensitive. */
export function parseFmtpParams(fmtp: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (fmtp ?? '').split(';')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (key !== '') out[key] = eq < 0 ? '' : part.slice(eq + 1).trim();
  }
  return out;
}
