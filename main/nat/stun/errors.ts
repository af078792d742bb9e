/** What is wrong with a STUN message or attribute value. */
export type StunFaultReason =
  /** Shorter than its header or its declared lengths. */
  | 'truncated'
  /** RFC 8489 §6.3: the first two bits are not zero or the magic cookie is missing. */
  | 'not-stun'
  /** RFC 8489 §5: the length field is not a multiple of 4 or does not match the data. */
  | 'length'
  /** RFC 8489 §14.7: something follows FINGERPRINT. */
  | 'layout'
  /** An attribute value that does not fit its type (family, class, length limit). */
  | 'value'
  /** A required attribute is absent. */
  | 'missing';

/** A message or attribute that cannot be read; returned as a value, never thrown out of a decoder. */
export class StunParseError extends Error {
  constructor(
    readonly reason: StunFaultReason,
    message: string,
  ) {
    super(message);
    this.name = 'StunParseError';
  }
}

export type StunResult<T> = { ok: true; value: T } | { ok: false; error: StunParseError };

export function fault<T>(reason: StunFaultReason, message: string): StunResult<T> {
  return { ok: false, error: new StunParseError(reason, message) };
}

/** A value we were asked to send that STUN cannot carry (a programming error, thrown). */
export class StunEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StunEncodeError';
  }
}

/** RFC 8489 §6.2.1: no response after Rc requests and Rm·RTO of waiting. */
export class StunTimeoutError extends Error {
  constructor(
    readonly attempts: number,
    readonly elapsedMs: number,
  ) {
    super(`STUN transaction timed out after ${attempts} requests and ${Math.round(elapsedMs)} ms`);
    this.name = 'StunTimeoutError';
  }
}

/** RFC 8489 §6.3.4: the server answered with an error response. */
export class StunErrorResponseError extends Error {
  constructor(
    readonly code: number,
    readonly reasonPhrase: string,
    /** RFC 8489 §14.13: the types a 420 response listed. */
    readonly unknownAttributes: readonly number[] = [],
    /** RFC 8489 §14.15: where a 300 response points (only from a response whose integrity held). */
    readonly alternateServer?: { readonly address: string; readonly port: number },
  ) {
    super(`STUN error response ${code} ${reasonPhrase}`.trim());
    this.name = 'StunErrorResponseError';
  }
}

/** RFC 8489 §9.1.4: responses arrived but none carried a valid MESSAGE-INTEGRITY. */
export class StunIntegrityError extends Error {
  constructor(readonly discarded: number) {
    super(`STUN transaction failed: ${discarded} response(s) discarded for bad or missing MESSAGE-INTEGRITY`);
    this.name = 'StunIntegrityError';
  }
}

/** RFC 8489 §6.3.3: a success response that cannot be used (unknown required attributes, no address). */
export class StunBadResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StunBadResponseError';
  }
}

/** The caller's send function failed, or the client was closed while the transaction ran. */
export class StunTransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StunTransportError';
  }
}

/** Every way a Binding transaction can fail. */
export type StunTransactionError = StunTimeoutError | StunErrorResponseError | StunIntegrityError | StunBadResponseError | StunTransportError;
