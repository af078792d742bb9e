import type { CSeq, HeaderField, NameAddr, Via } from './types';

/** Why a message could not be parsed. */
export type SipParseErrorCode =
  /** Nothing but whitespace. */
  | 'empty'
  /** The first line is neither a Request-Line nor a Status-Line. */
  | 'bad-start-line'
  /** SIP-Version other than SIP/2.0: a UAS answers 505 (RFC 3261 §8.2.2… §21.5.6). */
  | 'bad-version'
  /** Request-URI scheme the UA does not support: answer 416 (RFC 3261 §8.2.2.1). */
  | 'unsupported-uri-scheme'
  /** The Request-URI does not parse. */
  | 'bad-request-uri'
  /** A header line or value does not parse. */
  | 'bad-header'
  /** A mandatory header (Via, From, To, Call-ID, CSeq) is absent (RFC 3261 §8.1.1). */
  | 'missing-header'
  /** Content-Length is not a number, or appears twice with different values. */
  | 'bad-content-length'
  /** Fewer body bytes than Content-Length says (RFC 3261 §18.3). */
  | 'body-too-short'
  /** A stream message without Content-Length (RFC 3261 §18.3). */
  | 'missing-content-length'
  /** The header block is not terminated by an empty line. */
  | 'incomplete';

/**
 * What a UAS needs to answer a malformed request (RFC 3261 §8.2: a 400 carries the
 * request's Via, From, To, Call-ID and CSeq). Filled with whatever parsed before the fault.
 */
export interface MalformedContext {
  readonly kind: 'request' | 'response';
  readonly method?: string;
  readonly status?: number;
  readonly via: readonly Via[];
  readonly from?: NameAddr;
  readonly to?: NameAddr;
  readonly callId?: string;
  readonly cseq?: CSeq;
  /** The Via, From, To, Call-ID and CSeq lines as received, to be copied verbatim into a 400. */
  readonly copyHeaders: readonly HeaderField[];
}

/**
 * A message that could not be parsed. A value, never thrown (so it captures no stack):
 * `reason` is fit for a 400 reason phrase; `status` says what a UAS answers a request with.
 */
export class SipParseError {
  readonly name = 'SipParseError';

  constructor(
    readonly code: SipParseErrorCode,
    /** Human text fit for a reason phrase, e.g. "Bad CSeq header: method does not match request line". */
    readonly reason: string,
    /** The response a UAS sends for a request: 400, 416 or 505. */
    readonly status: 400 | 416 | 505 = 400,
    /** Lower-case name of the header at fault, when one is. */
    readonly header?: string,
    /** Set when the start line and the headers for a response parsed. */
    readonly context?: MalformedContext,
  ) {}

  /** The same error, now knowing the message it came from. */
  withContext(context: MalformedContext): SipParseError {
    return new SipParseError(this.code, this.reason, this.status, this.header, context);
  }

  toString(): string {
    return `${this.name}(${this.code}): ${this.reason}`;
  }
}

export type SipFramingErrorCode = 'header-too-large' | 'message-too-large' | 'missing-content-length' | 'bad-content-length';

/** The stream cannot be framed any further: the transport closes the connection (RFC 3261 §18.3). */
export class SipFramingError {
  readonly name = 'SipFramingError';

  constructor(
    readonly code: SipFramingErrorCode,
    readonly reason: string,
  ) {}

  toString(): string {
    return `${this.name}(${this.code}): ${this.reason}`;
  }
}

/** A builder or header setter was given a value that is not valid SIP. Thrown: it is a programming error. */
export class SipBuildError extends Error {
  constructor(
    readonly header: string,
    readonly reason: string,
  ) {
    super(`Invalid ${header}: ${reason}`);
    this.name = 'SipBuildError';
  }
}
