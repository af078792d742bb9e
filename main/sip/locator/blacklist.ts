import type { Clock } from '../../lib/clock';
import { targetKey, type SipTarget } from './sip-target';

/** Targets that failed lately, kept aside until a time passes (RFC 3263 §4.3). */
export class Blacklist {
  private readonly until = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  add(target: SipTarget, forMs: number): void {
    const key = targetKey(target);
    const end = this.clock.now() + forMs;
    this.until.set(key, Math.max(end, this.until.get(key) ?? 0));
  }

  has(target: SipTarget): boolean {
    const key = targetKey(target);
    const end = this.until.get(key);
    if (end === undefined) return false;
    if (end > this.clock.now()) return true;
    this.until.delete(key);
    return false;
  }

  clear(): void {
    this.until.clear();
  }
}
