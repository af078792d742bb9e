/** A string given to the DTMF sender that holds something other than 0-9 * # A-D. */
export class DtmfDigitError extends Error {
  constructor(readonly digits: string) {
    super(`DTMF digits must be 0-9, *, # or A-D (got "${digits}")`);
    this.name = 'DtmfDigitError';
  }
}
