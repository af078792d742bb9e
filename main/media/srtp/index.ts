/**
 * SRTP and SRTCP: RFC 3711 (AES-CM + HMAC-SHA1, key derivation with kdr 0, rollover, replay),
 * RFC 6188 (AES-256), RFC 7714 (AEAD AES-GCM) and RFC 4568 key-params. One SrtpSession per
 * direction; per-SSRC contexts appear with their first authenticated packet; refusals are values.
 */
export { SRTP_SUITES, isSrtpSuiteName, type SrtpSuite, type SrtpSuiteName } from './crypto-suite';
export { SrtpError, SrtpConfigError, SdesKeyError, type SrtpErrorCode, type SrtpResult } from './errors';
export { SrtpSession, SRTP_MAX_PACKETS, SRTCP_MAX_PACKETS, type SrtpSessionOptions } from './srtp-session';
export { REPLAY_WINDOW_SIZE } from './replay-window';
export {
  parseKeyParams,
  formatKeyParams,
  parseCryptoAttribute,
  formatCryptoAttribute,
  mkiOctets,
  sessionOptionsFromSdes,
  type SdesKeyParams,
  type SdesMki,
  type SdesCryptoAttribute,
  type SdesResult,
} from './sdes-key';
export { sessionOptionsFromSdpCrypto } from './sdp-crypto';
