/**
 * One call's audio: sockets, SDP offer/answer (RFC 3264), SDES-SRTP (RFC 4568, RFC 3711), DTLS-SRTP (RFC 5764),
 * RTP/RTCP (RFC 3550, RFC 5761 mux, RFC 7983 demux), symmetric RTP (RFC 4961), DTMF
 * (RFC 4733), quality and media-path events, recording.
 */
export {
  DtlsFingerprintMismatchError,
  DtlsHandshakeTimeoutError,
  DtlsSrtpError,
  MediaAnswerError,
  MediaBindError,
  MediaSendError,
  MediaSessionError,
  MediaSetupError,
  MediaStateError,
} from './errors';
export { MediaSession } from './media-session';
export type { MediaSessionOptions } from './media-session-options';
export type { DtlsStatus } from './dtls-security';
export type { MediaAddress, MediaPathFacts, MediaSessionListener, QualityReport } from './media-events';
export type { IcePathFacts } from './ice-link';
export type { AnswerOutcome, ApplyOutcome, OfferRejection } from './negotiator';
export { estimateMos } from './quality-score';
