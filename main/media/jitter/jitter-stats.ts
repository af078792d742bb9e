/** What one jitter buffer has seen and done, for quality reports and tests. */
export interface JitterStats {
  /** Packets accepted into the buffer. */
  received: number;
  /** Packets that came after their playout time and were discarded. */
  late: number;
  /** Packets received twice. */
  duplicates: number;
  /** Frames concealed because their packet never came while later ones did. */
  lost: number;
  /** Frames concealed because the buffer ran dry. */
  underruns: number;
  /** Frames recovered from the next packet's redundancy (Opus FEC) rather than concealed. */
  recovered: number;
  /** Frames dropped to shorten the delay, and concealed frames inserted to lengthen it. */
  dropped: number;
  inserted: number;
  /** Playout restarts: new talk spurt after silence, timestamp jump, new SSRC. */
  resyncs: number;
  /** Average buffered audio ahead of the frame being played, ms. */
  delayMs: number;
  /** The delay the buffer aims for, ms. */
  targetMs: number;
  /** RFC 3550 §A.8 interarrival jitter, ms. */
  jitterMs: number;
}

export function emptyJitterStats(): JitterStats {
  return { received: 0, late: 0, duplicates: 0, lost: 0, underruns: 0, recovered: 0, dropped: 0, inserted: 0, resyncs: 0, delayMs: 0, targetMs: 0, jitterMs: 0 };
}
