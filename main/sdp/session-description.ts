/** The typed session description: what parse-sdp yields and write-sdp serializes. */

/** RFC 3264 §5.1 stream directions, as the describing side sees them. */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** RFC 8866 §5.7 address types. */
export type AddrType = 'IP4' | 'IP6';

/** o= (RFC 8866 §5.2). The version is a bigint because peers use NTP-sized numbers. */
export interface Origin {
  readonly username: string;
  readonly sessionId: string;
  readonly sessionVersion: bigint;
  readonly addrType: AddrType;
  readonly address: string;
}

/** c= (RFC 8866 §5.7), without multicast TTL or address count. */
export interface Connection {
  readonly addrType: AddrType;
  readonly address: string;
}

/** One RTP payload format from the m= line, resolved through a=rtpmap or the RFC 3551 static table. */
export interface RtpFormat {
  readonly pt: number;
  /** Encoding name as the peer wrote it ("opus", "PCMU", "telephone-event"); "" if unknown. */
  readonly encoding: string;
  readonly clockRate: number;
  readonly channels: number;
  /** a=fmtp value, verbatim. */
  readonly fmtp?: string;
}

/** RFC 4568 §9.1 key-params: one `inline:` key. */
export interface KeyParams {
  /** master key || master salt */
  readonly keySalt: Buffer;
  /** Lifetime in packets, when given (at most 2^48, so a number holds it exactly). */
  readonly lifetime?: number;
  readonly mki?: { readonly value: number; readonly length: number };
}

/** One a=crypto attribute (RFC 4568 §9.1). */
export interface CryptoAttribute {
  readonly tag: number;
  readonly suite: string;
  /** Decoded keys; empty for suites we do not know (their key-params stay in `rawKeyParams`). */
  readonly keys: readonly KeyParams[];
  readonly rawKeyParams: string;
  readonly sessionParams: readonly string[];
}

/** a=fingerprint (RFC 8122 §5). */
export interface Fingerprint {
  /** Lower case hash function name, e.g. "sha-256". */
  readonly algorithm: string;
  /** Upper case hex pairs joined by colons. */
  readonly value: string;
}

/** a=setup (RFC 4145 §4). */
export type SetupRole = 'active' | 'passive' | 'actpass' | 'holdconn';

/** a=candidate (RFC 8839 §5.1), with only the extensions a SIP peer understands. */
export interface IceCandidate {
  readonly foundation: string;
  readonly component: number;
  readonly transport: string;
  readonly priority: number;
  readonly address: string;
  readonly port: number;
  readonly type: 'host' | 'srflx' | 'prflx' | 'relay';
  readonly relAddr?: string;
  readonly relPort?: number;
  /** RFC 6544 §4.5 tcptype for TCP candidates. */
  readonly tcpType?: string;
}

/** ICE attributes of one m-section, session-level values folded in (RFC 8839 §5). */
export interface IceParameters {
  readonly ufrag: string;
  readonly pwd: string;
  readonly options: readonly string[];
  readonly candidates: readonly IceCandidate[];
  readonly endOfCandidates: boolean;
}

/** One a= line as written: `a=name:value` or the property `a=name`. */
export interface Attribute {
  readonly name: string;
  readonly value?: string;
}

export interface MediaDescription {
  /** "audio", "video", "application", … */
  readonly media: string;
  readonly port: number;
  readonly portCount: number;
  /** "RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVP", … */
  readonly proto: string;
  /** The fmt list of the m= line, verbatim. */
  readonly formats: readonly string[];
  /** RTP formats in m= line order; empty for non-RTP transports. */
  readonly rtpFormats: readonly RtpFormat[];
  /** The c= that applies: the media one, else the session one. */
  readonly connection?: Connection;
  /** a=sendrecv etc. of the media, else of the session, else sendrecv (RFC 3264 §5.1). */
  readonly direction: Direction;
  readonly ptime?: number;
  readonly maxptime?: number;
  /** a=rtcp-mux (RFC 5761 §5.1.1). */
  readonly rtcpMux: boolean;
  /** a=rtcp (RFC 3605). */
  readonly rtcp?: { readonly port: number; readonly connection?: Connection };
  readonly crypto: readonly CryptoAttribute[];
  /** a=fingerprint of the media, else of the session (RFC 8122 §5). */
  readonly fingerprints: readonly Fingerprint[];
  readonly setup?: SetupRole;
  /** a=tls-id: names the DTLS association (RFC 8842 §4). */
  readonly tlsId?: string;
  readonly ice?: IceParameters;
  /** a=ice-mismatch: the answerer found the offer's c=/port among no candidates (RFC 8839 §5.3). */
  readonly iceMismatch?: boolean;
  readonly mid?: string;
  /** Every a= line of this m-section as parsed, unknown ones included. write-sdp ignores it. */
  readonly attributes: readonly Attribute[];
}

export interface SessionDescription {
  readonly origin: Origin;
  /** s= */
  readonly name: string;
  readonly connection?: Connection;
  /** The first t= line. */
  readonly timing: { readonly start: number; readonly stop: number };
  /** a=ice-lite (RFC 8839 §5.3), session level only. */
  readonly iceLite: boolean;
  readonly media: readonly MediaDescription[];
  /** Every session-level a= line as parsed. write-sdp ignores it. */
  readonly attributes: readonly Attribute[];
}

/** True for the RTP-based transport protocols we can carry (RFC 3551, 3711, 4585, 5764). */
export function isRtpProto(proto: string): boolean {
  return /^(?:(?:UDP\/TLS|TCP\/DTLS|TCP\/TLS)\/)?RTP\/S?AVPF?$/i.test(proto);
}
