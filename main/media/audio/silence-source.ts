import type { AudioSource } from './audio-source';
import { FRAME_SAMPLES } from './frame';

/** Endless digital silence. */
export class SilenceSource implements AudioSource {
  read(): Int16Array {
    return new Int16Array(FRAME_SAMPLES);
  }

  close(): void {}
}
