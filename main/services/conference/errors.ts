export type ConferenceErrorCode = 'conference-full' | 'not-in-conference' | 'already-in-conference';

/** A conference request that cannot be done, with a code for the UI. */
export class ConferenceError extends Error {
  override readonly name = 'ConferenceError';

  constructor(
    readonly code: ConferenceErrorCode,
    message: string,
  ) {
    super(message);
  }
}
