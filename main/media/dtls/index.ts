/**
 * DTLS-SRTP (RFC 5763, RFC 5764) on werift's DTLS client and server over any datagram link:
 * our certificate and its SDP fingerprint (RFC 8122), the handshake with a timeout, the
 * fingerprint and key-possession checks, and SRTP key export (RFC 5764 §4.2).
 */
export { createDtlsCertificate, sharedDtlsCertificate, type DtlsCertificate } from './certificate';
export { certificateFingerprint, matchesFingerprints } from './fingerprint';
export type { DatagramLink } from './datagram-link';
export { DtlsEndpoint, DTLS_HANDSHAKE_TIMEOUT_MS, type DtlsEndpointOptions, type DtlsOutcome, type DtlsState } from './dtls-endpoint';
export { DtlsError, type DtlsFailureCode } from './errors';
export { DEFAULT_DTLS_SUITES, SRTP_PROFILES, splitKeyingMaterial, type DtlsSrtpKeys, type SrtpMaster } from './srtp-profiles';
export { verifyCertificateVerify, verifyServerKeyExchange } from './proof-of-possession';
