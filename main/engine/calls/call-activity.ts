import type { Call } from './call';

/** Tells listeners when the user's first call is established and when the last one ends (presence: on-the-phone). */
export class CallActivityWatch {
  private readonly listeners = new Set<(inCall: boolean) => void>();
  private inCall = false;

  watch(listener: (inCall: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks at the calls after a change; calls taken by voicemail are not the user's. */
  update(calls: Iterable<Call>): void {
    const inCall = [...calls].some((c) => c.state === 'connected' && !c.voicemail);
    if (inCall === this.inCall) return;
    this.inCall = inCall;
    for (const listener of this.listeners) listener(inCall);
  }
}
