/** A dialog could not be created or used, with the status a UAS should answer where one applies. */
export class DialogError extends Error {
  constructor(
    readonly code: 'missing-tag' | 'missing-contact' | 'bad-contact' | 'terminated' | 'cseq-out-of-order',
    message: string,
    /** RFC 3261 status to answer with, when the error came from a request. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DialogError';
  }
}
