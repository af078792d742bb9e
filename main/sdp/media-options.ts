import type { CodecName, OpusOptions } from './codecs';
import type { Direction, Fingerprint, IceCandidate } from './session-description';
import type { SrtpSuite } from './srtp-suites';

/** Default a=ptime (RFC 3551 §4.2: 20 ms packets). */
export const DEFAULT_PTIME = 20;

/**
 * How media is protected, as `--srtp` names it:
 * - off: RTP/AVP, no keys;
 * - mandatory: RTP/SAVP with a=crypto (RFC 4568);
 * - best-effort: RTP/AVP with a=crypto, as many phones do; plain RTP if the peer has no SRTP;
 * - dtls: UDP/TLS/RTP/SAVP with a=fingerprint and a=setup (RFC 5763).
 */
export type SrtpMode = 'off' | 'mandatory' | 'best-effort' | 'dtls';

/** Our ICE agent's side of the description (RFC 8839), passed through as given. */
export interface LocalIce {
  readonly ufrag: string;
  readonly pwd: string;
  readonly candidates: readonly IceCandidate[];
  /** a=ice-lite at session level (RFC 8839 §5.3). */
  readonly lite?: boolean;
  /** a=end-of-candidates: gathering is complete (RFC 8840). Default true: we do not trickle. */
  readonly endOfCandidates?: boolean;
  readonly options?: readonly string[];
}

/** Our audio stream and capabilities, the input of offers and answers. */
export interface LocalMediaOptions {
  /** Where we receive RTP: an IPv4 or IPv6 literal; with ICE, the default candidate's address. */
  readonly address: string;
  readonly port: number;
  /** RTCP port when not muxed (RFC 3605); default port + 1. */
  readonly rtcpPort?: number;
  /** Offer a=rtcp-mux and accept it when offered (RFC 5761). Default true. */
  readonly rtcpMux?: boolean;
  /** Codec preference, e.g. from `--codec opus,pcmu`. Default opus, g722, pcmu, pcma. */
  readonly codecs?: readonly CodecName[];
  /** Format order in our answers: the offerer's (RFC 3264 §6.1 recommends it, the default) or ours. */
  readonly answerOrder?: 'offerer' | 'ours';
  readonly opus?: OpusOptions;
  /** Offer and accept telephone-event (RFC 4733). Default true. */
  readonly telephoneEvent?: boolean;
  /** Milliseconds of audio per packet, a=ptime. Default 20. */
  readonly ptime?: number;
  /** Our wish: sendrecv, or sendonly/inactive while we hold the call (RFC 3264 §8.4). */
  readonly direction?: Direction;
  readonly srtp?: SrtpMode;
  /** SDES suites in our order of preference. Default AES_CM_128_HMAC_SHA1_80, _32, AEAD_AES_128_GCM. */
  readonly srtpSuites?: readonly SrtpSuite[];
  /**
   * Our master key || salt per suite; fresh random ones for the suites not given. Pass the
   * negotiated localKey again in re-offers and answers to keep the SRTP context (RFC 4568 §7.1.4).
   */
  readonly keys?: Readonly<Partial<Record<SrtpSuite, Uint8Array>>>;
  /** Our DTLS certificate's fingerprint; required for srtp 'dtls' and to answer DTLS offers. */
  readonly fingerprint?: Fingerprint;
  /** Our a=setup in the running DTLS association, kept when answering a re-offer with actpass (RFC 8842 §5.5). */
  readonly dtlsSetup?: 'active' | 'passive';
  /** ICE; without it no ICE attributes are sent. */
  readonly ice?: LocalIce;
}
