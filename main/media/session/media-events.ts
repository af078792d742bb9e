import type { CodecName, Direction } from '../../sdp';
import type { DtmfDigitEvent } from '../dtmf';
import type { MediaSessionError } from './errors';
import type { IcePathFacts } from './ice-link';

export interface MediaAddress {
  readonly address: string;
  readonly port: number;
}

/** One call's audio quality, as measured here and as the peer's reports tell. */
export interface QualityReport {
  readonly codec: CodecName | undefined;
  readonly srtp: boolean;
  readonly packetsSent: number;
  readonly packetsReceived: number;
  /** What we lost of the peer's stream, percent (RFC 3550 §A.3, cumulative). */
  readonly lossPercent: number;
  /** What the peer lost of ours, from its last report block (fraction lost), percent. */
  readonly remoteLossPercent: number | undefined;
  /** RFC 3550 §A.8 interarrival jitter of the peer's stream, ms. */
  readonly jitterMs: number;
  /** RFC 3550 §6.4.1 round-trip time from the peer's LSR/DLSR, ms. */
  readonly rttMs: number | undefined;
  /** Playout delay of the jitter buffer, ms. */
  readonly playoutDelayMs: number;
  /** Frames concealed (lost, late or run dry) by the receive side. */
  readonly concealedFrames: number;
  /** Packets refused by SRTP/SRTCP (authentication, replay). */
  readonly srtpFailures: number;
  /** Estimated MOS (see estimateMos), undefined until audio was received. */
  readonly mos: number | undefined;
}

/** Where media goes and whether it flows (RFC 4961 symmetric RTP). */
export interface MediaPathFacts {
  /** Where we receive RTP, and RTCP when not muxed. */
  readonly local: MediaAddress;
  readonly localRtcp: MediaAddress;
  /** The peer's addresses from its SDP. */
  readonly remoteSignalled: MediaAddress | undefined;
  /** Where authenticated media actually came from, which we now send to. */
  readonly remoteLatched: MediaAddress | undefined;
  readonly remoteRtcpLatched: MediaAddress | undefined;
  readonly rtcpMux: boolean;
  readonly direction: Direction | undefined;
  /** The peer sent RTCP BYE (RFC 3550 §6.6). */
  readonly peerLeft: boolean;
  readonly rtpReceived: boolean;
  readonly rtpSent: boolean;
  /** Milliseconds since the last RTP packet in each direction. */
  readonly sinceLastReceivedMs: number | undefined;
  readonly sinceLastSentMs: number | undefined;
  /** ICE, when this session gathered candidates: its state and the selected pair (RFC 8445 §8.1.1). */
  readonly ice?: IcePathFacts;
}

/** How a MediaSession reports upward; every method is optional. */
export interface MediaSessionListener {
  /** Every few seconds while the session runs. */
  onQuality?(report: QualityReport): void;
  /** A DTMF digit received (RFC 4733), once per digit. */
  onDtmf?(digit: DtmfDigitEvent): void;
  /** When the media path changes: first packet each way, a new latched address, a direction change. */
  onMediaPath?(facts: MediaPathFacts): void;
  /** Something went wrong that the call may survive (socket send failure, SRTP key exhausted). */
  onError?(error: MediaSessionError): void;
}
