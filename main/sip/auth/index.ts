// Digest authentication for SIP: RFC 3261 §22, RFC 7616, RFC 8760 (RFC 2617 for -sess and auth-int).
export { DigestParseError, DigestConfigError, type DigestParseFault, type Parsed } from './errors';
export {
  parseAlgorithm,
  isSupported,
  supportedAlgorithms,
  strength,
  type DigestAlgorithm,
  type DigestHash,
} from './algorithm';
export { parseChallenges, serializeChallenge, type DigestChallenge, type ChallengeFields } from './challenge';
export {
  parseCredentials,
  serializeCredentials,
  formatNonceCount,
  type DigestCredentials,
  type CredentialFields,
} from './credentials';
export { computeResponse, baseHa1, digestHex, type DigestRequest, type UserSecret, type ResponseInput } from './digest-compute';
export { chooseChallenge, canAnswer, type ChallengePolicy } from './choose-challenge';
export { decideRetry, type RetryVerdict } from './retry-decision';
export { MemoryCredentialStore, identityKey, type ClientCredential, type CredentialStore } from './credential-store';
export {
  DigestClient,
  type DigestClientOptions,
  type ChallengeResponse,
  type AuthDecision,
  type AuthorizationHeader,
  type AuthorizationHeaderName,
  type GiveUpReason,
} from './digest-client';
export {
  DigestServer,
  type DigestServerOptions,
  type UserDirectory,
  type VerifyResult,
  type RejectReason,
  type ChallengeToSend,
} from './digest-server';
