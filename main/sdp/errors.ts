/**
 * An SDP body that is malformed or lacks a mandatory part. The message is fit for the reason
 * phrase of a 400 response ("SDP: missing c= for audio m-line").
 */
export class SdpParseError extends Error {
  constructor(message: string) {
    // RFC 3261 §25.1: a Reason-Phrase holds no control characters; quoted input may.
    super(`SDP: ${[...message].map((c) => (c < ' ' || c === '\u007f' ? '?' : c)).join('')}`);
    this.name = 'SdpParseError';
  }
}

/** An a=crypto attribute whose syntax or key-params are malformed (RFC 4568 §9.1). */
export class SdpCryptoError extends SdpParseError {
  constructor(message: string) {
    super(message);
    this.name = 'SdpCryptoError';
  }
}

/** RFC 3261 §20.43 warn-codes used when media cannot be negotiated. */
export const WARN_CODES = {
  300: 'Incompatible network protocol',
  301: 'Incompatible network address formats',
  302: 'Incompatible transport protocol',
  303: 'Incompatible bandwidth units',
  304: 'Media type not available',
  305: 'Incompatible media format',
  306: 'Attribute not understood',
  307: 'Session description parameter not understood',
} as const;

export type WarnCode = keyof typeof WARN_CODES;

/**
 * An offer we cannot accept any audio from. The UA answers 488 Not Acceptable Here with
 * a Warning header built by warningHeader() (RFC 3261 §21.4.26, §20.43).
 */
export class SdpNegotiationError extends Error {
  readonly statusCode = 488;
  readonly warnText: string;

  constructor(
    readonly warnCode: WarnCode,
    detail: string,
  ) {
    super(`SDP: ${detail}`);
    this.name = 'SdpNegotiationError';
    this.warnText = WARN_CODES[warnCode];
  }

  /** The Warning header value: `305 host "Incompatible media format"` (RFC 3261 §20.43). */
  warningHeader(agent: string): string {
    return `${this.warnCode} ${agent} "${this.warnText}"`;
  }
}

/**
 * An answer that does not fit the offer it answers (RFC 3264 §6): wrong number of m-lines,
 * formats never offered, a changed transport. After an answer in ACK the UA ends the call.
 */
export class SdpAnswerMismatchError extends Error {
  constructor(message: string) {
    super(`SDP: ${message}`);
    this.name = 'SdpAnswerMismatchError';
  }
}

/** A codec name outside our capabilities, e.g. from `--codec opus,g729`. */
export class UnknownCodecError extends Error {
  constructor(readonly codec: string) {
    super(`unknown codec "${codec}" (known: opus, g722, pcmu, pcma)`);
    this.name = 'UnknownCodecError';
  }
}
