/** Why a DTLS-SRTP association could not give SRTP keys. */
export type DtlsFailureCode =
  /** RFC 5763 §5: the peer's certificate does not match its SDP a=fingerprint. */
  | 'fingerprint-mismatch'
  /** The handshake did not finish in time. */
  | 'timeout'
  /** The peer signed nothing or signed wrongly: it does not hold its certificate's key. */
  | 'proof-of-possession'
  /** RFC 5764 §4.1.1: no use_srtp protection profile both sides support. */
  | 'no-srtp-profile'
  /** Anything else the handshake failed on (an alert, a malformed flight, no certificate). */
  | 'handshake';

/** A DTLS-SRTP failure, as a value from the endpoint. */
export class DtlsError extends Error {
  constructor(
    readonly code: DtlsFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'DtlsError';
  }
}
