import fs from 'node:fs';
import path from 'node:path';
import type { Encryption, MediaPathInfo } from '../../../shared/ipc';
import { openSource, SilenceSource, WavFileSink, type AudioSink, type AudioSource } from '../../media/audio';
import type { MixerPort } from '../../media/mixer';
import { DtlsSrtpError, MediaSession, type IcePathFacts, type MediaAddress, type MediaSessionListener } from '../../media/session';
import type { CodecName } from '../../sdp';
import type { CallsOptions } from '../features';
import { diagnoseMediaPath } from './media-diagnosis';
import type { CallMedia, CallMediaEvents, CallMediaFactory, MediaAccepted, MediaAnswer } from './call-media';
import { effectiveNat } from '../nat-settings';

/** A call's media on the engine's MediaSession (RTP/SRTP in plain Node). */
class SessionMedia implements CallMedia {
  private muted = false;
  private route: MixerPort | undefined;

  constructor(
    private readonly session: MediaSession,
    readonly localSource: AudioSource,
    readonly localSink?: AudioSink,
  ) {
    const silence = new SilenceSource();
    // One source and sink for the session's life that follow mute and routing, so nothing is closed by switching.
    session.setSource({ read: () => (this.muted ? silence.read() : (this.route?.source ?? localSource).read()), close: () => localSource.close() });
    session.setSink({ write: (frame) => (this.route?.sink ?? this.localSink)?.write(frame), close: () => undefined });
  }

  routeAudio(port: MixerPort | undefined): void {
    this.route = port;
  }

  async createOffer(): Promise<string> {
    return this.session.createOffer();
  }

  async acceptAnswer(sdp: string): Promise<MediaAccepted> {
    const r = this.session.applyAnswer(sdp);
    return r.ok ? { ok: true } : { ok: false, status: 488, reason: r.error.message };
  }

  async answerOffer(sdp: string): Promise<MediaAnswer> {
    const r = this.session.createAnswer(sdp);
    if (r.ok) return { ok: true, sdp: r.sdp };
    return { ok: false, status: r.status, reason: r.reason, ...(r.warning ? { warning: r.warning } : {}) };
  }

  async createHoldOffer(held: boolean): Promise<string> {
    return held ? this.session.hold() : this.session.resume();
  }

  async createIceUpdateOffer(): Promise<string | undefined> {
    return this.session.createIceUpdateOffer();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
  }

  sendDtmf(digits: string): void {
    const r = this.session.sendDtmf(digits);
    if (!r.ok) throw new Error(r.error.message);
  }

  get codec(): string | undefined {
    return this.session.negotiated?.sendCodec.name;
  }

  get encryption(): Encryption {
    // with DTLS-SRTP nothing flows before the keys, so the call is protected from the start
    if (this.session.negotiated?.security.kind === 'dtls') return 'dtls-srtp';
    return this.session.quality().srtp ? 'srtp' : 'none';
  }

  get remoteHeld(): boolean {
    const media = this.session.negotiated;
    if (!media) return false;
    // RFC 3264 §8.4: the peer holds us with sendonly/inactive (we answer recvonly/inactive) or c=0.0.0.0.
    return media.remote.onHold || media.direction === 'recvonly' || (media.direction === 'inactive' && !this.session.onHold);
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}

function describe(a: MediaAddress | undefined): string {
  if (!a) return '';
  return `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
}

/** Headless mode with `--record DIR`: a local conference is recorded as the local user hears it. */
export function conferenceRecorder(options: CallsOptions): (() => AudioSink) | undefined {
  const dir = options.recordDir;
  if (!dir) return undefined;
  return () => {
    fs.mkdirSync(dir, { recursive: true });
    return new WavFileSink(path.join(dir, `conference-${Date.now()}.wav`));
  };
}

/** Builds each call's media from the engine's call options (headless sources and recordings). */
export function mediaSessionFactory(options: CallsOptions): CallMediaFactory {
  let recordings = 0;
  return async ({ localHost, events, callId, nat: stored, offer }) => {
    // the settings at call time, with the engine's own flags (--ice, --stun, --turn) winning
    const nat = effectiveNat(stored, options);
    const bindHost = localHost === '0.0.0.0' || localHost === '::' || localHost === '' ? '0.0.0.0' : localHost;
    const session = await MediaSession.create({
      bindHost,
      ...(options.srtp ? { srtp: options.srtp } : {}),
      ...(options.codecs ? { codecs: options.codecs as CodecName[] } : {}),
      // ICE with host candidates by default; STUN/TURN only as configured (never a public server)
      ice: { enabled: nat.ice, ...(nat.servers ? { servers: nat.servers } : {}) },
      ...(offer !== undefined ? { answering: offer } : {}),
      listener: listenerFor(events, nat.problem),
    });
    session.onDefaultCandidateStale(() => events.onDefaultCandidateStale?.());
    const source = options.play ? openSource(options.play, { loop: true }) : new SilenceSource();
    // With an audio device the call talks through the user's microphone and speaker while it is the active one.
    const leg = options.device && callId !== undefined ? options.device.leg(callId, source) : undefined;
    const media = leg ? new SessionMedia(session, leg.source, leg.sink) : new SessionMedia(session, source);
    try {
      if (options.recordFile && recordings++ === 0) session.startRecording(options.recordFile);
      else if (options.recordDir) {
        fs.mkdirSync(options.recordDir, { recursive: true });
        session.startRecording(path.join(options.recordDir, `call-${Date.now()}-${recordings++}.wav`));
      }
    } catch (err) {
      await session.close();
      throw err;
    }
    return media;
  };
}

/** `natProblem`: why a configured NAT server is not used; a diagnosis of missing media names it. */
function listenerFor(events: CallMediaEvents, natProblem?: string): MediaSessionListener {
  const started = Date.now();
  return {
    onQuality: (q) =>
      events.onQuality({
        packetsSent: q.packetsSent,
        packetsReceived: q.packetsReceived,
        lossPercent: q.lossPercent,
        jitterMs: q.jitterMs,
        ...(q.rttMs !== undefined ? { rttMs: q.rttMs } : {}),
        mos: q.mos ?? 1,
      }),
    onMediaPath: (p) =>
      events.onMediaPath({
        local: describe(p.local),
        remote: describe(p.remoteSignalled),
        ...(p.remoteLatched ? { latched: describe(p.remoteLatched) } : {}),
        receiving: p.rtpReceived,
        sending: p.rtpSent,
        ...optionalDiagnosis(withNatProblem(diagnoseMediaPath(p, Date.now() - started), natProblem)),
        ...(p.ice ? iceInfo(p.ice) : {}),
      }),
    onDtmf: (d) => events.onDtmf(d.digit, d.durationMs),
    // RFC 5763 §5: without a DTLS association there are no SRTP keys, so the call cannot carry audio.
    onError: (e) => (e instanceof DtlsSrtpError ? events.onFailed(e.message) : events.onError(e.message)),
  };
}

function withNatProblem(diagnosis: string | undefined, problem: string | undefined): string | undefined {
  return diagnosis && problem ? `${diagnosis} (${problem})` : diagnosis;
}

function iceInfo(ice: IcePathFacts): Pick<MediaPathInfo, 'ice' | 'candidatePair'> {
  const s = ice.selected;
  if (!s) return { ice: ice.state };
  return {
    ice: ice.state,
    candidatePair: { localType: s.local.type, local: describe(s.local), remoteType: s.remote.type, remote: describe(s.remote), ...(s.relayTransport ? { relayTransport: s.relayTransport } : {}) },
  };
}

function optionalDiagnosis(diagnosis: string | undefined): { diagnosis?: string } {
  return diagnosis === undefined ? {} : { diagnosis };
}
