/** A secret could not be opened: wrong or missing key, damaged ciphertext, or another cipher sealed it. */
export class SecretDecryptError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'SecretDecryptError';
  }
}

/** The key file is unusable (wrong size or format, unreadable). It is left as it was. */
export class SecretKeyFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SecretKeyFileError';
  }
}
