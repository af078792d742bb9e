/** A growable queue of PCM samples: decoded packets in, fixed-size frames out. */
export class PcmFifo {
  private buf = new Int16Array(4096);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  push(pcm: Int16Array): void {
    if (this.end + pcm.length > this.buf.length) {
      const size = Math.max(this.buf.length, 2 * (this.length + pcm.length));
      const next = new Int16Array(size);
      next.set(this.buf.subarray(this.start, this.end));
      this.end -= this.start;
      this.start = 0;
      this.buf = next;
    }
    this.buf.set(pcm, this.end);
    this.end += pcm.length;
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

  clear(): void {
    this.start = this.end = 0;
  }
}
