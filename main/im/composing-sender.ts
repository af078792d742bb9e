import type { Clock, TimerHandle } from '../lib/clock';
import { IDLE_TIMEOUT_MS, REFRESH_SECONDS, type ComposingState } from './is-composing';

interface Typing {
  lastActiveAt: number;
  idleTimer: TimerHandle;
}

/**
 * The sending side of RFC 3994 §3.2 for each peer: `active` when typing starts, again at most
 * once per refresh interval while it goes on, `idle` after 15 s without typing. A sent
 * message ends the active state without an idle indication (the receiver goes idle on it).
 */
export class ComposingSender {
  private readonly peers = new Map<string, Typing>();

  constructor(
    private readonly clock: Clock,
    private readonly send: (peer: string, state: ComposingState, refresh?: number) => void,
  ) {}

  typing(peer: string): void {
    const now = this.clock.now();
    const current = this.peers.get(peer);
    if (current) this.clock.clearTimeout(current.idleTimer);
    // RFC 3994 §3.2: refresh the active state before the receiver's refresh timer runs out.
    const due = !current || now - current.lastActiveAt >= (REFRESH_SECONDS * 1000) / 2;
    if (due) this.send(peer, 'active', REFRESH_SECONDS);
    this.peers.set(peer, {
      lastActiveAt: due ? now : (current as Typing).lastActiveAt,
      idleTimer: this.clock.setTimeout(() => this.stopped(peer), IDLE_TIMEOUT_MS),
    });
  }

  /** The user stopped typing (or the idle timeout fired): `idle` once. */
  stopped(peer: string): void {
    if (!this.end(peer)) return;
    this.send(peer, 'idle');
  }

  /** A message went to `peer`: RFC 3994 §3.2 lets the receiver go idle on its own. */
  messageSent(peer: string): void {
    this.end(peer);
  }

  dispose(): void {
    for (const peer of [...this.peers.keys()]) this.end(peer);
  }

  private end(peer: string): boolean {
    const current = this.peers.get(peer);
    if (!current) return false;
    this.clock.clearTimeout(current.idleTimer);
    this.peers.delete(peer);
    return true;
  }
}
