import type { Blacklist } from './blacklist';
import type { SipTarget } from './sip-target';

/**
 * Walks the targets of one request in order, for failover (RFC 3263 §4.3: on a transaction
 * timeout, a transport error or a 503, try the next element). Targets on the blacklist are
 * held back to the end, as a last resort rather than never.
 */
export class TargetIterator {
  private readonly order: SipTarget[];
  private index = 0;

  constructor(
    targets: readonly SipTarget[],
    private readonly blacklist: Blacklist,
    private readonly blacklistMs: number,
  ) {
    const fresh = targets.filter((t) => !blacklist.has(t));
    const held = targets.filter((t) => blacklist.has(t));
    this.order = [...fresh, ...held];
  }

  /** The next target to try, or undefined when every one has been tried. */
  next(): SipTarget | undefined {
    return this.order[this.index++];
  }

  /**
   * Records that a target timed out, broke or answered 503 (then call next()). A 503's
   * Retry-After keeps the target aside that long (RFC 3261 §21.5.4).
   */
  fail(target: SipTarget, retryAfterSeconds?: number): void {
    this.blacklist.add(target, retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : this.blacklistMs);
  }

  /** Targets not yet handed out. */
  remaining(): readonly SipTarget[] {
    return this.order.slice(this.index);
  }
}
