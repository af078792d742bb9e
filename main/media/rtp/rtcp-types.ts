/** RFC 3550 §12.1: RTCP packet types. */
export const RTCP_TYPE = { SR: 200, RR: 201, SDES: 202, BYE: 203, APP: 204 } as const;

/** RFC 3550 §6.5: SDES item types. */
export const SDES_ITEM = { END: 0, CNAME: 1, NAME: 2, EMAIL: 3, PHONE: 4, LOC: 5, TOOL: 6, NOTE: 7, PRIV: 8 } as const;

/** RFC 3550 §6.4.1: one reception report block. */
export interface ReportBlock {
  ssrc: number;
  /** Fraction lost since the previous report, in 1/256 (0..255). */
  fractionLost: number;
  /** Cumulative packets lost, signed 24 bits (negative with duplicates). */
  cumulativeLost: number;
  /** Extended highest sequence number received: cycles << 16 | highest. */
  highestSequence: number;
  /** Interarrival jitter in timestamp units. */
  jitter: number;
  /** LSR: middle 32 bits of the last SR's NTP timestamp, 0 if none. */
  lastSr: number;
  /** DLSR: delay since that SR, in 1/65536 s. */
  delaySinceLastSr: number;
}

/** RFC 3550 §6.4.1: the sender info of an SR. */
export interface SenderInfo {
  ntpSeconds: number;
  ntpFraction: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

export interface SdesItem {
  type: number;
  text: string;
}

export interface SdesChunk {
  ssrc: number;
  items: SdesItem[];
}

export interface SenderReport {
  type: 'sr';
  ssrc: number;
  sender: SenderInfo;
  reports: ReportBlock[];
  /** Profile-specific extension (RFC 3550 §6.4.1), usually empty. */
  extension: Buffer;
}

export interface ReceiverReport {
  type: 'rr';
  ssrc: number;
  reports: ReportBlock[];
  extension: Buffer;
}

export interface SourceDescription {
  type: 'sdes';
  chunks: SdesChunk[];
}

export interface Goodbye {
  type: 'bye';
  sources: number[];
  reason?: string;
}

export interface AppDefined {
  type: 'app';
  subtype: number;
  ssrc: number;
  /** Four ASCII characters. */
  name: string;
  data: Buffer;
}

/** Any other RTCP packet (feedback, XR, ...), kept as it came. */
export interface OtherRtcp {
  type: 'other';
  packetType: number;
  /** The five-bit count/format field. */
  count: number;
  body: Buffer;
}

export type RtcpPacket = SenderReport | ReceiverReport | SourceDescription | Goodbye | AppDefined | OtherRtcp;
