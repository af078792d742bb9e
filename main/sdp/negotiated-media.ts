import { codecOf, parseFmtpParams, type CodecName } from './codecs';
import { isHoldAddress } from './core-lines';
import type { Direction, Fingerprint, IceParameters, KeyParams, MediaDescription, Origin, RtpFormat, SetupRole } from './session-description';
import type { SrtpSuite } from './srtp-suites';
import { TELEPHONE_EVENT } from './telephone-event';

/** One codec both sides agreed on. */
export interface NegotiatedCodec {
  readonly name: CodecName;
  /** The payload type on the wire (the same both ways when the answer kept the offer's). */
  readonly pt: number;
  readonly clockRate: number;
  readonly channels: number;
  /** The peer's a=fmtp: how it wants to receive (RFC 7587 §6.1 for opus). */
  readonly remoteParams: Readonly<Record<string, string>>;
}

export interface TransportAddress {
  readonly address: string;
  readonly port: number;
}

export type NegotiatedSecurity =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'sdes';
      readonly suite: SrtpSuite;
      readonly tag: number;
      /** Protects what we send. */
      readonly localKey: KeyParams;
      /** Protects what the peer sends. */
      readonly remoteKey: KeyParams;
    }
  | {
      readonly kind: 'dtls';
      /** RFC 5763 §5: a=setup:active makes the DTLS client. */
      readonly role: 'client' | 'server';
      readonly localSetup: SetupRole;
      readonly remoteSetup: SetupRole;
      /** The peer's certificate must match one of these (RFC 8122 §5). */
      readonly remoteFingerprints: readonly Fingerprint[];
      /** a=tls-id of each side when the peer uses them; a changed remote one asks for a new association (RFC 8842 §5.4). */
      readonly localTlsId?: string;
      readonly remoteTlsId?: string;
    };

export interface NegotiatedIce {
  readonly remote: IceParameters;
  readonly remoteLite: boolean;
  /** RFC 8445 §6.1.1: the offerer controls unless it is lite and the answerer is not. */
  readonly role: 'controlling' | 'controlled';
}

/** What the media engine needs to run the audio stream. */
export interface NegotiatedMedia {
  /** Index of the m-line in offer and answer. */
  readonly mLineIndex: number;
  readonly mid?: string;
  readonly proto: string;
  /** Our direction: sendonly means we send and do not expect to receive. */
  readonly direction: Direction;
  /** The codec we send with: the first common one of the answer. */
  readonly sendCodec: NegotiatedCodec;
  /** Every common codec, in the answer's order; we accept any of them. */
  readonly codecs: readonly NegotiatedCodec[];
  /** RFC 4733 events: the payload type whose rate fits the send codec where there is one. */
  readonly telephoneEvent?: { readonly pt: number; readonly clockRate: number; readonly events: string };
  /** The peer's a=ptime, or 20 ms. */
  readonly remotePtime: number;
  /** The peer's a=maxptime (RFC 4566 §6): the longest packets it takes. */
  readonly remoteMaxptime?: number;
  readonly localPtime: number;
  readonly rtcpMux: boolean;
  readonly local: { readonly rtpPort: number; readonly rtcpPort: number };
  readonly remote: {
    readonly rtp: TransportAddress;
    readonly rtcp: TransportAddress;
    /** The peer put the stream on hold with c=0.0.0.0 (RFC 3264 §8.4). */
    readonly onHold: boolean;
  };
  readonly security: NegotiatedSecurity;
  readonly ice?: NegotiatedIce;
}

export interface NegotiatedSession {
  readonly audio: NegotiatedMedia;
  /** The peer's o= line, to recognise an unchanged SDP next time (RFC 3264 §8). */
  readonly remoteOrigin: Origin;
}

/** Where the peer receives RTP and RTCP: rtcp-mux, else a=rtcp (RFC 3605), else port + 1 (RFC 3550 §11). */
export function remoteTransport(m: MediaDescription, rtcpMux: boolean): NegotiatedMedia['remote'] {
  const address = m.connection?.address ?? '0.0.0.0';
  const rtp = { address, port: m.port };
  const rtcp = rtcpMux
    ? rtp
    : m.rtcp
      ? { address: m.rtcp.connection?.address ?? address, port: m.rtcp.port }
      : { address, port: m.port + 1 };
  return { rtp, rtcp, onHold: isHoldAddress(m.connection) };
}

/** Our codec for a remote format, with the peer's fmtp. */
export function negotiatedCodec(format: RtpFormat, enabled: readonly CodecName[]): NegotiatedCodec | undefined {
  const name = codecOf(format, enabled);
  if (!name) return undefined;
  return { name, pt: format.pt, clockRate: format.clockRate, channels: format.channels, remoteParams: parseFmtpParams(format.fmtp) };
}

export function isTelephoneEvent(format: RtpFormat): boolean {
  return format.encoding.toLowerCase() === TELEPHONE_EVENT;
}

/**
 * The telephone-event format to use with a send codec: the one at the codec's clock rate
 * (RFC 4733 §2.5.1.2), else the first one, as peers often offer only /8000 next to opus.
 */
export function pickTelephoneEvent(formats: readonly RtpFormat[], codec: NegotiatedCodec): RtpFormat | undefined {
  const events = formats.filter(isTelephoneEvent);
  return events.find((f) => f.clockRate === codec.clockRate) ?? events[0];
}

/**
 * Our negotiated SDES key as `LocalMediaOptions.keys`, for a re-offer or re-answer that keeps
 * the running SRTP context (RFC 4568 §7.1.4); empty for other kinds of security.
 */
export function reusableKeys(security: NegotiatedSecurity): Partial<Record<SrtpSuite, Buffer>> {
  return security.kind === 'sdes' ? { [security.suite]: security.localKey.keySalt } : {};
}
