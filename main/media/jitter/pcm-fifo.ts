/** A growable queue of PCM samples: decoded packets in, fixed-size frames out. */
export class PcmFifo {
  private buf = new Int16Array(4096);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  push(pcm: Int16Array): void {
    this.room(pcm.length);
    this.buf.set(pcm, this.end);
    this.end += pcm.length;
  }

  /** Appends `samples` zero samples. */
  pushSilence(samples: number): void {
    if (samples <= 0) return;
    this.room(samples);
    this.buf.fill(0, this.end, this.end + samples);
    this.end += samples;
  }

  /** The oldest `samples` samples (zero-filled when fewer are held). */
  take(samples: number): Int16Array {
    const out = new Int16Array(samples);
    const n = Math.min(samples, this.length);
    out.set(this.buf.subarray(this.start, this.start + n));
    this.start += n;
    if (this.start === this.end) this.start = this.end = 0;
    return out;
  }

  /** Makes space for `samples` more at the end: moves the held samples to the front, or grows. */
  private room(samples: number): void {
    if (this.end + samples <= this.buf.length) return;
    const held = this.length;
    if (held + samples <= this.buf.length) {
      this.buf.copyWithin(0, this.start, this.end);
    } else {
      const next = new Int16Array(2 * (held + samples));
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
    }
    this.start = 0;
    this.end = held;
  }

  clear(): void {
    this.start = this.end = 0;
  }
}
