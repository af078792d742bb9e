/** RFC 3711 §3.3.2: replay list size. The RFC asks for at least 64; we keep 128. */
export const REPLAY_WINDOW_SIZE = 128;

export type ReplayVerdict = 'new' | 'replayed' | 'too-old';

/**
 * A sliding replay window over packet indices (RFC 3711 §3.3.2): a bitmap of the last
 * REPLAY_WINDOW_SIZE indices, addressed by index modulo the size. Indices are below 2^53,
 * so plain numbers are exact.
 */
export class ReplayWindow {
  private top = -1;
  private readonly bits = new Uint32Array(REPLAY_WINDOW_SIZE / 32);

  /** The highest index accepted so far, or -1. */
  get highest(): number {
    return this.top;
  }

  check(index: number): ReplayVerdict {
    if (index > this.top) return 'new';
    if (this.top - index >= REPLAY_WINDOW_SIZE) return 'too-old';
    const slot = index % REPLAY_WINDOW_SIZE;
    return this.bits[slot >>> 5]! & (1 << (slot & 31)) ? 'replayed' : 'new';
  }

  /** Records an authenticated index (RFC 3711 §3.3.2: only after authentication succeeded). */
  accept(index: number): void {
    if (index > this.top) {
      if (this.top < 0 || index - this.top >= REPLAY_WINDOW_SIZE) {
        this.bits.fill(0);
      } else {
        for (let i = this.top + 1; i < index; i++) {
          const slot = i % REPLAY_WINDOW_SIZE;
          this.bits[slot >>> 5]! &= ~(1 << (slot & 31));
        }
      }
      this.top = index;
    }
    const slot = index % REPLAY_WINDOW_SIZE;
    this.bits[slot >>> 5]! |= 1 << (slot & 31);
  }
}
