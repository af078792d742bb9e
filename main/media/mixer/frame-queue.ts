/**
 * A short FIFO of 20 ms frames between two loops that tick on their own (a call's media and
 * the mixer). When the writer gets ahead by more than `max` frames the oldest go, back down to
 * `keep`, so the delay it adds stays bounded.
 */
export class FrameQueue {
  private frames: Int16Array[] = [];

  constructor(
    private readonly max = 4,
    private readonly keep = 2,
  ) {}

  get length(): number {
    return this.frames.length;
  }

  push(frame: Int16Array): void {
    this.frames.push(frame);
    if (this.frames.length > this.max) this.frames.splice(0, this.frames.length - this.keep);
  }

  shift(): Int16Array | undefined {
    return this.frames.shift();
  }

  clear(): void {
    this.frames = [];
  }
}
