/** A WAV file that cannot be read; `reason` names the fault. */
export class WavFormatError extends Error {
  constructor(
    readonly reason: 'not-riff' | 'not-wave' | 'no-fmt' | 'bad-fmt' | 'unsupported-format' | 'no-data' | 'bad-chunk' | 'too-short',
    message: string,
  ) {
    super(message);
    this.name = 'WavFormatError';
  }
}

/** A source or sink spec string (`FILE.wav`, `tone:HZ`, `silence`) that makes no sense. */
export class AudioSpecError extends Error {
  constructor(
    readonly spec: string,
    message: string,
  ) {
    super(message);
    this.name = 'AudioSpecError';
  }
}

/** A frame of the wrong length handed to a sink or resampler. */
export class AudioFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudioFrameError';
  }
}
