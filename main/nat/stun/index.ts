export {
  StunParseError,
  StunEncodeError,
  StunTimeoutError,
  StunErrorResponseError,
  StunIntegrityError,
  StunBadResponseError,
  StunTransportError,
  type StunFaultReason,
  type StunResult,
  type StunTransactionError,
} from './errors';
export { MAGIC_COOKIE, HEADER_LENGTH, TRANSACTION_ID_LENGTH, FINGERPRINT_XOR, STUN_METHOD, STUN_ATTR, COMPREHENDED_ATTRIBUTES, isComprehensionRequired } from './constants';
export { encodeMessageType, decodeMessageType, type StunClass } from './message-type';
export { findAttribute, type StunAttribute, type StunMessage, type DecodedAttribute, type DecodedStunMessage } from './stun-message';
export { decodeStunMessage, looksLikeStun, type StunDecodeOptions } from './decode';
export { encodeStunMessage, type StunEncodeOptions } from './encode';
export { verifyFingerprint, fingerprintOf, type StunCheck } from './fingerprint';
export { verifyMessageIntegrity, verifyMessageIntegritySha256, MESSAGE_INTEGRITY_LENGTH, MESSAGE_INTEGRITY_SHA256_LENGTH } from './integrity';
export { randomTransactionId } from './transaction-id';
export { ipToBytes, bytesToIp, type IpPort, type TransportAddress } from './ip-bytes';
export { encodeAddress, decodeAddress, encodeXorAddress, decodeXorAddress } from './address-attributes';
export { textAttribute, decodeText, MAX_USERNAME_BYTES, MAX_TEXT_CHARACTERS, MAX_TEXT_BYTES, type TextAttributeType } from './text-attributes';
export { encodeErrorCode, decodeErrorCode, STUN_ERROR_REASONS, type StunErrorCode } from './error-code';
export { encodeUnknownAttributes, decodeUnknownAttributes } from './unknown-attributes';
export { priorityAttribute, decodePriority, useCandidateAttribute, iceRoleAttribute, decodeTieBreaker } from './ice-attributes';
export { saslprep, opaqueString } from './saslprep';
export { PASSWORD_ALGORITHM, encodePasswordAlgorithms, decodePasswordAlgorithms, userHash, type PasswordAlgorithm } from './password-algorithm';
export { shortTermKey, longTermKey, type LongTermCredentials, type LongTermAlgorithm, type PasswordPreparation } from './credentials';
export { retransmissionSchedule, RTO_INITIAL, RC, RM, type RetransmissionOptions } from './retransmission';
export {
  StunBindingClient,
  type BindingClientOptions,
  type BindingRequestOptions,
  type BindingSuccess,
  type BindingOutcome,
  type StunSend,
  type StunServerAddress,
} from './binding-client';
export { answerBindingRequest, type BindingResponderOptions } from './binding-responder';
