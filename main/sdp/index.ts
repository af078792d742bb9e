// SDP and offer/answer (RFC 8866, RFC 3264) for LiteSIP's audio calls.
export { SdpAnswerMismatchError, SdpCryptoError, SdpNegotiationError, SdpParseError, UnknownCodecError, WARN_CODES, type WarnCode } from './errors';
export type {
  AddrType,
  Attribute,
  Connection,
  CryptoAttribute,
  Direction,
  Fingerprint,
  IceCandidate,
  IceParameters,
  KeyParams,
  MediaDescription,
  Origin,
  RtpFormat,
  SessionDescription,
  SetupRole,
} from './session-description';
export { parseSdp } from './parse-sdp';
export { writeSdp } from './write-sdp';
export { ALL_CODECS, CODECS, DEFAULT_CODECS, parseCodecList, type CodecName, type CodecSpec, type OpusOptions } from './codecs';
export { DEFAULT_SRTP_SUITES, SRTP_SUITES, keySaltLength, type SrtpSuite } from './srtp-suites';
export { generateTlsId } from './dtls-attributes';
export { formatKeyParams, generateKeySalt, parseCryptoAttribute, parseKeyParams } from './crypto-attribute';
export { DEFAULT_PTIME, type LocalIce, type LocalMediaOptions, type SrtpMode } from './media-options';
export { createLocalSession, isUnchangedRemote, type LocalSession, type LocalSessionOptions, type StampedDescription } from './local-session';
export { createOffer, OFFER_PROFILES } from './create-offer';
export { createAnswer, type AnswerResult } from './create-answer';
export { applyAnswer } from './apply-answer';
export { answerDirection, effectiveDirection } from './direction';
export { reusableKeys, type NegotiatedCodec, type NegotiatedIce, type NegotiatedMedia, type NegotiatedSecurity, type NegotiatedSession, type TransportAddress } from './negotiated-media';
