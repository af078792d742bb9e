import {
  applyAnswer,
  createAnswer,
  createLocalSession,
  createOffer,
  DEFAULT_SRTP_SUITES,
  generateKeySalt,
  isUnchangedRemote,
  parseSdp,
  SdpAnswerMismatchError,
  SdpNegotiationError,
  SdpParseError,
  type LocalMediaOptions,
  type LocalSession,
  type NegotiatedMedia,
  type Origin,
  type SessionDescription,
  type SrtpSuite,
} from '../../sdp';
import { MediaAnswerError, MediaStateError } from './errors';

/** Why an offer cannot be answered, with the SIP response to send (RFC 3261 §21.4.1, §21.4.26). */
export interface OfferRejection {
  readonly ok: false;
  readonly status: 400 | 488;
  /** Reason phrase: for a 400 it names the SDP fault. */
  readonly reason: string;
  /** Warning header value for a 488 (RFC 3261 §20.43), e.g. `305 host "Incompatible media format"`. */
  readonly warning?: string;
  readonly error: Error;
}

export type AnswerOutcome = { readonly ok: true; readonly sdp: string } | OfferRejection;
export type ApplyOutcome = { readonly ok: true } | { readonly ok: false; readonly error: MediaAnswerError | MediaStateError };

/**
 * Offer/answer state of one call (RFC 3264): our o= line and versions, the offer awaiting an
 * answer, the peer's last o= line, and our SDES keys, which stay the same across re-offers
 * (RFC 4568 §7.1.4) so SRTP contexts survive hold and resume.
 */
export class Negotiator {
  private session: LocalSession;
  private pending: SessionDescription | undefined;
  private remoteOrigin: Origin | undefined;
  private lastAnswer: string | undefined;
  private readonly keys: Partial<Record<SrtpSuite, Uint8Array>>;
  private beforeAnswer: { session: LocalSession; remoteOrigin: Origin | undefined; lastAnswer: string | undefined } | undefined;

  constructor(
    address: string,
    username: string | undefined,
    suites: readonly SrtpSuite[] | undefined,
    private readonly warnAgent: string,
  ) {
    this.session = createLocalSession(address, username !== undefined ? { username } : {});
    this.keys = Object.fromEntries((suites ?? DEFAULT_SRTP_SUITES).map((s) => [s, generateKeySalt(s)]));
  }

  /** Adds our keys to the media options. */
  private withKeys(options: LocalMediaOptions): LocalMediaOptions {
    return { ...options, keys: this.keys };
  }

  get awaitingAnswer(): boolean {
    return this.pending !== undefined;
  }

  offer(options: LocalMediaOptions): string {
    const stamped = createOffer(this.session, this.withKeys(options));
    this.session = stamped.session;
    this.pending = stamped.description;
    return stamped.sdp;
  }

  /** RFC 3264 §6 via main/sdp; `media` is undefined for an unchanged re-offer (§8: nothing to do). */
  answer(offerSdp: string, options: LocalMediaOptions): { ok: true; sdp: string; media: NegotiatedMedia | undefined } | OfferRejection {
    let parsed: SessionDescription;
    try {
      parsed = parseSdp(offerSdp);
    } catch (err) {
      return rejection(err);
    }
    if (this.lastAnswer !== undefined && isUnchangedRemote(this.remoteOrigin, parsed.origin)) return { ok: true, sdp: this.lastAnswer, media: undefined };
    try {
      const answered = createAnswer(this.session, parsed, this.withKeys(options));
      this.beforeAnswer = { session: this.session, remoteOrigin: this.remoteOrigin, lastAnswer: this.lastAnswer };
      this.session = answered.session;
      this.remoteOrigin = answered.negotiated.remoteOrigin;
      this.lastAnswer = answered.sdp;
      this.pending = undefined; // RFC 3264 §4: an offer from the peer ends any we had outstanding (glare is the UA's)
      return { ok: true, sdp: answered.sdp, media: answered.negotiated.audio };
    } catch (err) {
      if (err instanceof SdpNegotiationError) {
        return { ok: false, status: 488, reason: 'Not Acceptable Here', warning: err.warningHeader(this.warnAgent), error: err };
      }
      return rejection(err);
    }
  }

  /** Forgets the last answer, which was not sent after all (the media could not be set up: a 488 went instead). */
  undoAnswer(): void {
    if (!this.beforeAnswer) return;
    ({ session: this.session, remoteOrigin: this.remoteOrigin, lastAnswer: this.lastAnswer } = this.beforeAnswer);
    this.beforeAnswer = undefined;
  }

  applyAnswer(answerSdp: string): { ok: true; media: NegotiatedMedia } | { ok: false; error: MediaAnswerError | MediaStateError } {
    const offer = this.pending;
    if (!offer) return { ok: false, error: new MediaStateError('an answer came but no offer of ours is outstanding') };
    try {
      const negotiated = applyAnswer(offer, answerSdp);
      this.pending = undefined;
      this.remoteOrigin = negotiated.remoteOrigin;
      return { ok: true, media: negotiated.audio };
    } catch (err) {
      if (err instanceof SdpParseError || err instanceof SdpAnswerMismatchError) return { ok: false, error: new MediaAnswerError(err.message, err) };
      return { ok: false, error: new MediaAnswerError(`SDP: the answer cannot be used (${(err as Error).message})`, err as Error) };
    }
  }
}

/** A malformed offer: 400 with the fault as reason phrase (one line, as a reason phrase must be). */
function rejection(err: unknown): OfferRejection {
  const error = err instanceof Error ? err : new Error(String(err));
  const reason = err instanceof SdpParseError ? error.message : `SDP: cannot be processed (${error.message})`;
  return { ok: false, status: 400, reason: reason.replace(/[\r\n]+/g, ' '), error };
}
