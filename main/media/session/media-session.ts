import { randomBytes } from 'node:crypto';
import { systemClock, type Clock, type TimerHandle } from '../../lib/clock';
import type { NegotiatedMedia } from '../../sdp';
import { FrameScheduler, SilenceSource, NullSink, type AudioSink, type AudioSource } from '../audio';
import type { CodecRegistry } from '../codecs';
import type { DtmfDigitError } from '../dtmf';
import { CallRecorder } from './call-recorder';
import { DtmfLink } from './dtmf-link';
import { ErrorReporter } from './error-reporter';
import { IceLink } from './ice-link';
import { localMediaOptions } from './local-options';
import type { RtcpPacket, RtpPacket } from '../rtp';
import { mediaPathFacts, pathKey } from './media-path';
import { RemoteSource } from './remote-source';
import { codecRegistry } from './codec-factory';
import { dtlsCertificateFor, DtlsSecurity, type DtlsStatus } from './dtls-security';
import { MediaSessionError, MediaStateError, type MediaSetupError } from './errors';
import type { MediaAddress, MediaPathFacts, MediaSessionListener, QualityReport } from './media-events';
import type { MediaSessionOptions } from './media-session-options';
import { bindMediaSockets } from './media-socket';
import { MediaTransport } from './media-transport';
import { Negotiator, type AnswerOutcome, type ApplyOutcome } from './negotiator';
import { buildQualityReport } from './quality-report';
import { ReceivePath } from './receive-path';
import { RtcpReporter } from './rtcp-reporter';
import { SendPath } from './send-path';
import { srtpContextsFor, type SrtpContexts } from './srtp-contexts';

/** Wait for the BYE to leave before the socket closes, at most this long. */
const BYE_FLUSH_MS = 50;

/**
 * Everything one call's audio needs, in plain Node: UDP sockets (rtcp-mux or a second one for
 * RTCP), SDP offer/answer through main/sdp, SDES-SRTP, encode/send and receive/jitter/decode
 * paced by a FrameScheduler, symmetric RTP latching (RFC 4961), RTCP reports and BYE, DTMF
 * (RFC 4733), quality and media-path events, recording. Nothing from the network throws past it.
 */
export class MediaSession {
  private readonly clock: Clock;
  private readonly wallClock: () => number;
  private readonly listener: MediaSessionListener;
  private readonly registry: CodecRegistry;
  private readonly negotiator: Negotiator;
  private readonly sendPath: SendPath;
  private readonly receivePath: ReceivePath;
  private readonly rtcp: RtcpReporter;
  private readonly scheduler: FrameScheduler;
  private source: AudioSource;
  private sink: AudioSink;
  private readonly recorder = new CallRecorder();
  private readonly dtmf: DtmfLink;
  private readonly errors: ErrorReporter;
  private media: NegotiatedMedia | undefined;
  private readonly transport: MediaTransport;
  private readonly dtls: DtlsSecurity;
  /** RFC 5764 §4.1: without rtcp-mux, RTCP has a DTLS association of its own. */
  private readonly dtlsRtcp: DtlsSecurity;
  private readonly remote = new RemoteSource();
  private holding = false;
  private qualityTimer: TimerHandle | undefined;
  private started = false;
  private isClosed = false;
  private lastPath = '';
  private peerLeft = false;
  private byeSent: (() => void) | undefined;
  private pathSeen = { latches: 0, received: false, sent: false };
  private staleHandler: (() => void) | undefined;

  private constructor(
    private readonly options: MediaSessionOptions,
    sockets: Awaited<ReturnType<typeof bindMediaSockets>>,
    private readonly ice: IceLink | undefined,
  ) {
    this.clock = options.clock ?? systemClock;
    this.wallClock = options.wallClock ?? Date.now;
    this.listener = options.listener ?? {};
    this.errors = new ErrorReporter(this.listener);
    this.source = options.source ?? new SilenceSource();
    this.sink = options.sink ?? new NullSink();
    this.registry = codecRegistry(options.opus);
    const address = options.advertisedAddress ?? options.bindHost;
    this.negotiator = new Negotiator(address, options.sdpUsername, options.srtpSuites, options.warnAgent ?? address);
    this.transport = new MediaTransport(sockets.rtp, sockets.rtcp, {
      accepts: (pt) => this.receivePath.accepts(pt) || this.media?.telephoneEvent?.pt === pt,
      onRtp: (packet) => this.onRtp(packet),
      onRtcp: (packets, size) => this.onRtcp(packets, size),
      onError: (error) => this.report(error),
      onDtls: (data, via) => (via === 'rtp' ? this.dtls : this.dtlsRtcp).receive(data),
    });
    this.dtls = this.dtlsComponent(
      'rtp',
      (srtp) => {
        this.transport.srtp = srtp;
        this.emitPath();
      },
      (error) => this.report(error),
    );
    this.dtlsRtcp = this.dtlsComponent(
      'rtcp',
      (srtp) => this.transport.useRtcpKeys(srtp),
      (error) => {
        // the RTP association is authenticated too: RTCP falls back to its keys
        this.transport.useRtcpKeys(undefined);
        this.report(new MediaSessionError(`RTCP's own DTLS association failed, so RTCP uses the RTP keys: ${error.message}`));
      },
    );
    this.sendPath = new SendPath(this.registry, (packet) => this.transport.sendRtp(packet));
    this.receivePath = new ReceivePath(this.clock, this.registry, { minDelayMs: options.minDelayMs ?? 20, maxDelayMs: options.maxDelayMs ?? 200 });
    this.rtcp = new RtcpReporter({
      clock: this.clock,
      wallClock: this.wallClock,
      // RFC 3550 §6.5.1: a CNAME per endpoint; random, so calls cannot be linked by it (RFC 7022)
      cname: options.cname ?? `${randomBytes(12).toString('base64url')}@litesip`,
      ssrc: this.sendPath.stream.ssrc,
      senderStats: this.sendPath.stats,
      rtpTimestampAt: (now) => this.sendPath.timestampAt(now, this.sendPath.clockRate),
      reception: () => this.remote.valid,
      send: (compound) => this.sendRtcp(compound),
      ...(options.rtcpMinIntervalSec !== undefined && { minIntervalSec: options.rtcpMinIntervalSec }),
    });
    this.dtmf = new DtmfLink(this.clock, this.sendPath.stream, (packet) => this.transport.sendRtp(packet), (digit) => this.listener.onDtmf?.(digit));
    this.scheduler = new FrameScheduler(this.clock, () => this.tick());
    sockets.rtp.onMessage((data, from) => this.safely(() => this.transport.receive(data, from, 'rtp')), (err) => this.report(new MediaSessionError(`RTP socket: ${err.message}`)));
    sockets.rtcp.onMessage((data, from) => this.safely(() => this.transport.receive(data, from, 'rtcp')), (err) => this.report(new MediaSessionError(`RTCP socket: ${err.message}`)));
  }

  /** Binds the sockets and loads the DTLS certificate. Rejects with MediaBindError when no port is free. */
  static async create(options: MediaSessionOptions): Promise<MediaSession> {
    // RFC 5763 §5: our certificate's fingerprint goes in offers and in answers to DTLS offers
    options = { ...options, ...(await dtlsCertificateFor(options)) };
    const sockets = await bindMediaSockets(options.bindHost, options.port ?? 0);
    let ice: IceLink | undefined;
    try {
      ice = await IceLink.create(options.ice, options.bindHost, options.answering);
    } catch (err) {
      sockets.rtp.close();
      sockets.rtcp.close();
      throw err;
    }
    return new MediaSession(options, sockets, ice);
  }

  /** Where we receive RTP. */
  get localAddress(): MediaAddress {
    // RFC 8839 §4.2.1.2: with ICE, the default candidate (the selected one once nominated)
    if (this.ice) return { address: this.ice.localOptions().address, port: this.ice.localOptions().port };
    return { address: this.options.advertisedAddress ?? this.options.bindHost, port: this.transport.rtpSocket.port };
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Whether we put the call on hold (hold() was called, resume() not yet). */
  get onHold(): boolean {
    return this.holding;
  }

  /** The negotiated stream, once an offer/answer exchange completed. */
  get negotiated(): NegotiatedMedia | undefined {
    return this.media;
  }

  /** Our offer (initial, or a re-offer with the current hold state). Keep it for applyAnswer(). */
  createOffer(): string {
    this.checkOpen();
    return this.negotiator.offer(this.localOptions());
  }

  /** The peer's answer to our last offer; media starts or changes. An error value means the call should end. */
  applyAnswer(sdp: string): ApplyOutcome {
    if (this.isClosed) return { ok: false, error: new MediaStateError('the media session is closed') };
    const result = this.negotiator.applyAnswer(sdp);
    if (!result.ok) return result;
    this.ice?.offerAccepted();
    const failure = this.configure(result.media);
    return failure ? { ok: false, error: failure } : { ok: true };
  }

  /**
   * Our answer to an offer or re-offer (hold, resume, new address), or the response to send
   * instead: 400 naming the SDP fault, 488 with a Warning when nothing can be accepted.
   */
  createAnswer(offerSdp: string): AnswerOutcome {
    if (this.isClosed) return { ok: false, status: 488, reason: 'Not Acceptable Here', error: new MediaStateError('the media session is closed') };
    const result = this.negotiator.answer(offerSdp, this.localOptions(offerSdp));
    if (!result.ok) return result;
    if (result.media) {
      const failure = this.configure(result.media);
      if (failure) {
        this.negotiator.undoAnswer();
        // RFC 3261 §20.43: warn-text is a quoted string
        const text = failure.message.replace(/["\\\r\n]/g, "'");
        return { ok: false, status: 488, reason: 'Not Acceptable Here', warning: `305 ${this.options.warnAgent ?? this.localAddress.address} "${text}"`, error: failure };
      }
    }
    return { ok: true, sdp: result.sdp };
  }

  /**
   * RFC 8839 §4.3.4: the re-offer that moves c=/m= to the selected pair's local candidate (same
   * ICE credentials, so no restart), or undefined when none is due: not the controlling side, no
   * pair selected yet, the last SDP already named it, on hold (the resume re-offer will) or closed.
   */
  createIceUpdateOffer(): string | undefined {
    if (this.isClosed || this.holding || !this.ice?.defaultStale) return undefined;
    return this.createOffer();
  }

  /** Called when ICE completes and createIceUpdateOffer() has an offer to send. */
  onDefaultCandidateStale(handler: () => void): void {
    this.staleHandler = handler;
  }

  /** RFC 3264 §8.4: a re-offer with sendonly; media toward us stops once the peer answers. */
  hold(): string {
    this.holding = true;
    return this.createOffer();
  }

  /** The re-offer that takes the call off hold (sendrecv). */
  resume(): string {
    this.holding = false;
    return this.createOffer();
  }

  /** Sends DTMF digits as RFC 4733 events; an error value when the digits are bad or no telephone-event was negotiated. */
  sendDtmf(digits: string): { ok: true } | { ok: false; error: DtmfDigitError | MediaStateError } {
    if (!this.dtmf.sender) return { ok: false, error: new MediaStateError('the peer did not accept telephone-event (RFC 4733)') };
    return this.dtmf.sender.send(digits);
  }

  /** Replaces the outgoing audio; the old source is closed. */
  setSource(source: AudioSource): void {
    this.source.close();
    this.source = source;
  }

  /** Replaces where incoming audio plays; the old sink is closed. */
  setSink(sink: AudioSink): void {
    this.sink.close();
    this.sink = sink;
  }

  /** Records what we receive, mixed with what we send when asked, to a 48 kHz mono WAV file (or any sink). */
  startRecording(target: string | AudioSink, options: { includeSent?: boolean } = {}): void {
    this.recorder.start(target, options.includeSent ?? false);
  }

  stopRecording(): void {
    this.recorder.stop();
  }

  /** The call's quality now (also emitted through onQuality every few seconds). */
  quality(): QualityReport {
    return buildQualityReport({
      codec: this.sendPath.codecName,
      srtp: this.transport.srtp !== undefined,
      packetsSent: this.sendPath.packetsSent,
      packetsReceived: this.remote.packets,
      srtpFailures: this.transport.counters.srtpFailures,
      reception: this.remote.stats,
      receptionClockRate: this.remote.clockRate,
      rtcp: this.rtcp,
      jitter: this.receivePath.stats,
    });
  }

  /** Addresses and whether media flows each way. */
  mediaPath(): MediaPathFacts {
    const ice = this.ice?.facts();
    const facts = mediaPathFacts({
      now: this.clock.now(),
      local: this.localAddress,
      media: this.media,
      transport: this.transport,
      peerLeft: this.peerLeft,
      lastReceivedAt: this.remote.lastAt,
      lastSentAt: this.sendPath.lastSentAt,
    });
    return ice ? { ...facts, ice } : facts;
  }

  /** DTLS-SRTP when negotiated: connecting, connected, or failed with a named DtlsSrtpError. */
  get dtlsStatus(): DtlsStatus {
    return this.dtls.status;
  }

  /** Counters of refused input, for diagnostics and tests. */
  get refusals(): Readonly<{ srtpFailures: number; malformed: number; unknownPayloadType: number; ignored: number }> {
    return { ...this.transport.counters };
  }

  /** Sends RTCP BYE (RFC 3550 §6.6), stops everything and frees the sockets. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.scheduler.stop();
    this.clock.clearTimeout(this.qualityTimer);
    this.dtmf.close();
    let flushed: Promise<void> = Promise.resolve();
    if (this.started) {
      flushed = new Promise((resolve) => {
        this.byeSent = resolve;
        setTimeout(resolve, BYE_FLUSH_MS).unref();
      });
      this.rtcp.leave();
      if (this.byeSent) this.byeSent(); // nothing was sent (never sent RTP, or peer on hold)
    }
    this.rtcp.stop();
    await flushed;
    this.dtls.close();
    this.dtlsRtcp.close();
    this.transport.close();
    await this.ice?.close();
    this.sendPath.dispose();
    this.receivePath.dispose();
    this.source.close();
    this.sink.close();
    this.stopRecording();
  }

  private dtlsComponent(via: 'rtp' | 'rtcp', onKeys: (srtp: SrtpContexts) => void, onFailure: (error: MediaSessionError) => void): DtlsSecurity {
    return new DtlsSecurity({
      clock: this.clock,
      certificate: this.options.dtlsCertificate,
      link: { send: (datagram) => this.transport.sendDtls(datagram, via) },
      ...(this.options.dtlsTimeoutMs !== undefined && { timeoutMs: this.options.dtlsTimeoutMs }),
      onKeys,
      onFailure,
    });
  }

  private checkOpen(): void {
    if (this.isClosed) throw new MediaStateError('the media session is closed');
  }

  private localOptions(offerSdp?: string): ReturnType<typeof localMediaOptions> {
    const options = localMediaOptions(this.options, { rtp: this.transport.rtpSocket.port, rtcp: this.transport.rtcpSocket.port }, this.holding, this.dtls.localSetup);
    // RFC 8839 §4.2: candidates, and c=/m= from the default candidate
    return this.ice ? { ...options, ...this.ice.sdpOptions(offerSdp) } : options;
  }

  /** Applies a negotiation result; failures are values. */
  private configure(media: NegotiatedMedia): MediaSetupError | undefined {
    // RFC 5764 §4.2: DTLS-SRTP keys come from the handshake, which starts once the rest is set up
    const srtp = media.security.kind === 'dtls' ? this.dtls.contextsFor(media.security) : srtpContextsFor(media.security, this.transport.srtp);
    if (srtp instanceof Error) return srtp;
    const codecFailure = this.sendPath.setCodec(media.sendCodec, { ptime: media.remotePtime, maxptime: media.remoteMaxptime });
    if (codecFailure) return codecFailure;
    this.receivePath.setCodecs(media.codecs);
    this.dtmf.configure(media.telephoneEvent);
    const before = this.media;
    this.transport.update(media, srtp);
    const path = this.ice?.apply(media, (state) => {
      this.emitPath();
      if (state === 'connected' && this.ice?.defaultStale) this.safely(() => this.staleHandler?.());
    });
    if (path) {
      this.transport.useRtpPath(path);
      path.onMessage((data, from) => this.safely(() => this.transport.receive(data, from, 'rtp')), (err) => this.report(new MediaSessionError(`RTP path: ${err.message}`)));
    }
    this.dtls.apply(media.security);
    // RFC 5764 §4.1: RTCP on a port of its own gets an association of its own
    const rtcpSecurity = media.rtcpMux ? ({ kind: 'none' } as const) : media.security;
    if (rtcpSecurity.kind !== 'dtls') this.transport.useRtcpKeys(undefined);
    else if (!this.dtlsRtcp.contextsFor(rtcpSecurity)) this.transport.awaitRtcpKeys();
    this.dtlsRtcp.apply(rtcpSecurity);
    if (before && before.direction !== media.direction) this.receivePath.reset();
    this.media = media;
    this.start();
    this.emitPath();
    return undefined;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.scheduler.start();
    this.rtcp.start();
    const interval = this.options.qualityIntervalMs ?? 5000;
    const emit = (): void => {
      this.qualityTimer = this.clock.setTimeout(emit, interval);
      this.safely(() => {
        this.listener.onQuality?.(this.quality());
        this.listener.onMediaPath?.(this.mediaPath());
      });
    };
    this.qualityTimer = this.clock.setTimeout(emit, interval);
  }

  private get sending(): boolean {
    const m = this.media;
    if (!m || m.remote.onHold || m.remote.rtp.port === 0) return false;
    return m.direction === 'sendrecv' || m.direction === 'sendonly';
  }

  private get receiving(): boolean {
    const d = this.media?.direction;
    return d === 'sendrecv' || d === 'recvonly';
  }

  /** Every 20 ms: one frame out, one frame played. */
  private tick(): void {
    this.safely(() => {
      const now = this.clock.now();
      const frame = this.source.read();
      const send = this.sending && !this.dtmf.active;
      if (send) this.sendPath.sendFrame(frame, now);
      else this.sendPath.skipFrame(now);
      const played = this.receivePath.pull().pcm;
      this.sink.write(played);
      this.recorder.write(played, send ? frame : null);
      if (this.pathStale()) this.emitPath();
    });
  }

  private sendRtcp(compound: Buffer): number {
    const done = this.byeSent;
    this.byeSent = undefined;
    const size = this.transport.sendRtcp(compound, done);
    if (size === 0) this.byeSent = done;
    return size;
  }

  private onRtp(packet: RtpPacket): void {
    if (!this.receiving) return;
    this.remote.onPacket(packet, this.clockRateOf(packet.payloadType), this.transport.srtp !== undefined, this.clock.now());
    if (this.media?.telephoneEvent?.pt === packet.payloadType) return this.dtmf.receiver?.onPacket(packet);
    const failure = this.receivePath.push(packet);
    if (failure) this.report(failure);
  }

  private onRtcp(packets: RtcpPacket[], size: number): void {
    this.rtcp.onPackets(packets, size);
    if (this.rtcp.remoteLeft && !this.peerLeft) {
      this.peerLeft = true; // RFC 3550 §6.6: the peer sent BYE
      this.emitPath();
    }
  }

  /** The RTP clock rate of a payload type the peer sends. */
  private clockRateOf(pt: number): number {
    const m = this.media;
    if (!m) return 8000;
    const codec = m.codecs.find((c) => c.pt === pt);
    if (codec) return codec.clockRate;
    if (m.telephoneEvent?.pt === pt) return m.telephoneEvent.clockRate;
    return m.sendCodec.clockRate;
  }

  /** Whether something the media path reports changed since it was last emitted (cheap, for every tick). */
  private pathStale(): boolean {
    return this.transport.latchChanges !== this.pathSeen.latches || (this.remote.lastAt !== undefined) !== this.pathSeen.received || (this.sendPath.lastSentAt !== undefined) !== this.pathSeen.sent;
  }

  private emitPath(): void {
    this.pathSeen = { latches: this.transport.latchChanges, received: this.remote.lastAt !== undefined, sent: this.sendPath.lastSentAt !== undefined };
    const p = this.mediaPath();
    const key = pathKey(p);
    if (key === this.lastPath) return;
    this.lastPath = key;
    this.listener.onMediaPath?.(p);
  }

  private report(error: MediaSessionError): void {
    this.errors.report(error);
  }

  /** Runs work from a timer or socket: nothing escapes into the event loop. */
  private safely(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.report(err instanceof MediaSessionError ? err : new MediaSessionError(`media: ${(err as Error).message}`));
    }
  }
}
