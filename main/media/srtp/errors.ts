/** Why an SRTP or SRTCP packet was refused. Returned as a value, never thrown. */
export type SrtpErrorCode =
  /** Too short, wrong version, or a header that runs past the packet. */
  | 'malformed'
  /** RFC 3711 §3.3: the authentication tag does not match. */
  | 'auth-failed'
  /** RFC 3711 §3.3.2: this index was already received. */
  | 'replayed'
  /** RFC 3711 §3.3.2: the index is left of the replay window. */
  | 'too-old'
  /** RFC 3711 §9.2: the master key protected as many packets as it may. */
  | 'key-expired'
  /** RFC 3711 §3.1: the MKI names a key this session does not hold. */
  | 'unknown-mki';

/** A refused packet: the code names the fault, the message says it for a log. */
export class SrtpError extends Error {
  constructor(
    readonly code: SrtpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SrtpError';
  }
}

export type SrtpResult = { ok: true; packet: Buffer } | { ok: false; error: SrtpError };

/** The session was built with key material that does not fit its crypto suite (a caller's bug). */
export class SrtpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SrtpConfigError';
  }
}

/** An RFC 4568 key-params value that cannot be read. */
export class SdesKeyError extends Error {
  constructor(
    readonly reason: 'method' | 'base64' | 'length' | 'lifetime' | 'mki' | 'suite' | 'session-param',
    message: string,
  ) {
    super(message);
    this.name = 'SdesKeyError';
  }
}

export function fail(code: SrtpErrorCode, message: string): SrtpResult {
  return { ok: false, error: new SrtpError(code, message) };
}
