import { answerAudio, rejectedStream, type StreamVerdict } from './answer-audio';
import { SdpNegotiationError } from './errors';
import { stampDescription, type LocalSession, type StampedDescription } from './local-session';
import type { LocalMediaOptions } from './media-options';
import type { NegotiatedMedia, NegotiatedSession } from './negotiated-media';
import { parseSdp } from './parse-sdp';
import type { MediaDescription, SessionDescription } from './session-description';
import { localConnection } from './local-media';

export interface AnswerResult extends StampedDescription {
  readonly negotiated: NegotiatedSession;
}

/**
 * Our answer to an offer (RFC 3264 §6): the first acceptable audio stream is taken, every other
 * m-line is kept with port 0. Throws SdpParseError for a malformed offer (400) and
 * SdpNegotiationError when no audio can be accepted (488 with its Warning).
 */
export function createAnswer(session: LocalSession, offer: SessionDescription | string, options: LocalMediaOptions): AnswerResult {
  const remote = typeof offer === 'string' ? parseSdp(offer) : offer;
  let accepted: NegotiatedMedia | undefined;
  let firstRefusal: Extract<StreamVerdict, { ok: false }> | undefined;
  const media: MediaDescription[] = remote.media.map((m, index) => {
    // RFC 3264 §6: a stream offered with port 0 is answered with port 0.
    if (accepted || m.media !== 'audio' || m.port === 0) return rejectedStream(m);
    const verdict = answerAudio(m, index, { offerIceLite: remote.iceLite, tlsId: session.tlsId }, options);
    if (!verdict.ok) {
      firstRefusal ??= verdict;
      return rejectedStream(m);
    }
    accepted = verdict.negotiated;
    return verdict.media;
  });
  if (!accepted) {
    if (firstRefusal) throw new SdpNegotiationError(firstRefusal.warnCode, firstRefusal.reason);
    throw new SdpNegotiationError(304, 'no audio stream offered');
  }
  const stamped = stampDescription(session, {
    name: '-',
    connection: localConnection(options),
    timing: { start: 0, stop: 0 },
    iceLite: accepted.ice !== undefined && (options.ice?.lite ?? false),
    media,
    attributes: [],
  });
  return { ...stamped, negotiated: { audio: accepted, remoteOrigin: remote.origin } };
}
