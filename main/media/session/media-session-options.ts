import type { Clock } from '../../lib/clock';
import type { IceConfig } from '../../nat/ice';
import type { CodecName, OpusOptions, SrtpMode, SrtpSuite } from '../../sdp';
import type { AudioSink, AudioSource } from '../audio';
import type { DtlsCertificate } from '../dtls';
import type { MediaSessionListener } from './media-events';

export interface MediaSessionOptions {
  /** Address to bind the media sockets to, e.g. "127.0.0.1" or a LAN address. */
  bindHost: string;
  /** Address written in our SDP; default bindHost (give it when binding a wildcard). */
  advertisedAddress?: string;
  /** RTP port: 0 (any, the default) or a range to pick an even port from (RFC 3550 §11). */
  port?: 0 | { min: number; max: number };
  /** Default 'best-effort'. Every mode but 'off' also answers DTLS-SRTP offers (RFC 5763). */
  srtp?: SrtpMode;
  /** Our DTLS certificate; default one made per run of the engine (unused with srtp 'off'). */
  dtlsCertificate?: DtlsCertificate;
  /** How long a DTLS handshake may take before the media fails, ms; default 10000. */
  dtlsTimeoutMs?: number;
  srtpSuites?: readonly SrtpSuite[];
  /** Codec preference; default opus, g722, pcmu, pcma. */
  codecs?: readonly CodecName[];
  /** What we tell the peer about our Opus receive side, and encoder defaults. */
  opus?: OpusOptions;
  /** Offer and accept a=rtcp-mux (RFC 5761); default true. */
  rtcpMux?: boolean;
  /** Outgoing audio; default silence. Replace it with setSource(). The session closes it on close(). */
  source?: AudioSource;
  /** Incoming audio; default discarded. Replace it with setSink(). The session closes it on close(). */
  sink?: AudioSink;
  listener?: MediaSessionListener;
  clock?: Clock;
  /** Wall clock for RTCP NTP timestamps, ms since 1970; default Date.now. */
  wallClock?: () => number;
  /** Interval of onQuality events, ms; default 5000. */
  qualityIntervalMs?: number;
  /** RTCP minimum interval, seconds (RFC 3550 §6.2: 5); lower only for tests. */
  rtcpMinIntervalSec?: number;
  /** Jitter buffer delay bounds, ms; default 20 and 200. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Agent named in the Warning header of a 488 (RFC 3261 §20.43); default the advertised address. */
  warnAgent?: string;
  /** o= username in our SDP (RFC 8866 §5.2); default "-". */
  sdpUsername?: string;
  /** RTCP CNAME (RFC 3550 §6.5.1); default a random one per session. */
  cname?: string;
  /** ICE (RFC 8445) and the NAT servers to gather with; default off (plain addressing, symmetric RTP). */
  ice?: IceConfig;
  /**
   * The offer this session is made to answer (an incoming call's SDP), when known: a peer that
   * does not do ICE gets none, and with host candidates only nothing is gathered for it.
   */
  answering?: string;
}
