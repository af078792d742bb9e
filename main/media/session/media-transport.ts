import type { DatagramSocket } from '../../nat/ice';
import type { NegotiatedMedia } from '../../sdp';
import { classifyMediaPacket, parseRtcpCompound, parseRtpPacket, type RtcpPacket, type RtpPacket } from '../rtp';
import { MediaSendError, type MediaSessionError } from './errors';
import type { MediaAddress } from './media-events';
import type { MediaSocket } from './media-socket';
import type { SrtpContexts } from './srtp-contexts';

/** What the transport hands up, after SRTP and parsing. */
export interface MediaTransportDelegate {
  /** Whether a payload type belongs to the negotiated stream (only such packets latch). */
  accepts(payloadType: number): boolean;
  onRtp(packet: RtpPacket): void;
  onRtcp(packets: RtcpPacket[], size: number): void;
  onError(error: MediaSessionError): void;
  /** A DTLS record on the RTP path or the RTCP port (RFC 7983 §7, RFC 5764 §5.1.2); false when nothing wants it. */
  onDtls?(data: Buffer, via: 'rtp' | 'rtcp'): boolean;
}

/** Refused input, counted. */
export interface TransportCounters {
  srtpFailures: number;
  malformed: number;
  unknownPayloadType: number;
  /** STUN, DTLS without a DTLS-SRTP association, ZRTP, anything before negotiation or before DTLS-SRTP keys. */
  ignored: number;
}

/**
 * The wire side of a media session: the RTP socket (which also carries RTCP with rtcp-mux)
 * and the RTCP socket, RFC 7983 demultiplexing, SRTP protect/unprotect, and symmetric RTP
 * (RFC 4961): we send from the port we receive on, to where authenticated media comes from.
 */
export class MediaTransport {
  media: NegotiatedMedia | undefined;
  srtp: SrtpContexts | undefined;
  latchedRtp: MediaAddress | undefined;
  latchedRtcp: MediaAddress | undefined;
  readonly counters: TransportCounters = { srtpFailures: 0, malformed: 0, unknownPayloadType: 0, ignored: 0 };
  /** Goes up each time a latched address changes, so the session can tell without comparing. */
  latchChanges = 0;
  /** Where the peer's DTLS records come from: the handshake answers there (RFC 4961). */
  private readonly dtlsPeers: { rtp: MediaAddress | undefined; rtcp: MediaAddress | undefined } = { rtp: undefined, rtcp: undefined };
  /** RFC 5764 §4.1: SRTCP contexts of RTCP's own DTLS association, 'pending' while it runs; undefined: RTCP uses srtp. */
  private rtcpKeys: SrtpContexts | 'pending' | undefined;

  /** The RTP path: the bound socket, or once negotiated an ICE pair or candidate socket (RFC 8445). */
  rtpSocket: DatagramSocket;
  private readonly boundRtp: MediaSocket;

  constructor(
    rtpSocket: MediaSocket,
    readonly rtcpSocket: MediaSocket,
    private readonly delegate: MediaTransportDelegate,
  ) {
    this.rtpSocket = rtpSocket;
    this.boundRtp = rtpSocket;
  }

  /** Moves RTP (and muxed RTCP) to another datagram path; latches start afresh there. */
  useRtpPath(path: DatagramSocket): void {
    this.rtpSocket = path;
    this.latchedRtp = undefined;
    this.latchedRtcp = undefined;
  }

  /** Takes a negotiation result; a new signalled address means the peer moved, so latches are forgotten. */
  update(media: NegotiatedMedia, srtp: SrtpContexts | undefined): void {
    const before = this.media;
    if (!before || !sameAddress(before.remote.rtp, media.remote.rtp)) {
      this.latchedRtp = undefined;
      this.dtlsPeers.rtp = undefined;
    }
    if (!before || !sameAddress(before.remote.rtcp, media.remote.rtcp)) {
      this.latchedRtcp = undefined;
      this.dtlsPeers.rtcp = undefined;
    }
    this.media = media;
    this.srtp = srtp;
  }

  /** Feeds one datagram from either socket; never throws for what the network sent. */
  receive(data: Buffer, from: MediaAddress, via: 'rtp' | 'rtcp'): void {
    // RFC 7983 §7 and RFC 5761 §4: what the first two octets say it is
    const kind = classifyMediaPacket(data);
    if (kind === 'rtp' && via === 'rtp') this.receiveRtp(data, from);
    else if (kind === 'rtcp') this.receiveRtcp(data, from);
    else if (kind === 'dtls' && this.delegate.onDtls) this.receiveDtls(data, from, via);
    else this.counters.ignored++; // STUN, ZRTP
  }

  sendRtp(packet: Buffer): void {
    const to = this.destination('rtp');
    if (!to || this.awaitingKeys) return;
    let out = packet;
    if (this.srtp) {
      const r = this.srtp.send.protectRtp(packet);
      if (!r.ok) return this.delegate.onError(new MediaSendError(r.error.code, `SRTP protect: ${r.error.message}`));
      out = r.packet;
    }
    this.rtpSocket.send(out, to.port, to.address, (err) => this.delegate.onError(new MediaSendError(err.code ?? 'send', `RTP to ${to.address}:${to.port}: ${err.message}`)));
  }

  /** Sends one compound RTCP packet; returns its size, 0 when it could not go. `done` runs once it left. */
  sendRtcp(compound: Buffer, done?: () => void): number {
    const to = this.destination('rtcp');
    if (!to || this.awaitingRtcpKeys) return 0;
    let out = compound;
    const srtp = this.rtcpSrtp;
    if (srtp) {
      const r = srtp.send.protectRtcp(compound);
      if (!r.ok) {
        this.delegate.onError(new MediaSendError(r.error.code, `SRTCP protect: ${r.error.message}`));
        return 0;
      }
      out = r.packet;
    }
    // RFC 4961: RTCP too leaves from the port it is received on
    const socket = this.media?.rtcpMux ? this.rtpSocket : this.rtcpSocket;
    socket.send(out, to.port, to.address, (err) => this.delegate.onError(new MediaSendError(err.code ?? 'send', `RTCP to ${to.address}:${to.port}: ${err.message}`)), done);
    return out.length;
  }

  /** Sends a DTLS record on the RTP path or the RTCP port, to where the peer's DTLS comes from, else to its signalled address. */
  sendDtls(datagram: Buffer, via: 'rtp' | 'rtcp' = 'rtp'): void {
    const to = this.dtlsPeers[via] ?? this.destination(via);
    if (!to) return;
    const socket = via === 'rtp' ? this.rtpSocket : this.rtcpSocket;
    socket.send(datagram, to.port, to.address, (err) => this.delegate.onError(new MediaSendError(err.code ?? 'send', `DTLS to ${to.address}:${to.port}: ${err.message}`)));
  }

  /** RFC 5764 §4.2: with DTLS-SRTP, no media goes either way until the handshake gave keys. */
  private get awaitingKeys(): boolean {
    return this.media?.security.kind === 'dtls' && !this.srtp;
  }

  /** RFC 5764 §4.1: RTCP's own association is running; RTCP waits for its keys. */
  awaitRtcpKeys(): void {
    this.rtcpKeys = 'pending';
  }

  /** SRTCP contexts from RTCP's own association; undefined to protect RTCP with the RTP contexts. */
  useRtcpKeys(srtp: SrtpContexts | undefined): void {
    this.rtcpKeys = srtp;
  }

  private get rtcpSrtp(): SrtpContexts | undefined {
    return this.rtcpKeys === 'pending' ? undefined : (this.rtcpKeys ?? this.srtp);
  }

  private get awaitingRtcpKeys(): boolean {
    return this.awaitingKeys || this.rtcpKeys === 'pending';
  }

  close(): void {
    this.rtpSocket.close();
    this.boundRtp.close();
    this.rtcpSocket.close();
  }

  private destination(kind: 'rtp' | 'rtcp'): MediaAddress | undefined {
    const m = this.media;
    // RFC 3264 §8.4: c=0.0.0.0 (hold) or port 0: nothing goes out
    if (!m || m.remote.onHold || m.remote.rtp.port === 0) return undefined;
    // RFC 4961: send to where the peer's authenticated media comes from, else to its SDP address
    if (kind === 'rtp' || m.rtcpMux) return this.latchedRtp ?? m.remote.rtp;
    return this.latchedRtcp ?? m.remote.rtcp;
  }

  private latch(current: MediaAddress | undefined, from: MediaAddress): MediaAddress {
    if (current && sameAddress(current, from)) return current;
    this.latchChanges++;
    return { address: from.address, port: from.port };
  }

  private receiveDtls(data: Buffer, from: MediaAddress, via: 'rtp' | 'rtcp'): void {
    const before = this.dtlsPeers[via];
    // set first: the handshake may answer at once, to where this came from
    this.dtlsPeers[via] = { address: from.address, port: from.port };
    if (this.delegate.onDtls?.(data, via)) return;
    this.dtlsPeers[via] = before;
    this.counters.ignored++; // DTLS that no association expects
  }

  private receiveRtp(data: Buffer, from: MediaAddress): void {
    if (!this.media || this.awaitingKeys) return void this.counters.ignored++;
    let plain = data;
    if (this.srtp) {
      const r = this.srtp.receive.unprotectRtp(data);
      // RFC 3711 §3.3: packets that fail authentication or the replay check are dropped
      if (!r.ok) return void this.counters.srtpFailures++;
      plain = r.packet;
    }
    const parsed = parseRtpPacket(plain);
    if (!parsed.ok) return void this.counters.malformed++;
    if (!this.delegate.accepts(parsed.value.payloadType)) return void this.counters.unknownPayloadType++;
    // RFC 4961: latch only to media that passed authentication (when SRTP is on)
    this.latchedRtp = this.latch(this.latchedRtp, from);
    if (this.media.rtcpMux) this.latchedRtcp = this.latchedRtp;
    this.delegate.onRtp(parsed.value);
  }

  private receiveRtcp(data: Buffer, from: MediaAddress): void {
    if (!this.media || this.awaitingRtcpKeys) return void this.counters.ignored++;
    let plain = data;
    const srtp = this.rtcpSrtp;
    if (srtp) {
      const r = srtp.receive.unprotectRtcp(data);
      if (!r.ok) return void this.counters.srtpFailures++;
      plain = r.packet;
    }
    const parsed = parseRtcpCompound(plain);
    if (!parsed.ok) return void this.counters.malformed++;
    this.latchedRtcp = this.latch(this.latchedRtcp, from);
    this.delegate.onRtcp(parsed.value, data.length);
  }
}

function sameAddress(a: MediaAddress, b: MediaAddress): boolean {
  return a.address === b.address && a.port === b.port;
}

