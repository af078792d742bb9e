import type { CallQuality, Encryption, MediaPathInfo } from '../../../shared/ipc';
import type { AudioSink, AudioSource } from '../../media/audio';
import type { MixerPort } from '../../media/mixer';
import type { CallNat } from '../nat-settings';

/** Why media negotiation failed, as the SIP answer to give (RFC 3261 §13.3.1.3, RFC 3264 §6). */
export interface MediaRefusal {
  ok: false;
  /** 488 for an offer we cannot satisfy, 400 for a bad SDP body. */
  status: number;
  reason: string;
  /** RFC 3261 §20.43 Warning header value, e.g. `305 litesip "Incompatible media format"`. */
  warning?: string;
}

export type MediaAnswer = { ok: true; sdp: string } | MediaRefusal;
export type MediaAccepted = { ok: true } | MediaRefusal;

/** What a call's media reports upward. */
export interface CallMediaEvents {
  onQuality(quality: Omit<CallQuality, 'callId'>): void;
  onMediaPath(path: Omit<MediaPathInfo, 'callId'>): void;
  onDtmf(digit: string, durationMs: number): void;
  onError(message: string): void;
  /** The media cannot work at all (DTLS-SRTP failed: no keys, wrong fingerprint); the call should end. */
  onFailed(reason: string): void;
  /** ICE completed and createIceUpdateOffer() has a re-offer to send (RFC 8839 §4.3.4). */
  onDefaultCandidateStale?(): void;
}

/**
 * One call's audio as the call manager drives it: SDP offer/answer (RFC 3264), hold and
 * resume by re-offer, DTMF, and the running RTP/SRTP streams.
 */
export interface CallMedia {
  /** An offer for an INVITE (or for a 200 when the INVITE had none). */
  createOffer(): Promise<string>;
  /** The peer's answer to our offer; media starts on success. */
  acceptAnswer(sdp: string): Promise<MediaAccepted>;
  /** Our answer to the peer's offer (initial or re-offer); media starts or changes on success. */
  answerOffer(sdp: string): Promise<MediaAnswer>;
  /** A re-offer putting the call on hold (sendonly, RFC 3264 §8.4) or back (sendrecv). */
  createHoldOffer(held: boolean): Promise<string>;
  /**
   * The re-offer moving c=/m= to the selected ICE candidate, same ICE credentials (RFC 8839
   * §4.3.4), or undefined when none is due (matching default, not controlling, held, no ICE).
   */
  createIceUpdateOffer?(): Promise<string | undefined>;
  setMuted(muted: boolean): void;
  sendDtmf(digits: string): void;
  readonly codec: string | undefined;
  readonly encryption: Encryption;
  /** True when the peer's last SDP put us on hold. */
  readonly remoteHeld: boolean;
  /** The local microphone (or headless source) this call sends when nothing else is routed to it. */
  readonly localSource: AudioSource;
  /** The local speaker this call plays into when nothing else is routed (none in headless mode). */
  readonly localSink?: AudioSink;
  /** Sends a mixer's audio and delivers what is received to it (a local conference); undefined restores the call's own. */
  routeAudio(port: MixerPort | undefined): void;
  close(): Promise<void>;
}

export interface CallMediaOptions {
  /** Our address on the signaling path, to bind media near it. */
  localHost: string;
  events: CallMediaEvents;
  /** The call this media belongs to (the audio device follows calls by id). */
  callId?: string;
  /** ICE and the NAT servers from the settings at the time of the call (the engine's own flags win). */
  nat?: CallNat;
  /** The SDP offer the media is made to answer (an incoming INVITE's body), when there is one. */
  offer?: string;
}

export type CallMediaFactory = (options: CallMediaOptions) => Promise<CallMedia>;
