/** Where outgoing audio comes from: one 20 ms frame at 48 kHz per read(). */
export interface AudioSource {
  /** The next frame (FRAME_SAMPLES samples), or null once the source has ended. */
  read(): Int16Array | null;
  close(): void;
}

/** Where incoming audio goes: 20 ms frames at 48 kHz. */
export interface AudioSink {
  write(frame: Int16Array): void;
  close(): void;
}
