/** A voicemail request that cannot be done; `code` is the contract's error code. */
export class VoicemailError extends Error {
  constructor(
    readonly code: 'not-found' | 'audio-missing' | 'audio-damaged' | 'export-failed' | 'too-large' | 'bad-greeting',
    message: string,
  ) {
    super(message);
    this.name = 'VoicemailError';
  }
}
