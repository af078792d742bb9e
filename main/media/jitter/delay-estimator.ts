/** Packets between two sorts of the window. */
const RESORT_EVERY = 10;

/**
 * The playout delay a stream needs: the chosen percentile of recent relative transit delays
 * (arrival time minus media time, less the smallest such value in the window), so that that
 * share of packets arrives before it is due. The RFC 3550 §A.8 interarrival jitter is kept
 * alongside for reports.
 */
export class DelayEstimator {
  private readonly transits: Float64Array;
  private count = 0;
  private next = 0;
  private lastTransit: number | undefined;
  private jitterMs = 0;
  private cached: number | undefined;
  private addsSinceSort = 0;

  constructor(
    private readonly window: number,
    private readonly percentile: number,
  ) {
    this.transits = new Float64Array(window);
  }

  /** One packet: its arrival in ms and its media time in ms (extended timestamp / rate). */
  add(arrivalMs: number, mediaMs: number): void {
    const transit = arrivalMs - mediaMs;
    // RFC 3550 §A.8: J += (|D| − J) / 16
    if (this.lastTransit !== undefined) this.jitterMs += (Math.abs(transit - this.lastTransit) - this.jitterMs) / 16;
    this.lastTransit = transit;
    this.transits[this.next] = transit;
    this.next = (this.next + 1) % this.window;
    this.count = Math.min(this.count + 1, this.window);
    // sorting the window costs; a spread at most RESORT_EVERY packets old is fresh enough
    if (++this.addsSinceSort >= RESORT_EVERY || this.count < RESORT_EVERY) this.cached = undefined;
  }

  /** RFC 3550 §A.8 interarrival jitter, ms. */
  get jitter(): number {
    return this.jitterMs;
  }

  /** Spread between the fastest packet and the percentile one, ms (0 with fewer than two packets). */
  spread(): number {
    if (this.cached !== undefined) return this.cached;
    if (this.count < 2) return 0;
    const sorted = Array.from(this.transits.subarray(0, this.count)).sort((a, b) => a - b);
    const at = Math.min(this.count - 1, Math.ceil(this.percentile * this.count) - 1);
    this.cached = sorted[at]! - sorted[0]!;
    this.addsSinceSort = 0;
    return this.cached;
  }

  /** A new stream: media times no longer relate to the old ones. */
  reset(): void {
    this.count = 0;
    this.next = 0;
    this.lastTransit = undefined;
    this.cached = undefined;
    this.addsSinceSort = 0;
  }
}
