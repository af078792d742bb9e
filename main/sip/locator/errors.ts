/** Why a DNS question got no usable answer; each is a value, never a thrown exception. */
export type DnsFailure = 'nxdomain' | 'no-data' | 'timeout' | 'servfail' | 'refused' | 'error';

/** One failed DNS question, kept for diagnostics. */
export interface DnsProblem {
  readonly name: string;
  readonly type: 'NAPTR' | 'SRV' | 'A' | 'AAAA';
  readonly failure: DnsFailure;
  readonly detail: string;
}

/** Why no target could be produced for a URI (RFC 3263 §4). */
export type LocateFault = 'bad-uri' | 'unsupported-transport' | 'no-targets';

export class LocateError extends Error {
  constructor(
    readonly fault: LocateFault,
    message: string,
    readonly problems: readonly DnsProblem[] = [],
  ) {
    super(message);
    this.name = 'LocateError';
  }
}
