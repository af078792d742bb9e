/** What was wrong with a WWW-Authenticate / Authorization header value. */
export type DigestParseFault =
  | 'empty'
  | 'expected-scheme'
  | 'expected-param'
  | 'unterminated-quote'
  | 'bad-value'
  | 'duplicate-param'
  | 'missing-param';

/** A challenge or credentials value that does not follow RFC 7616 §3.3/§3.4 (or RFC 3261 §25.1). */
export class DigestParseError extends Error {
  constructor(
    readonly fault: DigestParseFault,
    message: string,
  ) {
    super(message);
    this.name = 'DigestParseError';
  }
}

/** A parse outcome: bad input is a value, never a thrown exception. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: DigestParseError };

export function parseFailure(fault: DigestParseFault, message: string): { ok: false; error: DigestParseError } {
  return { ok: false, error: new DigestParseError(fault, message) };
}

/** A DigestServer set up so it could not issue a challenge (no algorithm this build can compute). */
export class DigestConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestConfigError';
  }
}
