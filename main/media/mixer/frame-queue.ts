/**
 * A short FIFO of 20 ms frames between two loops that tick on their own (a call's media and
 * the mixer). A busy event loop runs overdue ticks in bursts, so the queue waits until it holds
 * `prime` frames before it gives any (and again after running dry), and when the writer gets
 * ahead by more than `max` frames the oldest go, back down to `keep`: the delay it adds stays
 * bounded and a burst on either side does not turn into gaps.
 */
export class FrameQueue {
  private frames: Int16Array[] = [];
  private flowing = false;

  constructor(
    private readonly max = 8,
    private readonly keep = 3,
    private readonly prime = 2,
  ) {}

  get length(): number {
    return this.frames.length;
  }

  push(frame: Int16Array): void {
    this.frames.push(frame);
    if (this.frames.length > this.max) this.frames.splice(0, this.frames.length - this.keep);
    if (this.frames.length >= this.prime) this.flowing = true;
  }

  /** The oldest frame, or undefined while priming or dry. */
  shift(): Int16Array | undefined {
    if (!this.flowing) return undefined;
    const frame = this.frames.shift();
    if (!frame) this.flowing = false;
    return frame;
  }

  clear(): void {
    this.frames = [];
    this.flowing = false;
  }
}
