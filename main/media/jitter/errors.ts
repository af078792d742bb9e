/** Jitter buffer options that cannot work together (a caller's bug, thrown at construction). */
export class JitterConfigError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'JitterConfigError';
  }
}
