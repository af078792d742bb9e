import type { MediaSessionError } from './errors';
import type { MediaSessionListener } from './media-events';

/** Hands errors to the listener once per kind, so a dead route does not flood it; a throwing listener is contained. */
export class ErrorReporter {
  private readonly seen = new Set<string>();

  constructor(private readonly listener: MediaSessionListener) {}

  report(error: MediaSessionError): void {
    const key = `${error.name}:${(error as { code?: string }).code ?? error.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    try {
      this.listener.onError?.(error);
    } catch {
      // a listener's fault is not the network's
    }
  }
}
