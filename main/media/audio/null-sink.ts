import type { AudioSink } from './audio-source';

/** Discards frames, counting them: for calls nobody records. */
export class NullSink implements AudioSink {
  frames = 0;

  write(_frame: Int16Array): void {
    this.frames++;
  }

  close(): void {}
}
