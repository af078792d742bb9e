/** A frame or payload of the wrong size for the codec. */
export class CodecFrameError extends Error {
  constructor(
    readonly codec: string,
    message: string,
  ) {
    super(message);
    this.name = 'CodecFrameError';
  }
}

/** No codec is registered under that RTP encoding name and clock rate. */
export class UnknownCodecError extends Error {
  constructor(readonly encodingName: string) {
    super(`no codec for RTP encoding name "${encodingName}"`);
    this.name = 'UnknownCodecError';
  }
}

/** The Opus library reported a failure (its error code is kept). */
export class OpusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'OpusError';
  }
}

/** A codec was used after dispose(). */
export class CodecDisposedError extends Error {
  constructor(readonly codec: string) {
    super(`${codec} codec used after dispose()`);
    this.name = 'CodecDisposedError';
  }
}
