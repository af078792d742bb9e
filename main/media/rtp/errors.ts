/** What is wrong with an RTP or RTCP packet (or an RFC 4733 payload). */
export type RtpFaultReason =
  /** Shorter than its header or its declared lengths. */
  | 'truncated'
  /** RFC 3550 §A.1/§A.2: the version is not 2. */
  | 'version'
  /** RFC 3550 §5.1: the padding count is zero or larger than the payload. */
  | 'padding'
  /** RFC 3550 §A.1: RTP payload type that clashes with RTCP SR/RR (72, 73). */
  | 'payload-type'
  /** RFC 3550 §A.2: the RTCP lengths do not add up to the compound packet. */
  | 'length'
  /** RFC 3550 §A.2: the compound does not start with SR or RR, or padding sits on a non-last packet. */
  | 'compound'
  /** A field holds a value outside its range. */
  | 'value';

/** A packet that cannot be read; returned as a value, never thrown across the module. */
export class RtpParseError extends Error {
  constructor(
    readonly reason: RtpFaultReason,
    message: string,
  ) {
    super(message);
    this.name = 'RtpParseError';
  }
}

export type RtpResult<T> = { ok: true; value: T } | { ok: false; error: RtpParseError };

export function fault<T>(reason: RtpFaultReason, message: string): RtpResult<T> {
  return { ok: false, error: new RtpParseError(reason, message) };
}
