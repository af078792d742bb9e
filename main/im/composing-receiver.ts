import type { Clock, TimerHandle } from '../lib/clock';
import { DEFAULT_ACTIVE_TIMEOUT_S, type ComposingState, type IsComposing } from './is-composing';

/**
 * The receiving side of RFC 3994 §4 for each peer: `active` lasts for its refresh value
 * (120 s when absent) unless refreshed, and ends at `idle` or when a message arrives.
 */
export class ComposingReceiver {
  private readonly active = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly changed: (peer: string, state: ComposingState) => void,
  ) {}

  indication(peer: string, doc: IsComposing): void {
    if (doc.state === 'idle') return this.idle(peer);
    const wasActive = this.active.has(peer);
    this.clock.clearTimeout(this.active.get(peer));
    const seconds = doc.refresh ?? DEFAULT_ACTIVE_TIMEOUT_S;
    this.active.set(peer, this.clock.setTimeout(() => this.idle(peer), seconds * 1000));
    if (!wasActive) this.changed(peer, 'active');
  }

  /** RFC 3994 §4: a message from the peer means they stopped composing it. */
  messageArrived(peer: string): void {
    this.idle(peer);
  }

  dispose(): void {
    for (const timer of this.active.values()) this.clock.clearTimeout(timer);
    this.active.clear();
  }

  private idle(peer: string): void {
    const timer = this.active.get(peer);
    if (timer === undefined) return;
    this.clock.clearTimeout(timer);
    this.active.delete(peer);
    this.changed(peer, 'idle');
  }
}
