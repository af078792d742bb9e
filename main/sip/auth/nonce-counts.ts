/** The outcome of presenting a nonce count. */
export type CountCheck = 'fresh' | 'replay' | 'forgotten';

/**
 * The highest nc seen per nonce (RFC 7616 §3.4: the server checks that nc grows, to detect
 * replays). Bounded: past `limit` nonces the oldest is dropped, and every nonce issued no
 * later than a dropped one is then refused as forgotten, so a replay cannot slip through.
 */
export class NonceCounts {
  private readonly seen = new Map<string, { nc: number; issuedAt: number }>();
  private forgottenUpTo = -Infinity;

  constructor(private readonly limit = 10_000) {}

  /** Records `nc` for the nonce if it is higher than any seen before. */
  use(nonce: string, issuedAt: number, nc: number): CountCheck {
    const entry = this.seen.get(nonce);
    if (entry) {
      if (nc <= entry.nc) return 'replay';
      entry.nc = nc;
      return 'fresh';
    }
    if (issuedAt <= this.forgottenUpTo) return 'forgotten';
    this.seen.set(nonce, { nc, issuedAt });
    while (this.seen.size > this.limit) this.dropOldest();
    return 'fresh';
  }

  /** Forgets nonces issued before `cutoff` (they are expired and will be refused as stale anyway). */
  prune(cutoff: number): void {
    for (const [nonce, e] of this.seen) {
      if (e.issuedAt < cutoff) this.seen.delete(nonce);
    }
  }

  get size(): number {
    return this.seen.size;
  }

  private dropOldest(): void {
    let oldest: [string, { issuedAt: number }] | undefined;
    for (const entry of this.seen) if (!oldest || entry[1].issuedAt < oldest[1].issuedAt) oldest = entry;
    if (!oldest) return;
    this.seen.delete(oldest[0]);
    this.forgottenUpTo = Math.max(this.forgottenUpTo, oldest[1].issuedAt);
  }
}
