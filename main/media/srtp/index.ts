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
