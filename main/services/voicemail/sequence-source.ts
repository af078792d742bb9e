import { FRAME_SAMPLES, type AudioSource } from '../../media/audio';

/**
 * Plays sources one after another, then silence; `onEnd` is called once, on the frame after
 * the last source ran out.
 */
export class SequenceSource implements AudioSource {
  private index = 0;
  private ended = false;

  constructor(
    private readonly sources: AudioSource[],
    private readonly onEnd: () => void,
  ) {}

  read(): Int16Array {
    while (this.index < this.sources.length) {
      const frame = this.sources[this.index]!.read();
      if (frame) return frame;
      this.sources[this.index]!.close();
      this.index++;
    }
    if (!this.ended) {
      this.ended = true;
      queueMicrotask(this.onEnd);
    }
    return new Int16Array(FRAME_SAMPLES);
  }

  close(): void {
    for (const s of this.sources.slice(this.index)) s.close();
    this.index = this.sources.length;
    this.ended = true;
  }
}
